import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A finished child process: its exit status and what it printed.
///
/// Children are started with `posix_spawn` and reaped with `waitpid`, not with Foundation's
/// `Process`, which was seen here to leave a finished child unreaped (a zombie) and its caller
/// waiting forever when several children run at once.
public struct ChildProcess: Sendable {
    /// The exit status (128 + signal number when a signal ended it).
    public let status: Int32
    /// Everything written to standard output, as UTF-8.
    public let output: String
    /// Everything written to standard error, as UTF-8.
    public let errorOutput: String

    /// The first line the child wrote to standard error, or a note that it wrote none.
    public var firstErrorLine: String {
        errorOutput.split(whereSeparator: \.isNewline).first.map(String.init) ?? "exit status \(status)"
    }

    /// Runs `executable` with `arguments` to completion, on threads of its own.
    ///
    /// Waiting for a child blocks a thread, so it never happens on Dispatch's global queues:
    /// on Linux Swift's async executor runs on those, and eight waiting children there were seen
    /// to starve every other task of the process until they ended.
    ///
    /// - Parameters:
    ///   - environment: the child's whole environment.
    ///   - directory: the child's working directory; the parent's when `nil`.
    ///   - started: told the running child as soon as it exists, to send it signals.
    /// - Throws: ``LaunchFailure`` when the executable cannot be started.
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String], directory: URL? = nil,
        started: (@Sendable (Running) -> Void)? = nil
    ) async throws -> ChildProcess {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try spawnAndWait(executable, arguments, environment, directory, started) })
            }
        }
    }

    /// A child that is still running: signals reach it until it has been reaped, never a process
    /// that later reuses its id.
    public final class Running: @unchecked Sendable {
        /// The child's process id.
        public let pid: pid_t
        private let lock = NSLock()
        private var reaped = false

        init(pid: pid_t) { self.pid = pid }

        /// Sends `signal` (SIGINT, SIGTERM, SIGKILL, …) unless the child is already gone.
        public func send(_ signal: Int32) {
            lock.withLock { if !reaped { _ = kill(pid, signal) } }
        }

        /// Waits for the child to end, then reaps it; returns its raw wait status.
        fileprivate func waitAndReap() -> Int32 {
            var info = siginfo_t()
            // Wait without reaping first, so `send` never targets a recycled process id.
            while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
            return lock.withLock {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                reaped = true
                return status
            }
        }
    }

    private static func spawnAndWait(
        _ executable: URL, _ arguments: [String], _ environment: [String: String], _ directory: URL?,
        _ started: (@Sendable (Running) -> Void)?
    ) throws -> ChildProcess {
        if directory != nil && addChdir == nil { throw LaunchFailure(path: executable.path) }
        // Pipes are made and the child spawned under one lock, so a child spawned by another thread
        // cannot inherit these pipes before they are marked close-on-exec.
        spawnLock.lock()
        var output: [Int32] = [0, 0]
        var errors: [Int32] = [0, 0]
        guard pipe(&output) == 0, pipe(&errors) == 0 else {
            spawnLock.unlock()
            throw LaunchFailure(path: executable.path)
        }
        for fd in output + errors { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        // Descriptors another thread opened without close-on-exec must not leak into the child,
        // or a daemon it starts would hold them (and someone's pipe) open forever.
        for fd in openDescriptors() where fd > 2 && ![output[1], errors[1]].contains(fd) {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        if let directory, let addChdir = Self.addChdir { _ = addChdir(&actions, directory.path) }

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, envp)
        close(output[1])
        close(errors[1])
        spawnLock.unlock()
        guard spawned == 0 else {
            close(output[0])
            close(errors[0])
            throw LaunchFailure(path: executable.path)
        }
        let running = Running(pid: pid)
        started?(running)
        // Drain both pipes at once so neither can fill up and stall the child.
        let errorData = LockedData()
        let errorsDrained = DispatchSemaphore(value: 0)
        let errorRead = errors[0]
        Thread.detachNewThread {
            errorData.set(readAll(errorRead))
            errorsDrained.signal()
        }
        let outputData = readAll(output[0])
        errorsDrained.wait()
        let status = running.waitAndReap()
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return ChildProcess(
            status: exitStatus,
            output: String(decoding: outputData, as: UTF8.self),
            errorOutput: String(decoding: errorData.get(), as: UTF8.self)
        )
    }

    /// Reads a descriptor to its end and closes it.
    private static func readAll(_ fd: Int32) -> Data {
        defer { close(fd) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count > 0 {
                data.append(buffer, count: count)
            } else if count == 0 || errno != EINTR {
                return data
            }
        }
    }

    private static let spawnLock = NSLock()

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which Swift's Glibc module does not
    /// export: the child's working directory is set between fork and exec, never in this process.
    #if os(Linux)
    private static let addChdir: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
    }()

    /// The process's open descriptors, from `/proc/self/fd`.
    private static func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap(Int32.init).filter { fcntl($0, F_GETFD) != -1 }
    }
    #else
    /// Darwin exports it (macOS 10.15+).
    private static let addChdir: ((UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? = {
        posix_spawn_file_actions_addchdir_np($0, $1)
    }

    /// The process's open descriptors: every number up to the descriptor limit that is open.
    private static func openDescriptors() -> [Int32] {
        (3..<min(getdtablesize(), 4_096)).filter { fcntl($0, F_GETFD) != -1 }
    }
    #endif
}

/// A `Data` handed from one thread to another.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
