import Foundation
import PersistKit
import PersistTooling
#if canImport(Glibc)
import Glibc
#endif

/// Makes a file or folder unwritable for a while, even for root: root ignores permission bits,
/// so as root the immutable attribute (`chattr +i`) is used, otherwise `chmod a-w`.
public enum ReadOnly {
    public static func `while`<T>(_ url: URL, _ body: () async throws -> T) async throws -> T {
        let asRoot = getuid() == 0
        let original = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int ?? 0o644
        if asRoot {
            try await run("/usr/bin/chattr", ["+i", url.path])
        } else {
            try FileManager.default.setAttributes([.posixPermissions: original & ~0o222], ofItemAtPath: url.path)
        }
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        if asRoot {
            try await run("/usr/bin/chattr", ["-i", url.path])
        } else {
            try FileManager.default.setAttributes([.posixPermissions: original], ofItemAtPath: url.path)
        }
        return try result.get()
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) async throws -> ChildProcess {
        let result = try await ChildProcess.run(URL(fileURLWithPath: tool), arguments, environment: ProcessInfo.processInfo.environment)
        guard result.status == 0 else { throw SetUpFailure("\(tool) \(arguments.joined(separator: " ")): \(result.firstErrorLine)") }
        return result
    }
}

/// A small tmpfs, to fill a disk for real.
public enum TinyFileSystem {
    /// Whether this machine lets the tests mount one (root, with `mount`): the condition of the
    /// tests that need it, which are reported as skipped (with the reason) elsewhere.
    public static var isAvailable: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/mount")
    }

    /// Mounts a tmpfs of `kilobytes`, runs `body` with its folder, and unmounts it whether `body`
    /// succeeds or fails. A mount that fails here is an error, not a skip.
    public static func with(kilobytes: Int, _ body: (URL) async throws -> Void) async throws {
        let folder = try TemporaryFolder.make()
        _ = try await ReadOnly.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", folder.path])
        do {
            try await body(folder)
        } catch {
            await unmount(folder)
            throw error
        }
        await unmount(folder)
    }

    private static func unmount(_ folder: URL) async {
        _ = try? await ReadOnly.run("/usr/bin/umount", [folder.path])
        try? FileManager.default.removeItem(at: folder)
    }
}
