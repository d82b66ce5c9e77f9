import ArgumentParser
import Foundation
import PersistKit

/// What `persist migrate` prints: the status table, the plan, the check's report, lint warnings, and the
/// confirmation a repair needs.
extension Persist.MigrateCommand {
    func showStatus(_ migrator: SchemaMigrator) async throws {
        let status = try await database.withDatabase(mode: .readOnly, for: .migrations) { try await migrator.status(on: $0) }
        let changed = Set(status.changed)
        let rows = status.applied.map {
            [$0.name, changed.contains($0.name) ? "changed" : status.unknown.contains($0.name) ? "unknown" : "applied", String($0.batch),
             format == .table || format == nil ? PrintableText.oneLine($0.appliedBy ?? "", limit: 60) : $0.appliedBy ?? ""]
        }
            + status.pending.map { [$0, "pending", "", ""] }
        let headers = ["migration", "state", "batch", "applied by"]
        switch format ?? .table {
        case .json: print(try Renderer.json(status), terminator: "")
        case .csv: print(Renderer.csv(headers: headers, rows: rows), terminator: "")
        case .table:
            print(Renderer.table(headers: headers, rows: rows, numeric: [2]), terminator: "")
            var summary = "\(status.applied.count) applied, \(status.pending.count) pending"
            if !status.unknown.isEmpty { summary += ", \(status.unknown.count) unknown to this version" }
            if !status.changed.isEmpty { summary += ", \(status.changed.count) changed since applied" }
            print(summary)
        }
    }

    /// `--sql`: offline with `--backend` or when the SQLite file does not exist yet.
    func printPlan(_ migrator: SchemaMigrator) async throws {
        let plan: MigrationPlan
        if let backend {
            plan = try await migrator.plan(for: backend)
        } else {
            let url = try database.resolve(for: .migrations).url
            if case .sqlite(.file(let path)) = url.location, !FileManager.default.fileExists(atPath: path) {
                plan = try await migrator.plan(for: .sqlite)
            } else {
                plan = try await database.withDatabase(mode: .readOnly, for: .migrations) { try await migrator.plan(on: $0) }
            }
        }
        try warn(plan.findings)
        print(plan.script, terminator: "")
    }

    static func warnAndRehearse(_ migrator: SchemaMigrator, strict: Bool, on handle: DatabaseHandle) async throws -> [SchemaMigrator.Timing] {
        if handle.url.backend == .postgresql { try warn(try await migrator.lint(on: handle), strict: strict) }
        return try await migrator.dryRun(on: handle, strict: strict)
    }

    func warn(_ findings: [MigrationLint.Finding]) throws { try Self.warn(findings, strict: strict) }

    /// Lint findings on standard error; with `--strict`, a refusal after them.
    static func warn(_ findings: [MigrationLint.Finding], strict: Bool) throws {
        for finding in findings { FileHandle.standardError.write(Data("persist: warning: \(Renderer.oneLine(finding.description))\n".utf8)) }
        if strict && !findings.isEmpty { throw StrictLintRefusal(findings: findings.count) }
    }

    func report(_ result: SchemaCheck) throws {
        if format == .json {
            print(try Renderer.json(SchemaCheckReport(result)), terminator: "")
        } else if result.agrees {
            print("The schema agrees with the migrations (\(result.status.applied.count) applied)")
        } else {
            for line in result.problems { print(Renderer.oneLine(line)) }
        }
        if !result.agrees { throw SchemaDisagrees(summary: result.summary) }
    }

    /// Records a new checksum only when the user confirms, by flag or at the terminal.
    func confirmRepair(_ name: String) throws {
        guard !yes else { return }
        guard isatty(STDIN_FILENO) == 1 else {
            throw ValidationError("--repair records \(name)'s new checksum as if it had been applied; make sure the edited migration makes the same schema, then pass --yes")
        }
        FileHandle.standardError.write(Data("Record the new checksum of \(name)? Only if the edited migration makes the same schema as the one applied. [y/N] ".utf8))
        guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
            throw RepairDeclined()
        }
    }
}

extension DatabaseURL.Backend: ExpressibleByArgument {}

/// `migrate --check` found problems: the report is on standard output, this line on standard error.
struct SchemaDisagrees: PersistFailure {
    let summary: String
    var description: String { "the schema does not agree with the migrations: \(summary)" }
}

/// `--strict` and lint findings: they are printed as warnings just before.
struct StrictLintRefusal: PersistFailure {
    let findings: Int
    var description: String { "\(findings.counted("lint finding")) above, and --strict is on; nothing was applied" }
}

/// `migrate --repair` answered "no" at the terminal.
struct RepairDeclined: PersistFailure {
    var description: String { "not confirmed; no checksum was recorded" }
}

/// `migrate --check --format json`.
struct SchemaCheckReport: Encodable {
    let agrees: Bool
    let applied: Int
    let pending: [String]
    let unknown: [String]
    let changed: [String]
    let drift: [SchemaDrift]

    init(_ check: SchemaCheck) {
        agrees = check.agrees
        applied = check.status.applied.count
        pending = check.status.pending
        unknown = check.status.unknown
        changed = check.status.changed
        drift = check.drift
    }
}
