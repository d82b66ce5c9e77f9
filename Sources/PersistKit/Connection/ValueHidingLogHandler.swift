import Logging

/// A log handler that passes everything on to another, except the values of statements: the
/// drivers log, at debug level, each statement's bound values (SQLKit's `binds`) and FluentKit
/// each query's `input` and `filters`. Those hold e-mail addresses, amounts, password and token
/// hashes, so they are replaced by how many there were; the SQL text itself is kept.
struct ValueHidingLogHandler: LogHandler {
    /// The metadata keys whose values are hidden.
    static let hiddenKeys: Set<String> = ["binds", "input", "filters"]

    private var base: any LogHandler

    init(wrapping base: any LogHandler) {
        self.base = base
    }

    func log(event: LogEvent) {
        var event = event
        if let metadata = event.metadata, !Self.hiddenKeys.isDisjoint(with: metadata.keys) {
            event.metadata = metadata.reduce(into: [:]) { result, entry in
                result[entry.key] = Self.hiddenKeys.contains(entry.key) ? .string(Self.count(entry.value)) : entry.value
            }
        }
        base.log(event: event)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set { base[metadataKey: key] = newValue }
    }

    var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }

    var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }

    private static func count(_ value: Logger.Metadata.Value) -> String {
        guard case .array(let values) = value else { return "(hidden)" }
        return "(\(values.count) hidden)"
    }
}

extension Logger {
    /// This logger, with statements' values hidden (see ``ValueHidingLogHandler``).
    var hidingStatementValues: Logger {
        guard !(handler is ValueHidingLogHandler) else { return self }
        var logger = self
        logger.handler = ValueHidingLogHandler(wrapping: handler)
        return logger
    }
}
