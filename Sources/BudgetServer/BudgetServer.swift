import BudgetTracker
import Foundation
import Hummingbird
import NIOPosix
import Logging
import NIOCore
import PersistKit
import Prometheus
import ServiceLifecycle

/// The budget tracker as a multi-user HTTP service (`persist serve`): a JSON API under `/api`
/// where each signed-in user reaches only their own data, the same as web pages at `/`, and
/// `/healthz`, `/readyz`, `/metrics`.
///
/// The server keeps no state of its own (sessions, sign-in failures and data are all in the
/// database), so any number of instances can serve one database behind a proxy.
public enum BudgetServer {
    /// Where and how the server listens.
    public struct Settings: Sendable {
        /// The address to bind (default loopback only).
        public var host = "127.0.0.1"
        /// The port; 0 picks a free one.
        public var port = 8080
        /// How long a connection may sit idle (a slow or silent client) before it is closed.
        public var idleTimeout: TimeAmount = .seconds(30)
        /// How long requests in flight may take to finish after SIGTERM before they are cancelled.
        public var shutdownDeadline: Duration = .seconds(10)
        /// Sign-in limits and session lifetime.
        public var signIn = SignInLimits()

        /// The defaults.
        public init() {}
    }

    /// Serves `handle`'s database until SIGTERM or SIGINT, then stops accepting connections,
    /// lets requests in flight finish, and returns (the caller closes the handle).
    ///
    /// - Parameter ready: called once with the address the server listens on (`http://…:port`).
    /// Makes NIO's event loops (one thread per core) run Swift concurrency's tasks too, for the
    /// rest of the process: a request is then read, handled and answered on one thread, without
    /// a hand-over between NIO's threads and Swift's for every request. Call it once, first
    /// thing, in a process that is about to serve; `false` where it is not possible.
    public static func runTasksOnEventLoops() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    public static func run(
        on handle: DatabaseHandle, settings: Settings, logger: Logger, ready: @escaping @Sendable (String) -> Void
    ) async throws {
        let registry = PrometheusCollectorRegistry()
        MetricsRoutes.bootstrap(registry)
        let app = Application(
            router: router(for: Ledger(handle), settings: settings, registry: registry),
            server: .http1(configuration: .init(idleTimeout: settings.idleTimeout)),
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? settings.port
                let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
                ready("http://\(host):\(port)")
            },
            logger: logger
        )
        // SIGTERM or Ctrl-C: stop accepting, let requests in flight finish; one that has not
        // finished in time (a client trickling a body byte by byte) is cancelled.
        var configuration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = settings.shutdownDeadline
        configuration.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: configuration).run()
    }

    /// Every route, behind the middleware that reports problems, logs requests and finds the
    /// signed-in user.
    static func router(for ledger: Ledger, settings: Settings, registry: PrometheusCollectorRegistry) -> Router<ServerContext> {
        let router = Router(context: ServerContext.self, options: .autoGenerateHeadEndpoints)
        // Outside the problem middleware, so it counts the status the client got.
        router.add(middleware: MetricsMiddleware())
        let pages = WebPages()
        router.add(middleware: ProblemMiddleware(pages: pages))
        OperationsRoutes(ledger: ledger).add(to: router)
        MetricsRoutes(registry: registry, handle: ledger.handle).add(to: router)
        let api = router.group("api").add(middleware: JSONBodyMiddleware()).add(middleware: SessionMiddleware(ledger: ledger))
        AccountRoutes(ledger: ledger, limits: settings.signIn).add(to: api)
        let signedIn = api.group().add(middleware: RequireUser())
        CategoryRoutes(ledger: ledger).add(to: signedIn)
        ExpenseRoutes(ledger: ledger).add(to: signedIn)
        ReportRoutes(ledger: ledger).add(to: signedIn)
        BudgetRoutes(ledger: ledger).add(to: signedIn)
        RecurringRoutes(ledger: ledger).add(to: signedIn)
        LedgerFileRoutes(ledger: ledger).add(to: signedIn)
        WebRoutes(ledger: ledger, limits: settings.signIn, pages: pages).add(to: router)
        return router
    }
}
