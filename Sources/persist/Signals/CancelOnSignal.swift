import Dispatch
import Foundation
import PersistKit

/// Runs work that Ctrl-C (SIGINT) or SIGTERM cancels instead of killing the process half way, so
/// its transaction is rolled back before persist exits. A second signal ends the process at once.
///
/// ```swift
/// let summary = try await CancelOnSignal.run(doing: "import") { stop in
///     try await ledger.importExpenses(from: file, stop: stop)
/// }
/// ```
enum CancelOnSignal {
    /// The work was cancelled by `signal` and rolled back.
    struct Cancelled: Error, CustomStringConvertible {
        let work: String
        let signal: Int32
        var description: String { "\(work) cancelled, nothing written" }
        /// The shell's convention: 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM).
        var exitStatus: Int32 { 128 + signal }
    }

    /// How long work may take to stop after the first signal before the process ends anyway.
    static let gracePeriod = DispatchTimeInterval.seconds(2)

    /// Runs `body`; on SIGINT or SIGTERM requests it to stop (and cancels its task) and, once it has
    /// unwound, throws ``Cancelled``.
    ///
    /// Work that finished before it saw the cancellation keeps its result: a committed import is
    /// reported as done, never as cancelled.
    static func run<T: Sendable>(doing work: String, _ body: @escaping @Sendable (StopRequest) async throws -> T) async throws -> T {
        let stop = StopRequest()
        let task = Task { try await body(stop) }
        let received = ReceivedSignal()
        let finished = ReceivedSignal()
        let sources = [SIGINT, SIGTERM].map { number in
            // The default action would end the process at once; dispatch needs it ignored to see it.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                guard received.record(number) else { return }
                // A second signal takes the default action: the user insists.
                signal(SIGINT, SIG_DFL)
                signal(SIGTERM, SIG_DFL)
                stop.request()
                task.cancel()
                // Work blocked outside persist's checks (opening a pipe that has no writer yet,
                // a stalled read) cannot see the request: after a grace period the process ends
                // by itself. Nothing was committed (the commit comes after the last check), and
                // an ended process's open transaction is rolled back by the database.
                DispatchQueue.global().asyncAfter(deadline: .now() + CancelOnSignal.gracePeriod) {
                    // The work ended in time (and said so itself): nothing to do.
                    guard finished.record(0) else { return }
                    FileHandle.standardError.write(Data("persist: error: \(Cancelled(work: work, signal: number).description)\n".utf8))
                    _exit(128 + number)
                }
            }
            source.resume()
            return source
        }
        defer {
            _ = finished.record(0)
            sources.forEach { $0.cancel() }
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        do {
            return try await task.value
        } catch is CancellationError {
            throw Cancelled(work: work, signal: received.value ?? SIGINT)
        }
    }
}

/// The first signal received, set once from dispatch's queue.
private final class ReceivedSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var number: Int32?

    var value: Int32? { lock.withLock { number } }

    /// Records `signal` if it is the first; returns whether it was.
    func record(_ signal: Int32) -> Bool {
        lock.withLock {
            guard number == nil else { return false }
            number = signal
            return true
        }
    }
}
