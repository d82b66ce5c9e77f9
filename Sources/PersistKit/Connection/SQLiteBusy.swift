import SQLiteNIO

/// SQLite's "database is locked": another connection held the lock for longer than the busy
/// timeout. For work that is safe to repeat from the start (it wrote nothing), waiting longer is
/// better than failing.
enum SQLiteBusy {
    /// Whether `error` is SQLite reporting a lock it could not get in time.
    static func matches(_ error: any Error) -> Bool {
        if let error = error as? SQLiteDirectError { return error.isBusy }
        guard let error = error as? SQLiteError else { return false }
        return [.busy, .locked, .busyInRecovery, .busyInSnapshot, .busyTimeout, .lockedBySharedCache].contains(error.reason)
    }

    /// Runs `work`, and again while SQLite reports the database locked, for up to `seconds`.
    static func retrying<Result: Sendable>(for seconds: Int, _ work: () async throws -> Result) async throws -> Result {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while true {
            do {
                return try await work()
            } catch where matches(error) && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }
}
