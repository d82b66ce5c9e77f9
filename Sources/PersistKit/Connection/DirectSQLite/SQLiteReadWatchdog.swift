import Foundation

/// Interrupts reads that run past their time limit, from a thread of its own: SQLite's own
/// progress callback is compiled out of SQLiteNIO's copy, and `sqlite3_interrupt` is the one call
/// SQLite allows from another thread.
///
/// Watching a read costs a lock and a dictionary entry, with no thread woken: the watchdog's
/// thread looks every half millisecond while reads are watched, and sleeps while none are.
final class SQLiteReadWatchdog: @unchecked Sendable {
    /// How often the watchdog looks at the watched reads while there are any.
    private static let interval: useconds_t = 500

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var watched: [Int: (connection: SQLiteDirectConnection, deadline: UInt64)] = [:]
    private var nextTicket = 0
    private var stopped = false

    init() {
        let thread = Thread { [self] in run() }
        thread.name = "persist SQLite watchdog"
        thread.start()
    }

    /// Watches `connection` until ``release(_:)``: if that has not come within `limit`, the
    /// statement running on it is interrupted. Returns the ticket to release.
    func watch(_ connection: SQLiteDirectConnection, for limit: Duration) -> Int {
        let (seconds, attoseconds) = limit.components
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
        condition.lock()
        defer { condition.unlock() }
        nextTicket += 1
        watched[nextTicket] = (connection, deadline)
        if watched.count == 1 { condition.signal() }
        return nextTicket
    }

    /// Stops watching: once this returns, the watchdog never interrupts that read's connection.
    func release(_ ticket: Int) {
        condition.lock()
        watched[ticket] = nil
        condition.unlock()
    }

    /// Ends the watchdog's thread.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while watched.isEmpty && !stopped { condition.wait() }
            if stopped {
                condition.unlock()
                return
            }
            // Under the lock, so a read released meanwhile is never interrupted afterwards (its
            // connection may already be serving another read, or closed).
            let now = DispatchTime.now().uptimeNanoseconds
            for (ticket, read) in watched where read.deadline <= now {
                read.connection.interrupt()
                watched[ticket] = nil
            }
            condition.unlock()
            usleep(Self.interval)
        }
    }
}
