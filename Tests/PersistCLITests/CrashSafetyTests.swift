import BudgetTracker
import Foundation
import PersistKit
import PersistTooling
import PersistTestSupport
import SQLKit
import Testing

extension Reliability {
/// An import is one transaction: whatever ends the process, the expenses are all there or none.
@Suite("Crash and cancel: an import is all or nothing")
struct CrashSafetyTests {
    static let rows = 200_000
    static let backends = TestBackend.available.filter { $0 != .pgbouncer }

    @Test("SIGKILL at random moments during a 200,000-row import", arguments: backends)
    func killedImports(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend) { database in
            let ledger = database.file("ledger.csv")
            try await offPool { [ledger] in try LedgerGenerator.write(rows: Self.rows, to: ledger) }
            let importArguments = ["expense", "import", ledger.path, "--create-missing", "--again"]

            // One import left alone: it must complete, and its duration spreads the kills below.
            var firstStatus: Int32 = -1
            var duration = try await timed { firstStatus = try await database.run(importArguments).status }
            #expect(firstStatus == 0)
            var expected = Self.rows
            #expect(try await database.count("expenses") == expected)

            // At least 10 trials, and at least 6 that really ended an import part way; an import
            // that finished first shows the machine is faster now, so later kills come sooner.
            var random = SplitMix(seed: 2026)
            var trials = 0
            var killed = 0
            while trials < 10 || (killed < 6 && trials < 30) {
                trials += 1
                let delay = duration * (0.05 + 0.9 * random.fraction())
                var status: Int32 = 0
                let elapsed = try await timed {
                    status = try await database.run(importArguments) { running in
                        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { running.send(SIGKILL) }
                    }.status
                }
                let count = try await database.count("expenses")
                #expect(count == expected || count == expected + Self.rows,
                        "trial \(trials), killed after \(delay) s: \(count) rows, expected \(expected) or \(expected + Self.rows)")
                if status == 128 + SIGKILL && count == expected {
                    killed += 1
                } else {
                    duration = min(duration, elapsed)
                }
                expected = count
                if backend == .sqlite { #expect(try await integrityCheck(database) == "ok", "trial \(trials)") }
                progressLine("SIGKILL trial \(trials) on \(backend): \(status == 128 + SIGKILL ? "killed" : "completed"), \(count) rows")
            }
            progressLine("SIGKILL trials on \(backend): \(trials), killed part way \(killed), completed \(trials - killed); import \(duration) s")
            #expect(killed >= 6, "only \(killed) of \(trials) imports were killed part way")
        }
    }

    @Test("Ctrl-C or SIGTERM during an import: rolled back, one line, exit 128 + signal",
          arguments: backends.flatMap { backend in [(backend, SIGINT), (backend, SIGTERM)] })
    func cancelledImport(backend: TestBackend, signal: Int32) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            let ledger = database.file("ledger.csv")
            try await offPool { [ledger] in try LedgerGenerator.write(rows: Self.rows, to: ledger) }
            let before = try await database.snapshot()
            // The ledger arrives through a pipe: once persist has read its first mebibyte the
            // import is surely under way and far from done (the rest has not been written yet),
            // and only then comes the signal. No clock decides.
            let fifo = database.file("ledger.fifo")
            #expect(mkfifo(fifo.path, 0o600) == 0)
            let content = try Data(contentsOf: ledger)
            let result = try await database.run(["expense", "import", fifo.path, "--create-missing", "--again"]) { running in
                Thread.detachNewThread { Self.feed(content, into: fifo, signalling: signal, to: running, after: 1 << 20) }
            }
            #expect(result.status == 128 + signal, "\(result.errorOutput)")
            #expect(result.errorOutput == "persist: error: import cancelled, nothing written\n")
            #expect(result.output.isEmpty)
            #expect(try await database.snapshot() == before)
            if backend == .sqlite { #expect(try await integrityCheck(database) == "ok") }
        }
    }

    /// Writes `content` into the pipe `fifo` (waiting for its reader), and sends `signal` to
    /// `running` once `threshold` bytes have been taken; stops when the reader has gone.
    private static func feed(_ content: Data, into fifo: URL, signalling signal: Int32, to running: ChildProcess.Running, after threshold: Int) {
        // A reader that has gone makes a write fail with EPIPE instead of ending the test process.
        Foundation.signal(SIGPIPE, SIG_IGN)
        let descriptor = open(fifo.path, O_WRONLY)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        content.withUnsafeBytes { bytes in
            var offset = 0
            var signalled = false
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, min(1 << 16, bytes.count - offset))
                guard written > 0 else { return }
                offset += written
                if !signalled && offset >= threshold {
                    running.send(signal)
                    signalled = true
                }
            }
        }
    }

    private func timed(_ work: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await work()
        return (ContinuousClock.now - start).milliseconds / 1000
    }

    private func integrityCheck(_ database: CLIDatabase) async throws -> String {
        try await DatabaseHandle.withOpen(try database.scratch.url) { handle in
            try await handle.unprotectedSQL.raw("PRAGMA integrity_check").first()!.decode(column: "integrity_check", as: String.self)
        }
    }
}
}
