import Foundation
import PersistKit
import PersistTestSupport
import Testing

/// `persist serve` as real processes over real HTTP, on every backend: each user reaches only
/// their own data, however they ask.
@Suite("persist serve")
struct ServeTests {
    /// Every route a signed-in user has, with another user's expense id `id` and category `name`.
    static func routes(id: String, category: String) -> [(method: String, path: String, json: [String: Any]?)] {
        [
            ("GET", "/api/me", nil),
            ("GET", "/api/categories", nil),
            ("POST", "/api/categories", ["name": "Probe"]),
            ("PATCH", "/api/categories/\(category)", ["color": "#000000"]),
            ("DELETE", "/api/categories/\(category)", nil),
            ("POST", "/api/categories/\(category)/merge", ["into": "Food"]),
            ("GET", "/api/expenses", nil),
            ("POST", "/api/expenses", ["category": "Food", "amount": "1.00", "date": "2024-01-02", "description": "probe"]),
            ("GET", "/api/expenses/\(id)", nil),
            ("PATCH", "/api/expenses/\(id)", ["amount": "0.01"]),
            ("DELETE", "/api/expenses/\(id)", nil),
            ("POST", "/api/transfers", ["from": "Food", "to": category, "amount": "1.00"]),
            ("GET", "/api/export", nil),
            ("GET", "/api/reports/monthly?month=2024-01", nil),
            ("GET", "/api/reports/trend?months=3&until=2024-01", nil),
            ("GET", "/api/reports/budget?month=2024-01", nil),
            ("PUT", "/api/budgets", ["category": category, "month": "2024-01", "amount": "10.00"]),
            ("POST", "/api/budgets/moves", ["from": "Food", "to": category, "amount": "1.00", "month": "2024-01"]),
            ("POST", "/api/budgets/alerts?month=2024-01", nil),
            ("PUT", "/api/budgets/thresholds", ["thresholds": [50]]),
            ("GET", "/api/recurring", nil),
            ("POST", "/api/recurring", ["category": category, "amount": "1.00", "description": "probe", "every": "monthly", "from": "2024-01-01"]),
            ("POST", "/api/recurring/run?until=2024-01-31", nil),
        ]
    }

    @Test("two users: the other's ids and names are not found, and nothing of theirs appears in any answer", arguments: TestBackend.available)
    func isolation(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            try await ServeProcess.with(in: database.scratch.folder, environment: database.environment) { server in
                let anonymous = HTTPClient(server.baseURL)
                let ann = try await anonymous.signUp("ann@example.com")
                let bob = try await anonymous.signUp("bob@example.com")
                // Both may have a category of their own with the same name: neither learns of the other's.
                #expect(try await ann.send("POST", "/api/categories", json: ["name": "Gym", "color": "#111111"]).status == 201)
                #expect(try await bob.send("POST", "/api/categories", json: ["name": "Gym"]).status == 201)
                #expect(try await ann.send("POST", "/api/categories", json: ["name": "Secret-ann"]).status == 201)
                let added = try await ann.send("POST", "/api/expenses", json: ["category": "Gym", "amount": "30.00", "date": "2024-01-05", "description": "ann-private-text"])
                #expect(added.status == 201, "\(added.text)")
                let annID = try #require((added.json as? [String: Any])?["id"] as? Int)
                let before = try await database.snapshot()

                // Bob tries every route with Ann's expense and category.
                for route in Self.routes(id: String(annID), category: "Secret-ann") {
                    let answer = try await bob.send(route.method, route.path, json: route.json)
                    // (A name Bob typed may come back in "no category '…'"; nothing of Ann's may.)
                    #expect(!answer.text.contains("ann-private-text") && !answer.text.contains("#111111") && !answer.text.contains("ann@"), "\(route.path): \(answer.text)")
                    if route.path.contains("/\(annID)") || route.path.contains("Secret-ann") && route.method != "POST" || route.path.hasSuffix("/merge") {
                        #expect(answer.status == 404, "\(route.method) \(route.path): \(answer.status) \(answer.text)")
                    }
                }
                // Bob's own writes above are his; Ann's rows are as they were.
                let annView = try await ann.send("GET", "/api/expenses/\(annID)")
                #expect(annView.status == 200 && annView.text.contains("\"amount\":\"30.00\"") && annView.text.contains("ann-private-text"))
                let annCategories = try await ann.send("GET", "/api/categories").text
                #expect(annCategories.contains("\"color\":\"#111111\",\"id\":") && annCategories.contains("Secret-ann"))
                #expect(try await database.snapshot() != before, "Bob's own writes happened")

                // Names travel percent-encoded; the scheme's name in any case; an empty category of
                // one's own filters to nothing (not "no such category").
                #expect(try await ann.send("POST", "/api/categories", json: ["name": "Café au lait"]).status == 201)
                let recolored = try await ann.send("PATCH", "/api/categories/Caf%C3%A9%20au%20lait", json: ["color": "#222222"])
                #expect(recolored.status == 200, "\(recolored.text)")
                let lowercase = try await anonymous.send("GET", "/api/me", headers: ["Authorization": "bearer \(ann.token!)"])
                #expect(lowercase.status == 200)
                #expect(try await ann.send("GET", "/api/expenses?category=Caf%C3%A9%20au%20lait").status == 200)
                let march = try await ann.send("GET", "/api/export?from=2024-01-06&to=2024-12-31").text
                #expect(march.split(separator: "\n").count == 1, "only the header: \(march)")

                // A CSV naming another user is refused whole.
                let csv = Data("date,user,category,amount,description\n2024-01-09,ann@example.com,Food,5.00,planted\n".utf8)
                let planted = try await bob.send("POST", "/api/imports", body: csv, contentType: "text/csv")
                #expect(planted.status == 422 && planted.text.contains("every row must be yours"), "\(planted.text)")
                #expect(try await ann.send("GET", "/api/expenses?q=planted").text.contains("\"items\":[]"))

                // Without a token, with a malformed one: 401 everywhere, with a problem body.
                for route in Self.routes(id: String(annID), category: "Gym") {
                    for client in [anonymous, HTTPClient(server.baseURL, token: "forged"), HTTPClient(server.baseURL, token: String(repeating: "A", count: 43))] {
                        let answer = try await client.send(route.method, route.path, json: route.json)
                        #expect(answer.status == 401 && answer.headers["content-type"] == "application/problem+json", "\(route.path): \(answer.status)")
                        #expect(!answer.text.contains("ann-private-text"))
                    }
                }

                // Revoked (logout), expired, and a deleted user's tokens are refused.
                let second = try await HTTPClient(server.baseURL).send("POST", "/api/login", json: ["email": "ann@example.com", "password": "correct horse battery"])
                let annAgain = HTTPClient(server.baseURL, token: try #require(second["token"]))
                #expect(try await annAgain.send("POST", "/api/logout").status == 204)
                #expect(try await annAgain.send("GET", "/api/me").status == 401)
                #expect(try await ann.send("GET", "/api/me").status == 200)
                try await database.execute("UPDATE sessions SET expires_at = 1")
                #expect(try await ann.send("GET", "/api/me").status == 401)
                #expect(try await database.run(["user", "delete", "bob@example.com", "--yes"]).status == 0)
                #expect(try await bob.send("GET", "/api/expenses").status == 401)
                // Bob's session went with him; Ann's two stay recorded (revoked, expired).
                #expect(try await database.count("sessions") == 2)

                // No token or password reached the log.
                #expect(!server.log.contains(ann.token!) && !server.log.contains("correct horse battery"))
            }
        }
    }

    @Test("passwords from the command line; revoking ends sessions; repeated failures lock the account out", arguments: [TestBackend.sqlite])
    func accounts(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            let set = try await database.run(["user", "set-password", "alice@example.com"], stdin: "alice's long password\n")
            #expect(set.status == 0 && set.output == "Set the password of alice@example.com\n", "\(set.output)\(set.errorOutput)")
            let short = try await database.run(["user", "set-password", "alice@example.com"], stdin: "short\n")
            #expect(short.status == 2 && short.errorLines.count == 1 && !short.errorOutput.contains("short\n"), "\(short.errorOutput)")
            try await ServeProcess.with(in: database.scratch.folder, environment: database.environment) { server in
                let client = HTTPClient(server.baseURL)
                let login = try await client.send("POST", "/api/login", json: ["email": "Alice@Example.com", "password": "alice's long password"])
                #expect(login.status == 200, "\(login.text)")
                let alice = HTTPClient(server.baseURL, token: try #require(login["token"]))
                // The CLI's data is hers in the API too: the seeded report, unchanged.
                let report = try await alice.send("GET", "/api/reports/monthly?month=2024-01")
                #expect(report.status == 200 && report.text.contains("\"total\":\"146.25\""), "\(report.text)")
                let revoked = try await database.run(["user", "sessions", "revoke", "alice@example.com"])
                #expect(revoked.output == "Ended 1 open session of alice@example.com\n", "\(revoked.output)\(revoked.errorOutput)")
                #expect(try await alice.send("GET", "/api/me").status == 401)

                // An unknown e-mail and a wrong password read the same.
                let unknown = try await client.send("POST", "/api/login", json: ["email": "nobody@example.com", "password": "whatever it is"])
                let wrong = try await client.send("POST", "/api/login", json: ["email": "alice@example.com", "password": "not her password"])
                #expect(unknown.status == 401 && wrong.status == 401 && unknown["detail"] == wrong["detail"])
                for _ in 0..<9 { _ = try await client.send("POST", "/api/login", json: ["email": "alice@example.com", "password": "not her password"]) }
                let locked = try await client.send("POST", "/api/login", json: ["email": "alice@example.com", "password": "alice's long password"])
                #expect(locked.status == 429 && Int(locked.headers["retry-after"] ?? "") ?? 0 > 0, "\(locked.status) \(locked.text)")
                // A new password from the command line lifts the lock-out.
                #expect(try await database.run(["user", "set-password", "alice@example.com"], stdin: "alice's new long password\n").status == 0)
                #expect(try await client.send("POST", "/api/login", json: ["email": "alice@example.com", "password": "alice's new long password"]).status == 200)

                // Guesses sent all at once are each counted before any is checked: at most ten get to try.
                _ = try await client.signUp("dan@example.com")
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<30 {
                        group.addTask { try await client.send("POST", "/api/login", json: ["email": "dan@example.com", "password": "wrong wrong wrong"]).status }
                    }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == 401 }.count <= 10 && statuses.filter { $0 == 429 }.count >= 20, "\(statuses.sorted())")

                // A NUL would cut the password short for bcrypt; in an e-mail it is no e-mail.
                let nul = try await client.send("POST", "/api/signup", json: ["email": "nul@example.com", "name": "Nul", "password": "\u{0}aaaaaaaaaaaa"])
                #expect(nul.status == 422 && nul["code"] == "invalid", "\(nul.text)")
                let nulEmail = try await client.send("POST", "/api/login", json: ["email": "dan@example.com\u{0}", "password": "whatever it is"])
                #expect(nulEmail.status == 422, "\(nulEmail.text)")
            }
        }
    }

    @Test("hostile requests get a clear 4xx and change nothing", arguments: [TestBackend.sqlite])
    func hostile(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            try await ServeProcess.with(in: database.scratch.folder, environment: database.environment) { server in
                let user = try await HTTPClient(server.baseURL).signUp("eve@example.com")
                let before = try await database.snapshot()
                let cases: [(String, String, Data?, String?, Int)] = [
                    ("POST", "/api/expenses", Data(repeating: UInt8(ascii: "a"), count: 200_000), "application/json", 413),
                    ("POST", "/api/expenses", Data("{\"category\":".utf8), "application/json", 400),
                    ("POST", "/api/expenses", Data("category=Food".utf8), "application/x-www-form-urlencoded", 415),
                    ("POST", "/api/expenses", Data(#"{"category":"Food","amount":12.34,"description":"x"}"#.utf8), "application/json", 400),
                    ("POST", "/api/expenses", Data(#"{"category":"Food","amount":"1e3","description":"x"}"#.utf8), "application/json", 400),
                    ("POST", "/api/expenses", Data(#"{"category":"Food'; DROP TABLE expenses; --","amount":"1.00","description":"x"}"#.utf8), "application/json", 404),
                    ("POST", "/api/imports", Data("date,user\n".utf8), "application/json", 415),
                    ("POST", "/api/imports", Data("date,user,category,amount,description\n2024-13-01,eve@example.com,Food,1.00,x\n".utf8), "text/csv", 422),
                    ("GET", "/api/expenses?limit=99999999999999999999", nil, nil, 422),
                    ("GET", "/api/expenses?offset=-1", nil, nil, 422),
                    ("GET", "/api/expenses/1%20OR%201=1", nil, nil, 404),
                    ("GET", "/api/expenses/..%2F..%2Fetc%2Fpasswd", nil, nil, 404),
                    ("GET", "/api/../../etc/passwd", nil, nil, 404),
                    ("GET", "/api/reports/monthly?month=2024-1'", nil, nil, 422),
                    ("POST", "/api/imports", Data("date,user,category,amount,description\n2024-01-02,eve@example.com,Food,1.00,nul\u{0}here\n2024-01-03,eve@example.com,Food,2.00,after\n".utf8), "text/csv", 422),
                    ("POST", "/api/expenses", Data(#"{"category":"Food","amount":"12.345","description":"x"}"#.utf8), "application/json", 400),
                    ("DELETE", "/api/categories/Food", nil, nil, 422),
                ]
                for (method, path, body, type, status) in cases {
                    let answer = try await user.send(method, path, body: body, contentType: type)
                    #expect(answer.status == status, "\(method) \(path): \(answer.status) \(answer.text)")
                    #expect(answer.headers["content-type"] == "application/problem+json", "\(path)")
                    #expect(!answer.text.lowercased().contains("select ") && !answer.text.contains("sqlite") && !answer.text.contains("Fatal"), "\(answer.text)")
                }
                #expect(try await database.snapshot() == before)
                #expect(try await HTTPClient(server.baseURL).send("GET", "/healthz").status == 200)
                #expect(try await HTTPClient(server.baseURL).send("HEAD", "/healthz").status == 200)
                // A bad value in a body names its field.
                let badAmount = try await user.send("POST", "/api/expenses", json: ["category": "Food", "amount": "12.345", "description": "x"])
                #expect(badAmount["detail"]?.contains("'amount'") == true, "\(badAmount.text)")
                // The refusals are counted by route and status; the pool's gauges are there.
                let metrics = try await HTTPClient(server.baseURL).send("GET", "/metrics").text
                #expect(metrics.contains(#"http_route="/api/expenses",http_request_method="POST",http_response_status_code="415""#), "\(metrics.prefix(3000))")
                #expect(metrics.contains("persist_pool_size") && metrics.contains("persist_pool_in_use") && metrics.contains("persist_pool_waiting"))
            }
        }
    }

    @Test("another process holds SQLite's write lock: a write answers 503 database-busy after the busy timeout and changes nothing; reads go on meanwhile", arguments: [TestBackend.sqlite])
    func writeLockHeldElsewhere(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            try await ServeProcess.with(in: database.scratch.folder, environment: database.environment) { server in
                let user = try await HTTPClient(server.baseURL).signUp("lock@example.com")
                let before = try await database.snapshot()
                let locked = AsyncStream.makeStream(of: Void.self), release = AsyncStream.makeStream(of: Void.self)
                // This test process is the other process: a transaction that holds the lock.
                async let holder: Void = DatabaseHandle.withOpen(try database.scratch.url) { handle in
                    try await handle.transaction { _ in
                        locked.continuation.yield()
                        for await _ in release.stream { break }
                    }
                }
                for await _ in locked.stream { break }
                async let write = user.send("POST", "/api/expenses", json: ["category": "Food", "amount": "9.99", "date": "2024-01-09", "description": "while locked"])
                // Reads answer while the lock is held (it is released only after them).
                for _ in 0..<5 {
                    let report = try await user.send("GET", "/api/reports/monthly?month=2024-01")
                    #expect(report.status == 200, "\(report.text)")
                }
                let answer = try await write
                #expect(answer.status == 503 && answer["code"] == "database-busy", "\(answer.status) \(answer.text) \(answer.headers)")
                #expect(Int(answer.headers["retry-after"] ?? "") ?? 0 > 0)
                #expect(!answer.text.contains("locked") && !answer.text.contains("SQLITE"), "\(answer.text)")
                release.continuation.yield()
                try await holder
                #expect(try await database.snapshot() == before)
                // The lock gone, the same write goes through.
                let again = try await user.send("POST", "/api/expenses", json: ["category": "Food", "amount": "9.99", "date": "2024-01-09", "description": "after"])
                #expect(again.status == 201, "\(again.text)")
            }
        }
    }

    @Test("two instances on one database share sessions and data; SIGTERM stops one cleanly", arguments: TestBackend.available.filter { $0 != .sqlite })
    func twoInstances(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            try await ServeProcess.with(in: database.scratch.folder, environment: database.environment) { first in
                try await ServeProcess.with(in: database.scratch.folder, environment: database.environment) { second in
                    let onFirst = try await HTTPClient(first.baseURL).signUp("kim@example.com")
                    let onSecond = HTTPClient(second.baseURL, token: onFirst.token)
                    #expect(try await onSecond.send("GET", "/api/me").status == 200)
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for index in 0..<20 {
                            let client = index % 2 == 0 ? onFirst : onSecond
                            group.addTask {
                                let answer = try await client.send("POST", "/api/expenses", json: ["category": "Food", "amount": "1.00", "date": "2024-02-01", "description": "n\(index)"])
                                #expect(answer.status == 201, "\(answer.text)")
                            }
                        }
                        try await group.waitForAll()
                    }
                    let report = try await onFirst.send("GET", "/api/reports/monthly?month=2024-02")
                    #expect(report.text.contains("\"count\":20") && report.text.contains("\"total\":\"20.00\""), "\(report.text)")
                    #expect(try await onSecond.send("POST", "/api/logout").status == 204)
                    #expect(try await onFirst.send("GET", "/api/me").status == 401)
                    #expect(try await second.stop() == 0)
                }
                #expect(try await HTTPClient(first.baseURL).send("GET", "/readyz").status == 200)
            }
        }
    }
}
