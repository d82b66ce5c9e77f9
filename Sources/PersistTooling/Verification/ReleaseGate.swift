import Foundation
import PersistKit

/// An ordered pipeline of checks that must all pass before a release; it stops at the first
/// failure and records evidence for every check it ran.
///
/// ```swift
/// let gate = ReleaseGate(steps: [
///     .init(name: "schema") { ["pending migrations": "0"] },
/// ])
/// let evidence = await gate.run(database: url, verified: false)
/// ```
public struct ReleaseGate: Sendable {
    /// One check: its name and work. The work returns its figures, or throws ``GateFailure``
    /// (or any error) to fail.
    public struct Step: Sendable {
        /// The step's name.
        public let name: String
        /// The check: returns figures for the evidence, throws when it fails.
        public let run: @Sendable () async throws -> [String: String]

        /// A step named `name`.
        public init(name: String, run: @escaping @Sendable () async throws -> [String: String]) {
            self.name = name
            self.run = run
        }
    }

    /// The checks, in order.
    public let steps: [Step]

    /// A gate running `steps` in order.
    public init(steps: [Step]) {
        self.steps = steps
    }

    /// Runs the steps in order until one fails.
    ///
    /// - Parameters:
    ///   - database: recorded (redacted) in the evidence.
    ///   - independentCheck: whether one of the steps is an independent verification of a report;
    ///     only then can the decision be "ready for release".
    ///   - starting: told each step's name as it starts, for a progress line.
    public func run(database: DatabaseURL, independentCheck: Bool, starting: @Sendable (String) -> Void = { _ in }) async -> Evidence {
        var results: [Evidence.GateResult] = []
        for step in steps {
            starting(step.name)
            let start = ContinuousClock.now
            do {
                let figures = try await step.run()
                results.append(.init(name: step.name, passed: true, milliseconds: Self.elapsed(since: start), figures: figures, reason: nil))
            } catch {
                let reason = (error as? any PersistFailure)?.description ?? DatabaseError.translating(error, for: database).description
                let figures = (error as? GateFailure)?.figures ?? [:]
                results.append(.init(name: step.name, passed: false, milliseconds: Self.elapsed(since: start), figures: figures, reason: reason))
                break
            }
        }
        return Evidence(
            timestamp: Date(), version: PersistVersion.current, backend: database.backend.rawValue,
            database: database.redacted, gates: results,
            decision: Evidence.Decision(results: results, expected: steps.count, independentCheck: independentCheck)
        )
    }

    private static func elapsed(since start: ContinuousClock.Instant) -> Double {
        ((ContinuousClock.now - start).milliseconds * 10).rounded() / 10
    }
}

/// A gate check that did not hold; its description is the reason shown in the decision.
public struct GateFailure: PersistFailure, Sendable {
    /// What failed, one line.
    public let description: String
    /// Figures that explain the failure (counts, deltas).
    public let figures: [String: String]

    /// A failure, with figures for the evidence.
    public init(_ description: String, figures: [String: String] = [:]) {
        self.description = description
        self.figures = figures
    }
}

/// The version persist reports in its evidence and `--version`.
public enum PersistVersion {
    /// persist's version.
    public static let current = "0.1.0"
}
