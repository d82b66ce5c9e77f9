import Foundation

/// A file persist writes for a person (an export, a chart, a report): the one way persist writes
/// such files, so every one of them gets the same guarantees.
///
/// - It is never the database in use (nor its `-wal`, `-shm` or `-journal` file), nor any SQLite
///   database, nor a folder, device or pipe, whatever path or symbolic link leads there.
/// - An existing file is replaced only when the caller says so (`--force`).
/// - The content goes to a temporary file beside the target, which is flushed to disk and renamed
///   into place by ``commit()``: a reader sees the old file or the whole new one, and a failure
///   or a kill half way leaves the old file as it was.
///
/// One task writes it at a time (it is `Sendable` so that work running in the database's tasks
/// can write to it).
///
/// ```swift
/// let file = try OutputFile(path: "january.csv", force: false, protecting: url)
/// try file.write("date,user\n")
/// try file.commit()
/// ```
public final class OutputFile: @unchecked Sendable {
    /// The path as the user gave it, for messages.
    public let path: String
    private let target: URL
    private let temporary: URL
    private let handle: FileHandle
    private var finished = false

    /// Opens a temporary file for `path` after checking that `path` may be written.
    ///
    /// - Parameters:
    ///   - force: replace an existing regular file.
    ///   - database: the database in use; an SQLite file (and its companions) is refused as a target.
    /// - Throws: ``OutputFileError`` naming the path and the reason.
    public init(path: String, force: Bool, protecting database: DatabaseURL?) throws(OutputFileError) {
        self.path = path
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let resolved = target.resolvingSymlinksInPath()
        if let database, case .sqlite(.file(let databasePath)) = database.location {
            let live = URL(fileURLWithPath: databasePath).standardizedFileURL.resolvingSymlinksInPath().path
            if [live, live + "-wal", live + "-shm", live + "-journal"].contains(resolved.path) {
                throw OutputFileError(path: path, reason: "it is the database in use; choose another file")
            }
        }
        // A companion of any SQLite database (`x-wal` beside `x`), even one not there yet: a stray
        // file of that name would be read as the database's log.
        if Self.isSQLiteCompanion(resolved) {
            throw OutputFileError(path: path, reason: "it is part of an SQLite database, which persist never overwrites; choose another file")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isFolder) {
            let type = (try? FileManager.default.attributesOfItem(atPath: resolved.path)[.type]) as? FileAttributeType
            guard !isFolder.boolValue, type == .typeRegular else {
                throw OutputFileError(path: path, reason: "it is \(isFolder.boolValue ? "a folder" : "not a regular file"); give a file name")
            }
            if Self.hasSQLiteHeader(resolved) {
                throw OutputFileError(path: path, reason: "it is part of an SQLite database, which persist never overwrites; choose another file")
            }
            guard force else {
                throw OutputFileError(path: path, reason: "it already exists; pass --force to replace it")
            }
        }
        // The temporary file lives beside the real target (a symbolic link is followed), so the
        // rename stays on one file system and replaces the file the link points to.
        self.target = resolved
        let folder = resolved.deletingLastPathComponent()
        temporary = folder.appendingPathComponent(".\(resolved.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw OutputFileError(path: path, reason: Self.reason(errno: errno))
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    deinit {
        discard()
    }

    /// Appends bytes to the temporary file.
    public func write(_ data: Data) throws(OutputFileError) {
        do {
            try handle.write(contentsOf: data)
        } catch {
            discard()
            throw OutputFileError(path: path, reason: "writing failed (\(Self.reason(errno: errno))); nothing was changed")
        }
    }

    /// Appends text, as UTF-8.
    public func write(_ text: String) throws(OutputFileError) {
        try write(Data(text.utf8))
    }

    /// Flushes the temporary file to disk and renames it into place.
    public func commit() throws(OutputFileError) {
        guard !finished else { return }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            discard()
            throw OutputFileError(path: path, reason: "writing failed (\(Self.reason(errno: errno))); nothing was changed")
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = Self.reason(errno: errno)
            discard()
            throw OutputFileError(path: path, reason: "\(reason); nothing was changed")
        }
        finished = true
    }

    /// Removes the temporary file; the target stays as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        try? handle.close()
        unlink(temporary.path)
    }

    /// Writes `data` to `path` in one go, with the same checks.
    public static func write(_ data: Data, to path: String, force: Bool, protecting database: DatabaseURL?) throws(OutputFileError) {
        let file = try OutputFile(path: path, force: force, protecting: database)
        try file.write(data)
        try file.commit()
    }

    /// Whether `url` is named as a companion (`x-wal`, `x-shm`, `x-journal`) of an SQLite database `x`.
    private static func isSQLiteCompanion(_ url: URL) -> Bool {
        ["-wal", "-shm", "-journal"].contains { suffix in
            url.path.hasSuffix(suffix) && hasSQLiteHeader(URL(fileURLWithPath: String(url.path.dropLast(suffix.count))))
        }
    }

    /// Whether `url` starts as an SQLite database, write-ahead log or rollback journal does.
    private static func hasSQLiteHeader(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let header = [UInt8]((try? handle.read(upToCount: 16)) ?? Data())
        let database = Array("SQLite format 3\u{0}".utf8)
        let wal: [[UInt8]] = [[0x37, 0x7F, 0x06, 0x82], [0x37, 0x7F, 0x06, 0x83]]
        let journal: [UInt8] = [0xD9, 0xD5, 0x05, 0xF9, 0x20, 0xA1, 0x63, 0xD7]
        return header == database || wal.contains { header.starts(with: $0) } || header.starts(with: journal)
    }

    private static func reason(errno code: Int32) -> String {
        switch code {
        case ENOENT: "its folder does not exist"
        case EACCES, EPERM: "permission denied"
        case EROFS: "the file system is read-only"
        case ENOSPC: "the disk is full"
        case EFBIG: "the file is too large (file-size limit)"
        default: String(cString: strerror(code))
        }
    }
}

/// Why persist will not, or could not, write an output file.
public struct OutputFileError: PersistFailure, Equatable {
    /// The path as given.
    public let path: String
    /// Why, in words.
    public let reason: String

    public var description: String { "cannot write \(path): \(reason)" }
}
