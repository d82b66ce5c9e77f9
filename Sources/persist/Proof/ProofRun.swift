import Foundation
import PersistKit
import PersistTooling

/// The whole persistence proof: `proof write` and `proof read` as two separate processes.
struct ProofRun: Sendable {
    /// The `persist` executable to launch for each half.
    let executable: URL
    /// The database both halves use.
    let url: DatabaseURL

    /// Prepares a run of `executable` against `url`.
    init(executable: URL, url: DatabaseURL) {
        self.executable = executable
        self.url = url
    }

    /// Writes a fresh marker in one child process, reads the markers in another, and reports
    /// whether the second saw what the first wrote.
    ///
    /// The children get the URL through `DATABASE_URL` in their environment, so the password
    /// never appears in a process list.
    ///
    /// - Throws: ``ProofError/notPersistent(database:)`` for an in-memory database,
    ///   ``LaunchFailure`` when a child cannot start.
    func run(environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> ProofVerdict {
        if case .sqlite(.memory) = url.location { throw ProofError.notPersistent(database: url.redacted) }
        let name = "\(PersistenceProof.defaultName)-\(UUID().uuidString.prefix(8).lowercased())"
        let childEnvironment = url.environment(for: environment)
        let start = ContinuousClock.now

        let write = try await ChildProcess.run(executable, ["proof", "write", "--name", name], environment: childEnvironment)
        guard write.status == 0 else {
            return verdict(passed: false, name: name, since: start, reason: "write failed: \(write.firstErrorLine)")
        }
        let read = try await ChildProcess.run(executable, ["proof", "read"], environment: childEnvironment)
        guard read.status == 0 else {
            return verdict(passed: false, name: name, since: start, reason: "read failed: \(read.firstErrorLine)")
        }
        let found = read.output.contains(PythonStringLiteral.render(name))
        return verdict(passed: found, name: name, since: start, reason: found ? nil : "the reader did not see '\(name)'")
    }

    private func verdict(passed: Bool, name: String, since start: ContinuousClock.Instant, reason: String?) -> ProofVerdict {
        let milliseconds = Int((ContinuousClock.now - start).milliseconds)
        return ProofVerdict(
            passed: passed, backend: url.backend, database: url.redacted, markerName: name,
            elapsedMilliseconds: milliseconds, reason: reason
        )
    }
}
