import Foundation
import Logging
import NIOConcurrencyHelpers

/// Counts the SQL statements a ``DatabaseHandle`` sends, for `--stats` and for tests that prove
/// a listing runs a constant number of queries (no N+1).
///
/// FluentKit's SQLite and PostgreSQL drivers log every statement they send as "Executing query"
/// with the SQL in the metadata; the counter sees those messages through the handle's logger.
public final class StatementCounter: Sendable {
    private let count = NIOLockedValueBox(0)

    /// A new counter at zero.
    public init() {}

    /// Statements sent so far.
    public var value: Int { count.withLockedValue { $0 } }

    /// Sets the counter back to zero.
    public func reset() { count.withLockedValue { $0 = 0 } }

    fileprivate func increment() { count.withLockedValue { $0 += 1 } }

    /// A logger that counts statements and forwards every message to `base`, at `base`'s level.
    func logger(wrapping base: Logger) -> Logger {
        var logger = Logger(label: base.label) { _ in CountingLogHandler(counter: self, base: base) }
        logger.logLevel = .debug
        return logger
    }
}

/// Forwards to the caller's logger, counting the drivers' "Executing query" messages on the way.
private struct CountingLogHandler: LogHandler {
    let counter: StatementCounter
    var base: Logger
    var metadata: Logger.Metadata = [:]
    // The handler must see debug messages (the drivers log SQL at debug) to count them.
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        if event.level == .debug, event.message.description == "Executing query",
           case .string(let sql)? = event.metadata?["sql"], !sql.contains("persist_pre_ping") {
            counter.increment()
        }
        guard event.level >= base.logLevel else { return }
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        base.log(level: event.level, event.message, metadata: merged, source: event.source, file: event.file, function: event.function, line: event.line)
    }
}
