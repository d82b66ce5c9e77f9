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

/// A small tmpfs, to fill a disk for real; `nil` where the machine does not allow mounting one.
public struct TinyFileSystem {
    public let folder: URL

    public static func mount(kilobytes: Int) async throws -> TinyFileSystem? {
        guard getuid() == 0 else { return nil }
        let folder = try TemporaryFolder.make()
        guard (try? await ReadOnly.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", folder.path])) != nil else {
            try? FileManager.default.removeItem(at: folder)
            return nil
        }
        return TinyFileSystem(folder: folder)
    }

    public func unmount() async {
        _ = try? await ReadOnly.run("/usr/bin/umount", [folder.path])
        try? FileManager.default.removeItem(at: folder)
    }
}
