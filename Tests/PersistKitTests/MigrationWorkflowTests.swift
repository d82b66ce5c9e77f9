import Foundation
import PersistKit
import PersistTestSupport
import SQLKit
import Testing

/// A small schema of its own: notes, then an index, then a column that holds data.
private struct CreateNotes: SchemaMigration {
    var name: String { "S0001_CreateNotes" }
    var title = "VARCHAR(100)"
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(table: "notes")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("title", type: .custom(SQLRaw(title)), .notNull)
            .run()
    }
    var revertLoses: [RevertLoss] { [.table("notes")] }
    func revert(on database: any SQLDatabase) async throws { try await database.drop(table: "notes").run() }
}

private struct IndexNotes: SchemaMigration {
    var name: String { "S0002_IndexNotes" }
    func prepare(on database: any SQLDatabase) async throws {
        try await database.create(index: "notes_title").on("notes").column("title").run()
    }
    func revert(on database: any SQLDatabase) async throws { try await database.drop(index: "notes_title").run() }
}

private struct AddNoteBody: SchemaMigration {
    var name: String { "S0003_AddNoteBody" }
    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "notes").column("body", type: .text).run()
    }
    var revertLoses: [RevertLoss] { [.column("body", of: "notes")] }
    func revert(on database: any SQLDatabase) async throws { try await database.alter(table: "notes").dropColumn("body").run() }
}

/// A migration made of raw statements, for the lint rules.
private struct Raw: SchemaMigration {
    let name: String
    let statements: [String]
    var lintExceptions: Set<MigrationLint.Rule> = []
    func prepare(on database: any SQLDatabase) async throws {
        for statement in statements { try await database.raw(SQLQueryString(statement)).run() }
    }
    func revert(on database: any SQLDatabase) async throws {}
}

@Suite("The migration workflow: checksums, newer databases, plans, checks, reverts, lint")
struct MigrationWorkflowTests {
    let base: [any SchemaMigration] = [CreateNotes(), IndexNotes(), AddNoteBody()]

    @Test("an applied migration edited afterwards is refused, named, and repaired on request", arguments: TestBackend.available)
    func changedMigration(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await SchemaMigrator(base, programVersion: "test 1").migrate(on: handle)
                let recorded = try await SchemaMigrator(base).status(on: handle).applied.map(\.checksum)
                #expect(recorded.allSatisfy { $0?.count == 64 })
                #expect(try await SchemaMigrator(base).status(on: handle).isCurrent)

                var edited = CreateNotes()
                edited.title = "VARCHAR(200)"
                let tampered = SchemaMigrator([edited, IndexNotes(), AddNoteBody()])
                #expect(try await tampered.status(on: handle).changed == ["S0001_CreateNotes"])
                let refusal = MigrationError.changedMigrations(["S0001_CreateNotes"])
                await #expect(throws: refusal) { try await tampered.ensureCurrent(on: handle, writing: false) }
                await #expect(throws: refusal) { try await tampered.migrate(on: handle) }
                await #expect(throws: refusal) { try await tampered.revertLastBatch(on: handle, force: true) }
                #expect(refusal.description.contains("S0001_CreateNotes") && !refusal.description.contains("reset"))

                let (before, after) = try await tampered.repair("S0001_CreateNotes", on: handle)
                #expect(before == recorded[0] && after != before)
                #expect(try await tampered.status(on: handle).isCurrent)
                await #expect(throws: MigrationError.self) { try await tampered.repair("S0009_Nothing", on: handle) }
            }
        }
    }

    @Test("a database migrated by a newer program: read, never changed, and the message names the version", arguments: TestBackend.available)
    func newerDatabase(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await SchemaMigrator(base, programVersion: "test 2.0").migrate(on: handle)
                let older = SchemaMigrator(Array(base.prefix(2)), programVersion: "test 1.0")
                try await older.ensureCurrent(on: handle, writing: false)
                let refusal = MigrationError.newerDatabase(names: ["S0003_AddNoteBody"], programs: ["test 2.0"])
                #expect(refusal.description.contains("test 2.0 or later"))
                await #expect(throws: refusal) { try await older.ensureCurrent(on: handle, writing: true) }
                await #expect(throws: refusal) { try await older.migrate(on: handle) }
                await #expect(throws: MigrationError.self) { try await older.dryRun(on: handle) }
                #expect(try await older.status(on: handle).unknown == ["S0003_AddNoteBody"])
            }
        }
    }

    @Test("revert to any point, guarded when a dropped column holds data", arguments: TestBackend.available)
    func revertTo(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                let migrator = SchemaMigrator(base)
                try await SchemaMigrator([CreateNotes()]).migrate(on: handle)
                try await migrator.migrate(on: handle)  // a second batch: the index and the column
                try await handle.transaction { try await ($0 as! any SQLDatabase).raw("INSERT INTO notes (title, body) VALUES ('a', 'kept')").run() }

                await #expect(throws: MigrationError.notApplied("S0404_Missing", applied: base.map(\.name))) {
                    try await migrator.revert(to: "S0404_Missing", on: handle)
                }
                await #expect(throws: MigrationError.revertWouldLoseData(["notes.body: 1 row"])) {
                    try await migrator.revert(to: "S0001_CreateNotes", on: handle)
                }
                #expect(try await migrator.status(on: handle).pending.isEmpty)  // refused: nothing reverted
                #expect(try await migrator.revert(to: "S0002_IndexNotes", on: handle, force: true) == ["S0003_AddNoteBody"])
                #expect(try await migrator.revert(to: "S0001_CreateNotes", on: handle) == ["S0002_IndexNotes"])
                #expect(try await migrator.revert(to: "S0001_CreateNotes", on: handle) == [])
                let status = try await migrator.status(on: handle)
                #expect(status.applied.map(\.name) == ["S0001_CreateNotes"] && status.pending == ["S0002_IndexNotes", "S0003_AddNoteBody"])
                let check = try await migrator.check(on: handle)
                #expect(check.drift.isEmpty && check.status.pending == ["S0002_IndexNotes", "S0003_AddNoteBody"])
            }
        }
    }

    @Test("check: a column added by hand and an index dropped are drift; the migrations' own schema agrees", arguments: TestBackend.available)
    func drift(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                let migrator = SchemaMigrator(base)
                try await migrator.migrate(on: handle)
                let clean = try await migrator.check(on: handle)
                #expect(clean.agrees && clean.drift.isEmpty && clean.problems.isEmpty)
                try await handle.transaction { database in
                    let sql = database as! any SQLDatabase
                    try await sql.raw("ALTER TABLE notes ADD COLUMN colour VARCHAR(7)").run()
                    try await sql.raw("DROP INDEX notes_title").run()
                }
                let check = try await migrator.check(on: handle)
                #expect(!check.agrees)
                #expect(check.drift.map(\.object) == ["column notes.colour", "index notes_title"])
                #expect(check.drift[0].expected == nil && check.drift[0].actual != nil)
                #expect(check.drift[1].expected != nil && check.drift[1].actual == nil)
                // Nothing of the check's own scaffolding is left behind.
                let tables = try await SchemaSnapshot.read(on: handle.unprotectedSQL).objects.keys.filter { $0.hasPrefix("table ") }.sorted()
                #expect(tables == ["table notes", "table persist_migrations"])
            }
        }
    }

    @Test("a dry run applies, times and undoes; a plan lists exactly the pending statements", arguments: TestBackend.available)
    func dryRunAndPlan(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await SchemaMigrator([CreateNotes()]).migrate(on: handle)
                let migrator = SchemaMigrator(base)
                let timings = try await migrator.dryRun(on: handle)
                #expect(timings.map(\.name) == ["S0002_IndexNotes", "S0003_AddNoteBody"])
                #expect(try await migrator.status(on: handle).pending == ["S0002_IndexNotes", "S0003_AddNoteBody"])
                #expect(try await migrator.check(on: handle).drift.isEmpty)

                let plan = try await migrator.plan(on: handle)
                #expect(plan.migrations == ["S0002_IndexNotes", "S0003_AddNoteBody"])
                #expect(plan.script.contains("-- S0002_IndexNotes\n") && !plan.script.contains("CREATE TABLE \"notes\""))
                #expect(plan.script.hasSuffix("COMMIT;\n"))
                // The checksum in the plan is the one migrate records.
                try await migrator.migrate(on: handle)
                let checksum = try await migrator.status(on: handle).applied.last!.checksum!
                #expect(plan.script.contains("'\(checksum)'"))
            }
        }
    }

    @Test("each PostgreSQL lint rule, triggered by a sample migration; strict applies nothing")
    func lintRules() async throws {
        try await ScratchDatabase.with(.postgresql) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await SchemaMigrator([CreateNotes()]).migrate(on: handle)
                try await handle.transaction { try await ($0 as! any SQLDatabase).raw("INSERT INTO notes (title) SELECT 'n' || g FROM generate_series(1, 50) AS g").run() }
                let samples: [(Raw, MigrationLint.Rule)] = [
                    (Raw(name: "L1_NotNull", statements: ["ALTER TABLE notes ADD COLUMN body TEXT NOT NULL"]), .notNullWithoutDefault),
                    (Raw(name: "L2_Index", statements: ["CREATE INDEX notes_title_2 ON notes (title)"]), .indexWithoutConcurrently),
                    (Raw(name: "L3_Drop", statements: ["ALTER TABLE notes DROP COLUMN title"]), .dropOrRename),
                    (Raw(name: "L4_Rename", statements: ["ALTER TABLE notes RENAME COLUMN title TO heading"]), .dropOrRename),
                ]
                for (sample, rule) in samples {
                    let migrator = SchemaMigrator([CreateNotes(), sample], largeTableRows: 50)
                    let findings = try await migrator.lint(on: handle)
                    #expect(findings.map(\.rule) == [rule], "\(sample.name): \(findings)")
                    #expect(findings.first?.migration == sample.name)
                    await #expect(throws: MigrationError.self) { try await migrator.migrate(on: handle, strict: true) }
                    #expect(try await migrator.status(on: handle).pending == [sample.name])
                    // Allowed on purpose, the rule is quiet.
                    var allowed = sample
                    allowed.lintExceptions = [rule]
                    #expect(try await SchemaMigrator([CreateNotes(), allowed], largeTableRows: 50).lint(on: handle).isEmpty)
                }
                // Below the size limit an index is fine; without a lock timeout, any lock on a live table is flagged.
                let index = Raw(name: "L2_Index", statements: ["CREATE INDEX notes_title_2 ON notes (title)"])
                #expect(try await SchemaMigrator([CreateNotes(), index], largeTableRows: 51).lint(on: handle).isEmpty)
                let unbounded = SchemaMigrator([CreateNotes(), index], lockTimeout: nil, largeTableRows: 51)
                #expect(try await unbounded.lint(on: handle).map(\.rule) == [.noLockTimeout])
                // What the batch creates itself is new and empty: nothing to flag.
                let fresh = Raw(name: "L5_Fresh", statements: ["CREATE TABLE tags (id BIGINT, name TEXT)", "ALTER TABLE tags ADD COLUMN slug TEXT NOT NULL", "CREATE INDEX tags_name ON tags (name)", "ALTER TABLE tags DROP COLUMN name"])
                #expect(try await SchemaMigrator([CreateNotes(), fresh], lockTimeout: nil).lint(on: handle).isEmpty)
                // Not strict: warned, then applied.
                #expect(try await SchemaMigrator([CreateNotes(), index], largeTableRows: 50).migrate(on: handle) == ["L2_Index"])
            }
        }
    }

    @Test("a lock that does not come within the lock timeout rolls the batch back")
    func lockTimeout() async throws {
        try await ScratchDatabase.with(.postgresql) { scratch in
            let url = try scratch.url
            _ = try await DatabaseHandle.withOpen(url) { try await SchemaMigrator([CreateNotes()]).migrate(on: $0) }
            let (failed, elapsed, pending) = try await DatabaseHandle.withOpen(url) { holder in
                try await holder.transaction { database in
                    // A long transaction holds the table; the migrator gives up after 1 s.
                    try await (database as! any SQLDatabase).raw("LOCK TABLE notes IN ACCESS SHARE MODE").run()
                    return try await DatabaseHandle.withOpen(url) { handle in
                        let migrator = SchemaMigrator([CreateNotes(), AddNoteBody()], lockTimeout: 1)
                        let start = ContinuousClock.now
                        var failure: String?
                        do { try await migrator.migrate(on: handle) } catch { failure = String(reflecting: error) }
                        return (failure, ContinuousClock.now - start, try await migrator.status(on: handle).pending)
                    }
                }
            }
            #expect(failed?.contains("lock") == true, "\(failed ?? "applied")")
            // Without the lock timeout it would wait for the holder forever; the bound is loose
            // because the first pass loads the machine (21 s was seen for what takes 1 s alone).
            #expect(elapsed < .seconds(60))
            #expect(pending == ["S0003_AddNoteBody"])
        }
    }

    @Test("a row committed while a revert counts is never dropped unguarded (PostgreSQL holds the table first)")
    func revertRace() async throws {
        try await ScratchDatabase.with(.postgresql) { scratch in
            let url = try scratch.url
            let migrator = SchemaMigrator(base, lockTimeout: 10)
            _ = try await DatabaseHandle.withOpen(url) { try await migrator.migrate(on: $0) }
            // A writer inserts a note with a body and commits one second later, while the revert runs.
            let inserted = ManagedFlag()
            async let writer: Void = DatabaseHandle.withOpen(url) { handle in
                try await handle.transaction { database in
                    try await (database as! any SQLDatabase).raw("INSERT INTO notes (title, body) VALUES ('late', 'must survive')").run()
                    inserted.set()
                    try await Task.sleep(for: .seconds(1))
                }
            }
            let start = ContinuousClock.now
            while !inserted.isSet && ContinuousClock.now - start < .seconds(30) { try await Task.sleep(for: .milliseconds(20)) }
            let outcome: Result<[String], any Error> = try await DatabaseHandle.withOpen(url) { handle in
                do { return .success(try await migrator.revert(to: "S0002_IndexNotes", on: handle)) } catch { return .failure(error) }
            }
            try await writer
            #expect(throws: MigrationError.revertWouldLoseData(["notes.body: 1 row"])) { try outcome.get() }
            let body = try await DatabaseHandle.withOpen(url) { handle in
                try await handle.unprotectedSQL.raw("SELECT body FROM notes").first()?.decode(column: "body", as: String.self)
            }
            #expect(body == "must survive")
        }
    }

    @Test("a bookkeeping table edited by hand: one clear refusal, no crash, nothing changed", arguments: TestBackend.available.filter { $0 != .pgbouncer })
    func editedBookkeeping(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                let migrator = SchemaMigrator(base)
                try await SchemaMigrator(Array(base.prefix(2))).migrate(on: handle)
                try await handle.unprotectedSQL.raw("UPDATE persist_migrations SET batch = 2147483647 WHERE name = 'S0002_IndexNotes'").run()
                await #expect(throws: MigrationError.self) { try await migrator.migrate(on: handle) }
                await #expect(throws: MigrationError.self) { try await migrator.plan(on: handle) }
                #expect(try await migrator.status(on: handle).pending == ["S0003_AddNoteBody"])
                if backend == .sqlite {
                    try await handle.unprotectedSQL.raw("UPDATE persist_migrations SET batch = 'two' WHERE name = 'S0002_IndexNotes'").run()
                    do {
                        _ = try await migrator.status(on: handle)
                        Issue.record("an unreadable batch was read")
                    } catch let error as MigrationError {
                        #expect(error.code == .unreadableRecord && !error.description.contains("\n"))
                    }
                }
            }
        }
    }

    @Test("check on an empty database: everything pending, no error; views and triggers are part of the schema", arguments: TestBackend.available)
    func checkEmptyViewsTriggers(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                let migrator = SchemaMigrator(base)
                let empty = try await migrator.check(on: handle)
                #expect(empty.status.pending == base.map(\.name) && empty.drift.isEmpty)
                try await migrator.migrate(on: handle)
                try await handle.unprotectedSQL.raw("CREATE VIEW note_titles AS SELECT title FROM notes").run()
                let drift = try await migrator.check(on: handle).drift.map(\.object)
                #expect(drift == ["view note_titles"])
            }
        }
    }

    @Test("repair: refused on a newer database, named when unknown, a no-op when nothing changed", arguments: TestBackend.available.filter { $0 != .pgbouncer })
    func repairEdges(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await SchemaMigrator(base, programVersion: "test 2.0").migrate(on: handle)
                let same = try await SchemaMigrator(base).repair("S0001_CreateNotes", on: handle)
                #expect(same.before == same.after)
                let older = SchemaMigrator(Array(base.prefix(2)), programVersion: "test 1.0")
                await #expect(throws: MigrationError.newerDatabase(names: ["S0003_AddNoteBody"], programs: ["test 2.0"])) {
                    try await older.repair("S0001_CreateNotes", on: handle)
                }
                do {
                    try await older.repair("S0099_Nope", on: handle)
                    Issue.record("repaired a migration the program does not have")
                } catch let error as MigrationError {
                    #expect(error.description == "migration S0099_Nope is not one of this program's (its migrations run from S0001_CreateNotes to S0002_IndexNotes)")
                }
            }
        }
    }

    @Test("an index built beforehand CONCURRENTLY, as advised, quiets the lint for CREATE INDEX IF NOT EXISTS")
    func lintIndexBuiltBeforehand() async throws {
        try await ScratchDatabase.with(.postgresql) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await SchemaMigrator([CreateNotes()]).migrate(on: handle)
                try await handle.unprotectedSQL.raw("INSERT INTO notes (title) SELECT 'n' || g FROM generate_series(1, 60) AS g").run()
                let index = Raw(name: "L6_Index", statements: ["CREATE INDEX IF NOT EXISTS notes_title_3 ON notes (title)"])
                let migrator = SchemaMigrator([CreateNotes(), index], largeTableRows: 50)
                let findings = try await migrator.lint(on: handle)
                #expect(findings.map(\.rule) == [.indexWithoutConcurrently])
                #expect(findings.first?.message.contains("build it beforehand with CREATE INDEX CONCURRENTLY") == true)
                try await handle.unprotectedSQL.raw("CREATE INDEX CONCURRENTLY notes_title_3 ON notes (title)").run()
                #expect(try await migrator.lint(on: handle).isEmpty)
                #expect(try await migrator.migrate(on: handle, strict: true) == ["L6_Index"])
            }
        }
    }

    @Test("a migrator that has to wait for another says so once, then applies; check also sees row security, policies, enums, sequences and materialized views")
    func lockWaitAndPostgresObjects() async throws {
        try await ScratchDatabase.with(.postgresql) { scratch in
            let url = try scratch.url
            let waited = ManagedFlag()
            var migrator = SchemaMigrator(base)
            migrator.onLockWait = { waited.set() }
            let configured = migrator
            let held = ManagedFlag()
            // Another migrator holds the lock until this one has started waiting (at most 30 s).
            let holding = Task {
                try await DatabaseHandle.withOpen(url) { holder in
                    try await holder.transaction { database in
                        try await (database as! any SQLDatabase).raw("SELECT pg_advisory_xact_lock(hashtext('persist_migrations'))").run()
                        held.set()
                        let deadline = ContinuousClock.now + .seconds(30)
                        while !waited.isSet && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
                    }
                }
            }
            let start = ContinuousClock.now
            while !held.isSet {
                guard ContinuousClock.now - start < .seconds(30) else { Issue.record("the holder never took the lock"); return }
                try await Task.sleep(for: .milliseconds(20))
            }
            let applied = try await DatabaseHandle.withOpen(url) { try await configured.migrate(on: $0) }
            try await holding.value
            #expect(waited.isSet)
            #expect(applied == base.map(\.name))
            try await DatabaseHandle.withOpen(url) { handle in
                for statement in [
                    "ALTER TABLE notes ENABLE ROW LEVEL SECURITY", "CREATE POLICY own ON notes USING (title <> '')",
                    "CREATE TYPE mood AS ENUM ('calm', 'busy')", "CREATE SEQUENCE ticket_numbers",
                    "CREATE MATERIALIZED VIEW note_count AS SELECT count(*) AS n FROM notes",
                ] { try await handle.unprotectedSQL.raw(SQLQueryString(statement)).run() }
                let drift = try await migrator.check(on: handle).drift.map(\.object)
                #expect(drift == ["materialized view note_count", "policy notes.own", "row security notes", "sequence ticket_numbers", "type mood"])
            }
        }
    }
}

extension MigrationWorkflowTests {
    @Test("an index built beforehand that is INVALID or on another table is refused; check marks an invalid one")
    func prebuiltIndexConflicts() async throws {
        try await ScratchDatabase.with(.postgresql) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                try await SchemaMigrator([CreateNotes()]).migrate(on: handle)
                let sql = handle.unprotectedSQL
                try await sql.raw("INSERT INTO notes (title) VALUES ('same'), ('same')").run()
                // A unique build over duplicates fails and leaves an INVALID index behind.
                await #expect(throws: (any Error).self) { try await sql.raw("CREATE UNIQUE INDEX CONCURRENTLY notes_title_4 ON notes (title)").run() }
                let index = Raw(name: "S0004_IndexTitles", statements: ["CREATE INDEX IF NOT EXISTS notes_title_4 ON notes (title)"])
                let migrator = SchemaMigrator([CreateNotes(), index])
                do {
                    try await migrator.migrate(on: handle)
                    Issue.record("an invalid index was taken as built")
                } catch let error as MigrationError {
                    #expect(error.code == .conflictingObject && error.description.contains("INVALID"), "\(error)")
                }
                #expect(try await migrator.status(on: handle).pending == ["S0004_IndexTitles"])
                let drift = try await SchemaMigrator([CreateNotes()]).check(on: handle).drift
                #expect(drift.first?.actual?.contains("INVALID") == true, "\(drift)")

                try await sql.raw("DROP INDEX notes_title_4").run()
                try await sql.raw("CREATE TABLE other (x TEXT)").run()
                try await sql.raw("CREATE INDEX notes_title_4 ON other (x)").run()
                do {
                    try await migrator.migrate(on: handle)
                    Issue.record("an index on another table was taken as built")
                } catch let error as MigrationError {
                    #expect(error.description.contains("on table other, not notes"), "\(error)")
                }
                try await sql.raw("DROP TABLE other").run()
                try await sql.raw("CREATE INDEX CONCURRENTLY notes_title_4 ON notes (title)").run()
                #expect(try await migrator.migrate(on: handle, strict: true) == ["S0004_IndexTitles"])
                #expect(try await migrator.check(on: handle).agrees)
            }
        }
    }

    @Test("SQLite: an index's order, collation and WHERE clause are part of the schema")
    func sqliteIndexDetails() async throws {
        try await ScratchDatabase.with(.sqlite) { scratch in
            try await DatabaseHandle.withOpen(try scratch.url) { handle in
                let migrator = SchemaMigrator(base)
                try await migrator.migrate(on: handle)
                try await handle.unprotectedSQL.raw("DROP INDEX notes_title").run()
                try await handle.unprotectedSQL.raw("CREATE INDEX notes_title ON notes (title COLLATE NOCASE DESC) WHERE id > 0").run()
                let drift = try await migrator.check(on: handle).drift
                #expect(drift.map(\.object) == ["index notes_title"])
                #expect(drift.first?.actual == "ON notes (title COLLATE NOCASE DESC) WHERE id > 0", "\(drift)")
            }
        }
    }
}

/// A flag set from another task.
private final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
