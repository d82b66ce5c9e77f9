import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A server's direct SQLite connections (see ``SQLiteDirectConnection``) to one database file:
/// readers used on threads of their own, one at a time each, opened as needed and kept; and one
/// writer, used only on a thread of its own, so a write that waits for another process's lock
/// (up to the busy timeout) blocks that thread and never one of Swift's concurrency threads.
final class SQLiteDirectAccess: Sendable {
    /// Idle readers kept for reuse; more than this are closed when given back.
    private static let keptReaders = 8

    private let path: String
    private let idle = NIOLockedValueBox((readers: [SQLiteDirectConnection](), closed: false))
    /// The writer, opened on first use; touched only on `writerThread`.
    private let writer = NIOLockedValueBox<SQLiteDirectConnection?>(nil)
    private let writerThread = NIOThreadPool(numberOfThreads: 1)
    private let readerThreads = NIOThreadPool(numberOfThreads: min(4, max(2, System.coreCount)))

    /// Direct access to the SQLite file at `path`, which must exist (connections never create it).
    init(path: String) {
        self.path = path
        writerThread.start()
        readerThreads.start()
    }

    /// Runs `body` on an idle reader (or a new one), on one of the readers' own threads: a long
    /// report then occupies a reader thread, never an event loop that other requests need.
    func read<Result: Sendable>(_ body: @escaping @Sendable (SQLiteDirectConnection) throws -> Result) async throws -> Result {
        try await readerThreads.runIfActive { [self] in
            let reader = try takeReader()
            defer { giveBack(reader) }
            return try body(reader)
        }
    }

    /// Runs `body` on the writer, on the writer's thread, after every write handed over before it.
    func write<Result: Sendable>(_ body: @escaping @Sendable (SQLiteDirectConnection) throws -> Result) async throws -> Result {
        let path = self.path, writer = self.writer
        return try await writerThread.runIfActive {
            let connection = try writer.withLockedValue { current in
                if let current { return current }
                let opened = try SQLiteDirectConnection(path: path, reader: false)
                current = opened
                return opened
            }
            return try body(connection)
        }
    }

    /// Closes every connection and the writer's thread. Readers in use close when given back.
    func close() async {
        let readers = idle.withLockedValue { idle in
            idle.closed = true
            defer { idle.readers = [] }
            return idle.readers
        }
        readers.forEach { $0.close() }
        let writer = self.writer
        try? await writerThread.runIfActive { writer.withLockedValue { $0?.close(); $0 = nil } }
        try? await writerThread.shutdownGracefully()
        try? await readerThreads.shutdownGracefully()
    }

    private func takeReader() throws -> SQLiteDirectConnection {
        let taken: SQLiteDirectConnection?? = idle.withLockedValue { idle in
            idle.closed ? .none : .some(idle.readers.popLast())
        }
        guard let taken else { throw SQLiteDirectError(code: 21, message: "the database handle is closed") }
        return try taken ?? SQLiteDirectConnection(path: path, reader: true)
    }

    private func giveBack(_ reader: SQLiteDirectConnection) {
        let kept = idle.withLockedValue { idle in
            guard !idle.closed, idle.readers.count < Self.keptReaders else { return false }
            idle.readers.append(reader)
            return true
        }
        if !kept { reader.close() }
    }
}
