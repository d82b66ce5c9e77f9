import PersistKit
import SQLKit

/// Links the two rows of a transfer: both carry the transfer's id (the debit's id), so one leg
/// can never be changed or deleted without the other.
struct M0005_LinkTransfers: SchemaMigration {
    var name: String { "M0005_LinkTransfers" }

    func prepare(on database: any SQLDatabase) async throws {
        try await database.alter(table: "expenses").column("transfer_id", type: .bigint).run()
    }

    var revertLoses: [RevertLoss] { [.column("transfer_id", of: "expenses")] }

    func revert(on database: any SQLDatabase) async throws {
        try await database.alter(table: "expenses").dropColumn("transfer_id").run()
    }
}
