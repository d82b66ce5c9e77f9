import Foundation
import Hummingbird
import PersistKit

/// A CSV request body, streamed to a file in a private temporary folder (memory stays flat
/// however large it is) and removed when the work on it ends.
enum Upload {
    /// Writes the body to a file, refusing one over ``ServerLimits/upload`` (413) or that is not
    /// `text/csv` (415), runs `body` on the file, and removes it.
    static func withFile<Result: Sendable>(_ request: Request, _ body: (URL) async throws -> Result) async throws -> Result {
        let type = request.headers[.contentType].map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased() }
        guard type == "text/csv" else {
            throw Problem(.unsupportedMediaType, "unsupported-media-type", "send the ledger as Content-Type: text/csv")
        }
        let (folder, file, handle) = try makeFile()
        defer { PrivateFolder.remove(folder) }
        var size = 0
        do {
            for try await buffer in request.body {
                size += buffer.readableBytes
                guard size <= ServerLimits.upload else {
                    throw Problem(.contentTooLarge, "body-too-large", "the ledger is larger than \(ServerLimits.upload / 1024 / 1024) MiB")
                }
                try handle.write(contentsOf: buffer.readableBytesView)
            }
            try handle.close()
        } catch {
            try? handle.close()
            throw error
        }
        return try await body(file)
    }

    /// A new, empty file only this process's user can read (0600, in a private folder), open
    /// for writing; the caller removes the folder.
    static func makeFile() throws -> (folder: URL, file: URL, handle: FileHandle) {
        let folder = try PrivateFolder.make("persist-upload")
        let file = folder.appendingPathComponent("upload.csv")
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: file.path) else {
            PrivateFolder.remove(folder)
            throw Problem(.init(code: 507), "no-space", "the server could not store the upload")
        }
        return (folder, file, handle)
    }
}
