import Foundation

/// Interrupts reads that run past their time limit, from a thread of its own: SQLite's own
/// progress callback is compiled out of SQLiteNIO's copy, and `sqlite3_interrupt` is the one call
/// SQLite allows from another thread.
///
/// The limit is on the CPU time of the reading thread, so a read that only waited for a core
/// (two cores, busier threads) is not sent away; a much longer limit on the time on the clock
/// catches a read that waits for the disk instead.
///
/// Watching a read costs a lock and a dictionary entry, with no thread woken: the watchdog's
/// thread looks every half millisecond while reads are watched, and sleeps while none are.
final class SQLiteReadWatchdog: @unchecked Sendable {
    /// How often the watchdog looks at the watched reads while there are any.
    private static let interval: useconds_t = 500
    /// The time on the clock after which a read is interrupted, whatever its CPU time.
    private static let wallLimit: UInt64 = 100_000_000

    /// A read being watched: its connection, its thread's CPU clock and when it started.
    private struct Read {
        let connection: SQLiteDirectConnection
        let clock: clockid_t
        let cpuDeadline: UInt64
        let wallDeadline: UInt64
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var watched: [Int: Read] = [:]
    private var nextTicket = 0
    private var stopped = false

    init() {
        let thread = Thread { [self] in run() }
        thread.name = "persist SQLite watchdog"
        thread.start()
    }

    /// Watches `connection`, which the calling thread is about to use, until ``release(_:)``: if
    /// that has not come after `limit` of this thread's CPU time, the statement running on it is
    /// interrupted. Returns the ticket to release.
    func watch(_ connection: SQLiteDirectConnection, for limit: Duration) -> Int {
        let (seconds, attoseconds) = limit.components
        let nanoseconds = UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
        var clock = clockid_t()
        if pthread_getcpuclockid(pthread_self(), &clock) != 0 { clock = CLOCK_MONOTONIC }
        let read = Read(
            connection: connection, clock: clock,
            cpuDeadline: Self.now(clock) + nanoseconds, wallDeadline: Self.now(CLOCK_MONOTONIC) + Self.wallLimit
        )
        condition.lock()
        defer { condition.unlock() }
        nextTicket += 1
        watched[nextTicket] = read
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
            let now = Self.now(CLOCK_MONOTONIC)
            for (ticket, read) in watched where read.wallDeadline <= now || read.cpuDeadline <= Self.now(read.clock) {
                read.connection.interrupt()
                watched[ticket] = nil
            }
            condition.unlock()
            usleep(Self.interval)
        }
    }

    /// `clock`'s time in nanoseconds (0 if it cannot be read: never past a deadline).
    private static func now(_ clock: clockid_t) -> UInt64 {
        var time = timespec()
        guard clock_gettime(clock, &time) == 0 else { return 0 }
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
