import SQLKit

extension SchemaMigrator {
    /// Reverts the most recent batch, newest migration first, in one transaction.
    ///
    /// - Parameter force: revert even when tables or columns that hold rows are dropped.
    /// - Returns: the names reverted, empty when nothing was applied.
    /// - Throws: ``MigrationError`` when the database has a migration this program does not know
    ///   or one changed since it was applied, or when rows would be lost and `force` is not set.
    @discardableResult
    public func revertLastBatch(on handle: DatabaseHandle, force: Bool = false) async throws -> [String] {
        try await revert(on: handle, force: force) { applied in
            guard let batch = applied.map(\.batch).max() else { return [] }
            return applied.filter { $0.batch == batch }
        }
    }

    /// Reverts every migration applied after `name`, newest first, in one transaction: the schema
    /// goes back to what it was just after `name` was applied (`name` stays applied).
    ///
    /// - Returns: the names reverted, empty when `name` is the newest.
    /// - Throws: ``MigrationError/Code/notApplied`` when `name` is not applied, and what
    ///   ``revertLastBatch(on:force:)`` throws.
    @discardableResult
    public func revert(to name: String, on handle: DatabaseHandle, force: Bool = false) async throws -> [String] {
        try await revert(on: handle, force: force) { applied in
            guard let index = applied.firstIndex(where: { $0.name == name }) else {
                throw MigrationError.notApplied(name, applied: applied.map(\.name))
            }
            return Array(applied[(index + 1)...])
        }
    }

    /// Records this program's checksum for applied migration `name`, after its author has made
    /// sure that the edited migration makes the same schema as the one that was applied.
    ///
    /// - Returns: the checksum recorded before (`nil` when none was) and the one recorded now
    ///   (equal when nothing needed recording).
    @discardableResult
    public func repair(_ name: String, on handle: DatabaseHandle) async throws -> (before: String?, after: String) {
        guard let migration = migrations.first(where: { $0.name == name }) else {
            throw MigrationError.notOurs(name, first: migrations.first?.name, last: migrations.last?.name)
        }
        let backend = handle.url.backend
        let checksum = try await checksum(of: migration, on: backend)
        return try await handle.transaction { database in
            let sql = database as! any SQLDatabase
            try await lock(sql)
            try await prepareTable(on: sql)
            let applied = try await appliedMigrations(on: sql)
            guard let row = applied.first(where: { $0.name == name }) else {
                throw MigrationError.notApplied(name, applied: applied.map(\.name))
            }
            // A newer program's database is its to repair: its version of the migration may differ.
            let status = try await status(of: applied, on: backend)
            if !status.unknown.isEmpty { throw newerDatabase(status, applied: applied) }
            guard row.checksum != checksum else { return (row.checksum, checksum) }
            try await sql.update(Self.table).set("checksum", to: SQLBind(checksum)).where("name", .equal, SQLBind(name)).run()
            return (row.checksum, checksum)
        }
    }

    /// Reverts the applied migrations `choose` picks (from all applied, in the order applied),
    /// newest first, guarding the data they would destroy.
    private func revert(
        on handle: DatabaseHandle, force: Bool,
        choose: @escaping @Sendable ([MigrationStatus.Applied]) throws -> [MigrationStatus.Applied]
    ) async throws -> [String] {
        let backend = handle.url.backend
        return try await handle.transaction { database in
            let sql = database as! any SQLDatabase
            guard try await sql.tableExists(Self.table) else { return try choose([]).map(\.name) }
            try await lock(sql)
            let applied = try await appliedMigrations(on: sql)
            // A newer program's database is not changed; nor is one whose migrations were edited.
            let status = try await status(of: applied, on: backend)
            if !status.unknown.isEmpty { throw newerDatabase(status, applied: applied) }
            if !status.changed.isEmpty { throw MigrationError.changedMigrations(status.changed) }
            let chosen = try choose(applied)
            let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.name, $0) })
            let toRevert = chosen.reversed().compactMap { known[$0.name] }
            try await setLockTimeout(sql)
            // PostgreSQL: hold the tables whose rows the guard counts, so that no writer commits a
            // row between the count and the drop (SQLite's BEGIN IMMEDIATE already excludes them).
            if sql.dialect.name == "postgresql" {
                for table in Set(toRevert.flatMap(\.revertLoses).map(\.table)).sorted() where try await sql.tableExists(table) {
                    try await sql.raw("LOCK TABLE \(ident: table) IN ACCESS EXCLUSIVE MODE").run()
                }
            }
            if !force {
                var lost: [String] = []
                for loss in toRevert.flatMap(\.revertLoses) {
                    let count = try await Self.rows(losing: loss, on: sql)
                    if count > 0 {
                        let what = loss.column.map { "\(loss.table).\($0)" }
                            ?? loss.reference.map { "\(loss.table) in \($0.parent) with \($0.parentColumn)" } ?? loss.table
                        lost.append("\(what): \(count.counted("row"))")
                    }
                }
                if !lost.isEmpty { throw MigrationError.revertWouldLoseData(lost) }
            }
            for migration in toRevert {
                try await migration.revert(on: sql)
                try await sql.delete(from: Self.table).where("name", .equal, SQLBind(migration.name)).run()
            }
            return toRevert.map(\.name)
        }
    }

    /// How many rows hold data that `loss` would destroy.
    private static func rows(losing loss: RevertLoss, on sql: any SQLDatabase) async throws -> Int {
        guard try await sql.tableExists(loss.table) else { return 0 }
        var query = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(loss.table)
        if let column = loss.column { query = query.where(SQLIdentifier(column), .isNot, SQLLiteral.null) }
        if let reference = loss.reference {
            query = query.where(SQLIdentifier(reference.column), .in, SQLGroupExpression(
                sql.select().column(SQLIdentifier("id")).from(reference.parent).where(SQLIdentifier(reference.parentColumn), .isNot, SQLLiteral.null).select
            ))
        }
        return try await query.first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
