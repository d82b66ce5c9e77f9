import Foundation

/// The whole persistence proof: `proof write` and `proof read` as two separate processes.
public struct ProofRun: Sendable {
    /// The `persist` executable to launch for each half.
    public let executable: URL
    /// The database both halves use.
    public let url: DatabaseURL

    /// Prepares a run of `executable` against `url`.
    public init(executable: URL, url: DatabaseURL) {
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
    ///   ``ProofError/cannotLaunch(path:)`` when a child cannot start.
    public func run(environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> ProofVerdict {
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

/// The outcome of a ``ProofRun``.
public struct ProofVerdict: Sendable, Equatable, CustomStringConvertible {
    /// Whether the reader saw the writer's marker.
    public let passed: Bool
    /// The engine used.
    public let backend: DatabaseURL.Backend
    /// The database, redacted.
    public let database: String
    /// The marker the writer wrote.
    public let markerName: String
    /// Wall time for both processes together.
    public let elapsedMilliseconds: Int
    /// Why it failed, when it did.
    public let reason: String?

    /// One line: `PASS backend=sqlite database=sqlite:///persist.db elapsed=84ms`.
    public var description: String {
        let word = passed ? "PASS" : "FAIL"
        let tail = reason.map { " reason=\($0)" } ?? ""
        return "\(word) backend=\(backend.rawValue) database=\(database) elapsed=\(elapsedMilliseconds)ms\(tail)"
    }
}
