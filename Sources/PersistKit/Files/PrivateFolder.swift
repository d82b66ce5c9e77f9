import Foundation

/// Temporary folders that only the current user can enter (mode 0700), for copies of a database.
public enum PrivateFolder {
    /// A new folder `prefix-UUID` in the temporary directory.
    ///
    /// - Throws: ``DatabaseError/Code/cannotOpen`` in one line when the temporary directory
    ///   cannot take it (missing, read-only, full).
    public static func make(_ prefix: String) throws -> URL {
        let base = FileManager.default.temporaryDirectory
        let folder = base.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        // mkdir(2) itself, so that the reason is the system's own (ENOENT, EROFS, ENOSPC …).
        guard mkdir(folder.path, 0o700) == 0 else {
            let reason = String(cString: strerror(errno))
            throw DatabaseError(.cannotOpen, "cannot make a temporary folder in \(base.path) (\(reason)); set TMPDIR to a writable folder")
        }
        return folder
    }

    /// Removes `folder` and everything in it, quietly.
    public static func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
    }
}
