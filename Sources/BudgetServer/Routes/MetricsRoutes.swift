import Foundation
import Hummingbird
import Metrics
import NIOConcurrencyHelpers
import NIOCore
import PersistKit
import Prometheus

/// `/metrics` in Prometheus's text format: requests by route, method and status and their
/// latency (recorded by Hummingbird's `MetricsMiddleware` through swift-metrics), and the
/// database pool's connections in use and requests waiting for one.
struct MetricsRoutes {
    let registry: PrometheusCollectorRegistry
    let handle: DatabaseHandle

    /// Sends swift-metrics to `registry` (once per process).
    static func bootstrap(_ registry: PrometheusCollectorRegistry) {
        bootstrapOnce.withLockedValue { done in
            guard !done else { return }
            var factory = PrometheusMetricsFactory(registry: registry)
            factory.defaultDurationHistogramBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000].map { .milliseconds($0) }
            MetricsSystem.bootstrap(factory)
            done = true
        }
    }

    private static let bootstrapOnce = NIOLockedValueBox(false)

    func add(to router: Router<ServerContext>) {
        func gauge(_ name: String, unit: String, _ help: String) -> Prometheus.Gauge {
            registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "persist", subsystem: "pool", metricName: name, unitName: unit, helpText: help))
        }
        let inUse = gauge("in_use", unit: "connections", "Database connections held by requests")
        let waiting = gauge("waiting", unit: "requests", "Requests waiting for a database connection")
        let size = gauge("size", unit: "connections", "Connections the pool may open")
        router.get("metrics") { _, _ -> Response in
            inUse.set(to: Double(handle.activity.inUse))
            waiting.set(to: Double(handle.activity.waiting))
            size.set(to: Double(handle.limits.poolSize))
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
            )
        }
    }
}
