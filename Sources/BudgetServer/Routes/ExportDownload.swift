import BudgetTracker
import Foundation
import Hummingbird
import NIOCore
import PersistKit

/// A user's expenses as a CSV download (the API's `/api/export` and the page's `/export.csv`).
enum ExportDownload {
    /// The export of `filter`'s expenses, oldest first.
    static func response(for user: UserLedger, filter: ExpenseFilter) async throws -> Response {
        // Written to a private file first (a page per unit of work), then streamed: a slow
        // client holds no database connection.
        let folder = try PrivateFolder.make("persist-export")
        let file = folder.appendingPathComponent("export.csv")
        do {
            guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw Problem(.init(code: 507), "no-space", "the server could not write the export")
            }
            let output = try FileHandle(forWritingTo: file)
            defer { try? output.close() }
            try await user.exportExpenses(filter) { text in try output.write(contentsOf: Data(text.utf8)) }
        } catch {
            PrivateFolder.remove(folder)
            throw error
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? nil
        let body = ResponseBody(contentLength: size) { writer in
            defer { PrivateFolder.remove(folder) }
            let input = try FileHandle(forReadingFrom: file)
            defer { try? input.close() }
            while let chunk = try input.read(upToCount: 64 * 1024), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"expenses.csv\""], body: body)
    }
}
