import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a command-line tool to its end from synchronous code (a callback in the middle of an
/// export), with `posix_spawn` and `waitpid`: Foundation's `Process.run()` crashed the test process
/// when children were started from several threads at once, and async code uses ``ChildProcess``.
public enum BlockingTool {
    /// Runs `path` with `arguments`, its output and error discarded.
    /// - Throws: ``SetUpFailure`` when it cannot be started or exits with a status other than 0.
    public static func run(_ path: String, _ arguments: [String]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw SetUpFailure("cannot run \(path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else { throw SetUpFailure("\(path) failed: wait status \(status)") }
    }
}
