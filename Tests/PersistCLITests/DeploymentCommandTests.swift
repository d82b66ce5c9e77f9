import Foundation
import PersistKit
import PersistTooling
import PersistTestSupport
import Testing

@Suite("Deploying to PostgreSQL, from the command line", .enabled(if: TestBackend.available.contains(.postgresql)))
struct DeploymentCommandTests {
    private func password(of url: String) -> String {
        URLComponents(string: url)!.password!
    }

    @Test("doctor reports plain, TLS and PgBouncer set-ups truthfully")
    func doctorReports() async throws {
        let folder = try TemporaryFolder.make()
        let ca = try TestBackend.url(from: "PERSIST_TEST_TLS_CA")
        let cases: [(String, String, [String])] = [
            (try TestBackend.postgresAdminURL(), "plain", ["pooler      no (direct)", "TLS         off, sslmode=disable"]),
            (try TestBackend.url(from: "PERSIST_TEST_TLS_URL") + "?sslmode=verify-full&sslrootcert=\(ca)", "tls",
             ["TLS         on (TLSv1.3), sslmode=verify-full, certificate verified: chain and host name"]),
            (try TestBackend.url(from: TestBackend.pgbouncerVariable), "pgbouncer", ["pooler      yes"]),
        ]
        for (url, name, expected) in cases {
            let result = try await PersistBinary.run(["doctor"], in: folder, environment: ["DATABASE_URL": url])
            #expect(result.status == 0, "\(name): \(result.output)")
            // The server's own database has no budget schema: reachable, and what to run says so.
            #expect(result.output.contains("status      reachable, but the budget commands refuse until you run `persist migrate` (16 migrations pending)"), "\(name): \(result.output)")
            #expect(result.output.contains("source      the DATABASE_URL environment variable"))
            #expect(result.output.contains("latency     "))
            // scripts/test gives the plain and PgBouncer URLs connect_timeout=30 and pool_timeout=30;
            // the TLS one keeps the defaults.
            let connectTimeout = url.contains("connect_timeout=30") ? 30 : 10
            let acquireTimeout = url.contains("pool_timeout=30") ? 30 : 10
            #expect(result.output.contains("pool        5 connections, \(acquireTimeout) s acquire timeout, \(connectTimeout) s connect timeout"), "\(name): \(result.output)")
            for line in expected { #expect(result.output.contains(line), "\(name): \(result.output)") }
            #expect(!result.output.contains(password(of: url)))

            let json = try await PersistBinary.run(["doctor", "--format", "json"], in: folder, environment: ["DATABASE_URL": url])
            let report = try JSONDecoder().decode(DoctorReport.self, from: Data(json.output.utf8))
            #expect(report.usable)
            #expect(report.serverVersion?.hasPrefix("15.") == true)
        }
    }

    @Test("doctor names the cause and the fix when the database cannot be used")
    func doctorDiagnoses() async throws {
        let folder = try TemporaryFolder.make()
        var wrongPassword = URLComponents(string: try TestBackend.postgresAdminURL())!
        wrongPassword.password = "canary-wrong-7f3e"
        let cases: [(String, String)] = [
            ("postgresql://app:canary-7f3e@127.0.0.1:\(try ClosedPort.find())/app?sslmode=disable", "cause       could not connect"),
            (wrongPassword.string!, "cause       password authentication failed"),
            (try TestBackend.postgresAdminURL().replacingOccurrences(of: "sslmode=disable", with: "sslmode=require"), "cause       TLS could not be set up"),
        ]
        for (url, cause) in cases {
            let result = try await PersistBinary.run(["doctor"], in: folder, environment: ["DATABASE_URL": url])
            #expect(result.status == 1)
            #expect(result.output.contains("status      NOT usable"))
            #expect(result.output.contains(cause), "\(result.output)")
            #expect(result.output.contains("fix         "))
            #expect(!result.output.contains("canary"))
        }
    }

    @Test("doctor warns about risky configuration")
    func doctorWarns() async throws {
        let folder = try TemporaryFolder.make()
        _ = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/git"), ["init", "-q"], environment: ProcessInfo.processInfo.environment, directory: folder)
        try "DATABASE_URL=\(try TestBackend.postgresAdminURL())\n".write(to: folder.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        let result = try await PersistBinary.run(["doctor", "--database-url", try TestBackend.postgresAdminURL()], in: folder)
        #expect(result.output.contains("warning     the password was given with --database-url"))
        #expect(result.output.contains("warning     .env holds credentials but git does not ignore it"))
        try ".env\n".write(to: folder.appendingPathComponent(".gitignore"), atomically: true, encoding: .utf8)
        let ignored = try await PersistBinary.run(["doctor"], in: folder)
        #expect(!ignored.output.contains(".env holds credentials"))
        let remote = try await PersistBinary.run(["doctor"], in: folder, environment: ["DATABASE_URL": "postgresql://a:b@db.example.invalid/x?connect_timeout=1"])
        #expect(remote.output.contains("warning     sslmode=prefer for the remote host db.example.invalid can fall back to plain text"))
    }

    @Test("migrate uses DIRECT_URL; everything else uses DATABASE_URL")
    func directURLForMigrations() async throws {
        try await ScratchDatabase.with(.postgresql) { scratch in
            let unreachable = "postgresql://app:canary-pooled@127.0.0.1:\(try ClosedPort.find())/app?sslmode=disable"
            let environment = ["DATABASE_URL": unreachable, "DIRECT_URL": scratch.urlText]
            let migrate = try await PersistBinary.run(["migrate"], in: scratch.folder, environment: environment)
            #expect(migrate.status == 0, "\(migrate.errorOutput)")
            #expect(migrate.output.hasPrefix("Applied 16:"))
            let seed = try await PersistBinary.run(["seed"], in: scratch.folder, environment: environment)
            #expect(seed.status == 1)
            #expect(seed.errorOutput.contains("cannot connect"))
        }
    }

    @Test("a canary password never appears in any output, success or failure")
    func canaryPasswordNeverPrinted() async throws {
        try await ScratchDatabase.with(.postgresql) { scratch in
            let secret = password(of: scratch.urlText)
            let good = ["DATABASE_URL": scratch.urlText]
            let bad = ["DATABASE_URL": scratch.urlText.replacingOccurrences(of: "127.0.0.1:", with: "127.0.0.1:1").replacingOccurrences(of: "sslmode=disable", with: "sslmode=disable&connect_timeout=1")]
            let commands: [[String]] = [
                ["migrate", "--stats"], ["migrate", "--status"], ["seed", "--stats"], ["doctor"], ["doctor", "--format", "json"],
                ["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--stats"],
                ["expense", "list", "--format", "json"], ["user", "add", "--email", "alice@example.com", "--name", "Dup"],
                ["proof", "run"], ["proof", "write"], ["proof", "read"], ["expense", "add", "--user", "x", "--category", "y", "--amount", "z", "--description", "d"],
            ]
            for environment in [good, bad] {
                for command in commands {
                    let result = try await PersistBinary.run(command, in: scratch.folder, environment: environment)
                    #expect(!result.output.contains(secret), "\(command)")
                    #expect(!result.errorOutput.contains(secret), "\(command)")
                }
            }
            let flagged = try await PersistBinary.run(["doctor", "--database-url", scratch.urlText], in: scratch.folder)
            #expect(!flagged.output.contains(secret))
        }
    }

    @Test func invalidPoolSettingIsAClearError() async throws {
        let result = try await PersistBinary.run(
            ["proof", "read"], in: try TemporaryFolder.make(),
            environment: ["DATABASE_URL": try TestBackend.postgresAdminURL(), "PERSIST_POOL_SIZE": "lots"]
        )
        #expect(result.status == 1)
        #expect(result.errorOutput == "persist: error: PERSIST_POOL_SIZE='lots' is not a whole number from 1 to 100000\n")
    }
}
