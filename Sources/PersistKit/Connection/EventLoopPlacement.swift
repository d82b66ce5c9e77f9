/// Where a ``DatabaseHandle``'s connections do their network I/O.
///
/// A struct with named values rather than an enum, so that a new placement is not a breaking
/// change for callers.
public struct EventLoopPlacement: Hashable, Sendable, CustomStringConvertible {
    /// The placement's name.
    public let description: String
    private init(_ name: String) { description = name }

    /// One event loop and thread of the handle's own, closed with it: for a command, a test or a
    /// worker, whose work then never waits behind another handle's.
    public static let dedicated = EventLoopPlacement("dedicated")

    /// For a long-lived server holding one handle for all its requests. PostgreSQL: NIO's shared
    /// event loops (`MultiThreadedEventLoopGroup.singleton`), with the pool spread over as many of
    /// them as divide its size evenly. An SQLite file: threads of the handle's own (a connection
    /// blocks while it waits for the write lock), one writing connection and a reader connection
    /// per core beside it, so reads never wait behind a write.
    public static let shared = EventLoopPlacement("shared")
}
