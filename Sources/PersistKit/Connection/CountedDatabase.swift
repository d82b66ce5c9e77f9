import FluentKit
import Logging
import NIOCore
import SQLKit

/// The database a ``DatabaseHandle`` gives to its units of work: FluentKit's `Database` and
/// SQLKit's `SQLDatabase` over the driver's, counting every statement on its way through.
///
/// This is the one place statements pass, so ``StatementCounter`` counts what was sent, not what
/// a driver chose to log; the count never depends on the log level or a driver's wording.
struct CountedDatabase: Database, SQLDatabase {
    /// The driver's database (a pooled connection, or the pool).
    let base: any Database
    /// Where each statement is counted.
    let counter: StatementCounter

    private var sqlBase: any SQLDatabase { base as! any SQLDatabase }

    // MARK: FluentKit

    var context: DatabaseContext { base.context }
    var inTransaction: Bool { base.inTransaction }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> ()) -> EventLoopFuture<Void> {
        counter.increment()
        return base.execute(query: query, onOutput: onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        counter.increment()
        return base.execute(schema: schema)
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        counter.increment()
        return base.execute(enum: `enum`)
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.transaction { [counter] in closure(CountedDatabase(base: $0, counter: counter)) }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.withConnection { [counter] in closure(CountedDatabase(base: $0, counter: counter)) }
    }

    // MARK: SQLKit

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { sqlBase.version }
    var dialect: any SQLDialect { sqlBase.dialect }
    var queryLogLevel: Logger.Level? { sqlBase.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        counter.increment()
        return sqlBase.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        counter.increment()
        try await sqlBase.execute(sql: query, onRow)
    }
}

extension Database {
    /// The driver's own database under persist's counting layer, for code that needs the
    /// driver's API (bulk statements); statements sent through it must be counted by the caller.
    var driverDatabase: (database: any Database, counter: StatementCounter?) {
        guard let counted = self as? CountedDatabase else { return (self, nil) }
        return (counted.base, counted.counter)
    }
}
