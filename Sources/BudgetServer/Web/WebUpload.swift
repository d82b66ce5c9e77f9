import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import PersistKit

/// A form with a file (`multipart/form-data`): the file part is streamed to a private temporary
/// file (memory stays flat however large it is), the other fields are kept in memory, and the
/// form's token is checked before the file is handed on.
enum WebUpload {
    /// The longest a plain field of an upload form may be.
    static let fieldLimit = 4 * 1024

    /// Reads the upload, checks its token, runs `body` with the fields and the file (named
    /// `file` in the form), and removes the file.
    static func withFile<Result: Sendable>(
        _ request: Request, context: ServerContext, _ body: (WebForm, URL) async throws -> Result
    ) async throws -> Result {
        guard mediaType(of: request) == "multipart/form-data", let boundary = boundary(of: request) else {
            throw WebFailure.unexpectedForm("send the file as multipart/form-data")
        }
        let (folder, file, handle) = try Upload.makeFile()
        defer { PrivateFolder.remove(folder) }
        let parts = PartCollector(file: handle)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in parts.header(name, value) }
        parser.onBody = { buffer in parts.body(&buffer) }
        parser.onPartComplete = { parts.complete() }
        var size = 0
        do {
            for try await buffer in request.body {
                size += buffer.readableBytes
                guard size <= ServerLimits.upload else {
                    throw Problem(.contentTooLarge, "body-too-large", "the file is larger than \(ServerLimits.upload / 1024 / 1024) MiB")
                }
                try parser.execute(buffer)
                if let failure = parts.failure { throw failure }
            }
            try handle.close()
        } catch let error as Problem {
            try? handle.close()
            throw error
        } catch let error as WebFailure {
            try? handle.close()
            throw error
        } catch {
            try? handle.close()
            throw WebFailure.unexpectedForm("the upload could not be read (cut short or malformed)")
        }
        guard parts.sawFile else { throw WebFailure.unexpectedForm("choose a file to upload") }
        // A body that ends before the file part's closing boundary holds part of a file: its last
        // row may be cut in two, so nothing of it is imported.
        guard parts.fileComplete else { throw WebFailure.unexpectedForm("the upload ended before the end of the file") }
        let form = WebForm(fields: parts.fields)
        try FormToken.verify(form.fields["csrf"], request: request, context: context)
        return try await body(form, file)
    }

    /// The request's media type, lowercased, without parameters.
    static func mediaType(of request: Request) -> String? {
        request.headers[.contentType].map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased() }
    }

    private static func boundary(of request: Request) -> String? {
        guard let type = request.headers[.contentType] else { return nil }
        for parameter in type.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }
}

/// The parts of one upload as the parser delivers them: the file's bytes to its file, each other
/// field's text to memory (bounded).
private final class PartCollector {
    let file: FileHandle
    var fields: [String: String] = [:]
    var sawFile = false
    /// Whether the file part's closing boundary arrived.
    var fileComplete = false
    var failure: (any Error)?
    private var name: String?
    private var isFile = false
    private var text = ""

    init(file: FileHandle) {
        self.file = file
    }

    func header(_ name: String, _ value: String) {
        guard name.lowercased() == "content-disposition" else { return }
        self.name = Self.parameter("name", in: value)
        isFile = Self.parameter("filename", in: value) != nil
        if isFile {
            if sawFile || self.name != "file" { failure = WebFailure.unexpectedForm("send one file, in the field named file") }
            sawFile = true
        }
    }

    func body(_ buffer: inout ByteBuffer) {
        guard failure == nil else { return }
        if isFile {
            do { try file.write(contentsOf: buffer.readableBytesView) } catch { failure = error }
        } else {
            text += String(decoding: buffer.readableBytesView, as: UTF8.self)
            if text.utf8.count > WebUpload.fieldLimit { failure = WebFailure.unexpectedForm("a field of the form is too long") }
        }
    }

    func complete() {
        if isFile { fileComplete = true } else if let name { fields[name] = text }
        name = nil
        isFile = false
        text = ""
    }

    /// `key="value"` (or unquoted) in a `Content-Disposition` header.
    private static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == key { return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }
}
