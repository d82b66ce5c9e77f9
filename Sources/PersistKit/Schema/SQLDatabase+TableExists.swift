import SQLKit

extension SQLDatabase {
    /// Whether a table of this name exists (in the current schema on PostgreSQL).
    public func tableExists(_ table: String) async throws -> Bool {
        let query: SQLQueryString
        switch dialect.name {
        case "sqlite":
            query = "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = \(bind: table)"
        default:
            query = "SELECT 1 AS found FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = \(bind: table)"
        }
        return try await raw(query).first() != nil
    }
}
