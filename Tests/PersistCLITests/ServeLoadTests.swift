import Foundation
import PersistKit
import PersistTestSupport
import PersistTooling
import Testing

extension Reliability {
/// `persist serve` under load, fuzzing and faults, as real processes over loopback.
@Suite("persist serve under load, fuzzing and faults")
struct ServeLoadTests {
    /// The wrk script of the writers: each request adds an expense whose description names the
    /// thread and the request ("load-2-17"); the answers' descriptions are the acknowledged
    /// writes. At the end each thread's count of requests sent, statuses and acknowledged
    /// descriptions go to `$WRK_OUT`.
    static let writerScript = #"""
        counter = 0
        sent = 0
        acked = {}
        statuses = {}
        local threads = {}
        function setup(thread) thread:set("id", #threads + 1); table.insert(threads, thread) end
        function request()
          counter = counter + 1
          sent = sent + 1
          local body = string.format('{"category":"Food","amount":"1.%02d","date":"2024-03-%02d","description":"load-%d-%d"}', counter % 100, counter % 28 + 1, id, counter)
          return wrk.format("POST", "/api/expenses", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN")}, body)
        end
        function response(status, headers, body)
          statuses[status] = (statuses[status] or 0) + 1
          if status == 201 then
            local d = string.match(body, '"description":"(load%-[0-9]+%-[0-9]+)"')
            if d then table.insert(acked, d) end
          end
        end
        function done(summary, latency, requests)
          local out = io.open(os.getenv("WRK_OUT"), "w")
          for _, t in ipairs(threads) do
            out:write("sent " .. t:get("sent") .. "\n")
            for code, n in pairs(t:get("statuses")) do out:write("status " .. code .. " " .. n .. "\n") end
            for _, d in ipairs(t:get("acked")) do out:write("acked " .. d .. "\n") end
          end
          out:close()
        end
        """#

    /// The readers' script: the monthly report, a page of expenses and the categories, in turn;
    /// statuses other than 200 are written to `$WRK_OUT`.
    static let readerScript = #"""
        paths = {"/api/reports/monthly?month=2024-03", "/api/expenses?limit=20&month=2024-03", "/api/categories"}
        n = 0
        statuses = {}
        local threads = {}
        function setup(thread) table.insert(threads, thread) end
        function request()
          n = n + 1
          return wrk.format("GET", paths[n % 3 + 1], {["Authorization"] = "Bearer " .. os.getenv("TOKEN")})
        end
        function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
        function done(summary, latency, requests)
          local out = io.open(os.getenv("WRK_OUT"), "w")
          for _, t in ipairs(threads) do
            for code, count in pairs(t:get("statuses")) do out:write("status " .. code .. " " .. count .. "\n") end
          end
          out:write(string.format("p99 %d\n", latency:percentile(99)))
          out:close()
        end
        """#

    @Test("schemathesis: no 5xx, and every answer as the OpenAPI document says",
          arguments: TestBackend.available.filter { $0 != .pgbouncer })
    func schemathesis(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            try await ServeProcess.with(in: database.scratch.folder, environment: database.environment) { server in
                let user = try await HTTPClient(server.baseURL).signUp("fuzz@example.com")
                let served = try await HTTPClient(server.baseURL).send("GET", "/openapi.json")
                let committed = try String(contentsOf: Self.repository.appendingPathComponent("docs/openapi.json"), encoding: .utf8)
                #expect(served.text + "\n" == committed, "the served document differs from docs/openapi.json: run scripts/generate-openapi")
                let run = try await ChildProcess.run(
                    URL(fileURLWithPath: "/usr/bin/env"),
                    [
                        "st", "run", server.baseURL.absoluteString + "/openapi.json", "-H", "Authorization: Bearer \(user.token!)",
                        // Signing out would end the session the fuzzer uses.
                        "--exclude-path", "/api/logout",
                        "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
                        "--max-examples", "25", "--seed", "1", "--no-color",
                    ],
                    environment: ProcessInfo.processInfo.environment.merging(["SCHEMATHESIS_HOOKS": ""]) { $1 }, directory: database.scratch.folder
                )
                #expect(run.status == 0, "\(run.output.suffix(4000))\(run.errorOutput.suffix(2000))")
                #expect(!server.log.contains("request failed"), "\(server.log.split(separator: "\n").filter { $0.contains("failed") }.prefix(5))")
            }
        }
    }

    @Test("200 keep-alive clients on a pool of 5 for 30 s: no errors, every acknowledged write stored once, no write unaccounted for",
          arguments: TestBackend.available.filter { $0 != .pgbouncer })
    func load(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            var environment = database.environment
            environment["PERSIST_POOL_SIZE"] = "5"
            try await ServeProcess.with(in: database.scratch.folder, environment: environment) { server in
                let user = try await HTTPClient(server.baseURL).signUp("load@example.com")
                let folder = database.scratch.folder
                try Self.writerScript.write(to: folder.appendingPathComponent("writer.lua"), atomically: true, encoding: .utf8)
                try Self.readerScript.write(to: folder.appendingPathComponent("reader.lua"), atomically: true, encoding: .utf8)
                func wrk(_ script: String, connections: Int, out: String) async throws -> ChildProcess {
                    try await ChildProcess.run(
                        URL(fileURLWithPath: "/usr/bin/env"),
                        ["wrk", "-t2", "-c\(connections)", "-d30s", "--timeout", "20s", "-s", script, server.baseURL.absoluteString],
                        environment: ProcessInfo.processInfo.environment.merging(["TOKEN": user.token!, "WRK_OUT": folder.appendingPathComponent(out).path]) { $1 },
                        directory: folder
                    )
                }
                async let writers = wrk("writer.lua", connections: 40, out: "writers.txt")
                async let readers = wrk("reader.lua", connections: 160, out: "readers.txt")
                let (written, read) = try await (writers, readers)
                for run in [written, read] {
                    #expect(run.status == 0 && !run.output.contains("Socket errors") && !run.output.contains("Non-2xx"), "\(run.output)\(run.errorOutput)")
                }
                let writes = try String(contentsOf: folder.appendingPathComponent("writers.txt"), encoding: .utf8).split(separator: "\n")
                let reads = try String(contentsOf: folder.appendingPathComponent("readers.txt"), encoding: .utf8).split(separator: "\n")
                let acked = Set(writes.filter { $0.hasPrefix("acked ") }.map { String($0.dropFirst(6)) })
                let sent = writes.filter { $0.hasPrefix("sent ") }.compactMap { Int($0.dropFirst(5)) }.reduce(0, +)
                #expect(writes.filter { $0.hasPrefix("status ") }.allSatisfy { $0.hasPrefix("status 201 ") }, "\(writes.filter { $0.hasPrefix("status") })")
                #expect(reads.filter { $0.hasPrefix("status ") }.allSatisfy { $0.hasPrefix("status 200 ") }, "\(reads.filter { $0.hasPrefix("status") })")
                #expect(acked.count > 100, "only \(acked.count) writes acknowledged in 30 s")

                let stored = try await database.descriptions(like: "load-%")
                #expect(stored.count == Set(stored).count, "a write was stored twice")
                #expect(acked.isSubset(of: Set(stored)), "\(acked.subtracting(stored).count) acknowledged writes are missing")
                // Requests still in flight when wrk stopped may have been written: at most one per connection.
                let unacknowledged = Set(stored).subtracting(acked).count
                #expect(unacknowledged <= sent - acked.count && unacknowledged <= 40, "\(unacknowledged) writes nobody asked for (\(sent) sent, \(acked.count) acknowledged)")
                #expect(!server.log.contains("request failed"))
                let metrics = try await HTTPClient(server.baseURL).send("GET", "/metrics").text
                #expect(metrics.contains("persist_pool_size_connections 5"), "\(metrics.split(separator: "\n").filter { $0.hasPrefix("persist_pool") })")
            }
        }
    }

    /// The repository's root (this file is Tests/PersistCLITests/ServeLoadTests.swift).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
}
