import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A server's direct SQLite connections (see ``SQLiteDirectConnection``) to one database file:
/// readers, one user at a time each, opened as needed and kept; and one writer, used only on a
/// thread of its own, so a write that waits for another process's lock (up to the busy timeout)
/// blocks that thread and never one of Swift's concurrency threads.
///
/// A read is first tried where it is asked for (in a server, the event loop serving the request),
/// for at most ``readHereLimit`` of its CPU time and without waiting for a lock: most reads
/// finish well within it, with no hand-over to another thread and back. A read that takes longer
/// is interrupted (``SQLiteReadWatchdog``) and runs again on a reader thread of its own, so one
/// long report never holds an event loop that other requests need for more than that.
final class SQLiteDirectAccess: Sendable {
    /// Idle readers kept for reuse; more than this are closed when given back.
    private static let keptReaders = 8
    /// The CPU time a read may take on the thread that asked for it before it moves to a reader
    /// thread.
    static let readHereLimit = Duration.milliseconds(2)

    private let path: String
    private let idle = NIOLockedValueBox((readers: [SQLiteDirectConnection](), closed: false))
    /// The writer, opened on first use; touched only on `writerThread`.
    private let writer = NIOLockedValueBox<SQLiteDirectConnection?>(nil)
    private let writerThread = NIOThreadPool(numberOfThreads: 1)
    private let readerThreads = NIOThreadPool(numberOfThreads: min(4, max(2, System.coreCount)))
    private let watchdog = SQLiteReadWatchdog()

    /// Direct access to the SQLite file at `path`, which must exist (connections never create it).
    init(path: String) {
        self.path = path
        writerThread.start()
        readerThreads.start()
    }

    /// Reads that did not finish within ``readHereLimit`` (or met a lock) and ran again on a reader
    /// thread: for tests and diagnostics.
    let readsMoved = NIOLockedValueBox(0)

    /// Runs `body` on an idle reader (or a new one): here when it finishes within
    /// ``readHereLimit``, else again from the start on one of the readers' own threads. `body`
    /// must only read, since it may run twice.
    func read<Result: Sendable>(_ body: @escaping @Sendable (SQLiteDirectConnection) throws -> Result) async throws -> Result {
        if let result = try readHere(body) { return result }
        readsMoved.withLockedValue { $0 += 1 }
        return try await readerThreads.runIfActive { [self] in
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
        watchdog.stop()
    }

    /// `body` on the caller's thread, limited to ``readHereLimit``; nil when it was interrupted
    /// or met a lock (having changed nothing: a reader cannot write).
    private func readHere<Result>(_ body: (SQLiteDirectConnection) throws -> Result) throws -> Result? {
        let reader = try takeReader()
        defer { giveBack(reader) }
        let ticket = watchdog.watch(reader, for: Self.readHereLimit)
        defer { watchdog.release(ticket) }
        do {
            return try reader.withoutWaitingForLocks { try body(reader) }
        } catch let error as SQLiteDirectError where error.isInterrupted || error.isBusy {
            return nil
        }
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
