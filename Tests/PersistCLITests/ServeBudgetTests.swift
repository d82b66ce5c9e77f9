import Foundation
import PersistKit
import PersistTestSupport
import Testing

@Suite("persist serve: budgets")
struct ServeBudgetTests {
    @Test("limits, a move, the budget report and alerts over the API; each user's own; bad input changes nothing", arguments: TestBackend.available)
    func budgetsOverHTTP(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            try await ServeProcess.with(in: database.scratch.folder, environment: database.environment) { server in
                let anonymous = HTTPClient(server.baseURL)
                let ann = try await anonymous.signUp("ann@example.com")
                let bob = try await anonymous.signUp("bob@example.com")
                #expect(try await ann.send("POST", "/api/categories", json: ["name": "Gym"]).status == 201)
                let food = try await ann.send("PUT", "/api/budgets", json: ["category": "Food", "month": "2024-01", "amount": "100.00", "every_month": true, "rollover": true])
                #expect(food.status == 200 && food.text == #"{"category":"Food","every_month":true,"limit":"100.00","month":"2024-01","rollover":true,"user":"ann@example.com"}"#, "\(food.text)")
                #expect(try await ann.send("PUT", "/api/budgets", json: ["category": "Gym", "month": "2024-01", "amount": "50"]).status == 200)
                let move = try await ann.send("POST", "/api/budgets/moves", json: ["from": "Food", "to": "Gym", "amount": "20.00", "month": "2024-01"])
                #expect(move.status == 201 && move["from_limit"] == "80.00" && move["to_limit"] == "70.00", "\(move.text)")
                #expect(try await ann.send("POST", "/api/expenses", json: ["category": "Food", "amount": "90.00", "date": "2024-01-05", "description": "groceries"]).status == 201)

                let report = try await ann.send("GET", "/api/reports/budget?month=2024-01")
                let object = try #require(report.json as? [String: Any])
                #expect(object["limit"] as? String == "150.00" && object["spent"] as? String == "90.00" && object["remaining"] as? String == "60.00", "\(report.text)")
                let lines = try #require(object["lines"] as? [[String: Any]])
                #expect(lines.map { $0["category"] as? String } == ["Food", "Gym"] && lines[0]["remaining"] as? String == "-10.00")
                // February: Food every month (nothing carried from an overspent January), Gym was January's only.
                let february = try #require(try await ann.send("GET", "/api/reports/budget?month=2024-02").json as? [String: Any])
                #expect((february["lines"] as? [[String: Any]])?.map { "\($0["category"]!) \($0["available"]!)" } == ["Food 100.00"])

                let alerts = try await ann.send("POST", "/api/budgets/alerts?month=2024-01")
                #expect(alerts.status == 200 && alerts.text.contains(#""category":"Food""#) && alerts.text.contains(#""new":true"#), "\(alerts.text)")
                let again = try await ann.send("POST", "/api/budgets/alerts?month=2024-01")
                #expect(again.text.contains(#""new":false"#) && !again.text.contains(#""new":true"#))
                #expect(try await database.count("budget_alerts") == 2)

                // Bob sees none of it and cannot reach Ann's own category.
                let bobs = try await bob.send("GET", "/api/reports/budget?month=2024-01")
                #expect(bobs.status == 200 && bobs.text.contains(#""lines":[]"#) && !bobs.text.contains("Gym"), "\(bobs.text)")
                let before = (try await database.snapshot(), try await database.count("budgets"), try await database.count("budget_moves"))
                for (client, method, path, json) in [
                    (bob, "PUT", "/api/budgets", ["category": "Gym", "month": "2024-01", "amount": "1.00"] as [String: Any]),
                    (bob, "POST", "/api/budgets/moves", ["from": "Food", "to": "Gym", "amount": "1.00", "month": "2024-01"]),
                    (ann, "PUT", "/api/budgets", ["category": "Food", "month": "2024-13", "amount": "1.00"]),
                    (ann, "PUT", "/api/budgets", ["category": "Food", "month": "2024-01", "amount": "-1.00"]),
                    (ann, "PUT", "/api/budgets", ["category": "Food", "month": "2024-01", "amount": 1.5]),
                    (ann, "POST", "/api/budgets/moves", ["from": "Food", "to": "Gym", "amount": "80.01", "month": "2024-01"]),
                    (ann, "POST", "/api/budgets/moves", ["from": "Food", "to": "Food", "amount": "1.00", "month": "2024-01"]),
                ] {
                    let answer = try await client.send(method, path, json: json)
                    #expect([400, 404, 422].contains(answer.status) && answer.headers["content-type"] == "application/problem+json", "\(method) \(path) \(json): \(answer.status) \(answer.text)")
                }
                #expect(try await ann.send("GET", "/api/reports/budget?month=2024-13").status == 422)
                #expect((try await database.snapshot(), try await database.count("budgets"), try await database.count("budget_moves")) == before)
            }
        }
    }

    @Test("recurring expenses and thresholds over the API: posted once, another user's rule is not found", arguments: TestBackend.available)
    func recurringOverHTTP(backend: TestBackend) async throws {
        try await CLIDatabase.with(backend, seeded: true) { database in
            try await ServeProcess.with(in: database.scratch.folder, environment: database.environment) { server in
                let anonymous = HTTPClient(server.baseURL)
                let ann = try await anonymous.signUp("ann@example.com")
                let bob = try await anonymous.signUp("bob@example.com")
                let added = try await ann.send("POST", "/api/recurring", json: ["category": "Food", "amount": "9.99", "description": "Box", "every": "monthly", "from": "2024-01-31"])
                #expect(added.status == 201 && added.text.contains(#""starts_on":"2024-01-31""#), "\(added.text)")
                let id = try #require((added.json as? [String: Any])?["id"] as? Int)
                let run = try await ann.send("POST", "/api/recurring/run?until=2024-04-30")
                #expect(run.status == 200, "\(run.text)")
                let posted = try #require((run.json as? [String: Any])?["posted"] as? [[String: Any]])
                #expect(posted.map { $0["date"] as? String } == ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"])
                #expect(try await ann.send("POST", "/api/recurring/run?until=2024-04-30").text.contains(#""posted":[]"#))
                // Bob neither sees nor touches Ann's rule, and his run posts nothing of hers.
                #expect(try await bob.send("GET", "/api/recurring").text == "[]")
                for (method, path) in [("POST", "/api/recurring/\(id)/pause"), ("POST", "/api/recurring/\(id)/resume"), ("DELETE", "/api/recurring/\(id)")] {
                    #expect(try await bob.send(method, path).status == 404, "\(method) \(path)")
                }
                #expect(try await bob.send("POST", "/api/recurring/run?until=2024-06-30").text.contains(#""posted":[]"#))
                #expect(try await ann.send("POST", "/api/recurring/\(id)/pause").text.contains(#""paused":true"#))
                #expect(try await ann.send("POST", "/api/recurring/run?until=2024-06-30").text.contains(#""posted":[]"#))
                #expect(try await ann.send("DELETE", "/api/recurring/\(id)").status == 204)
                #expect(try await database.descriptions(like: "Box").count == 4)
                for json in [
                    ["category": "Food", "amount": "1.00", "description": "x", "every": "daily", "from": "2024-01-01"],
                    ["category": "Food", "amount": "0", "description": "x", "every": "weekly", "from": "2024-01-01"],
                    ["category": "Food", "amount": "1.00", "description": "x", "every": "weekly", "from": "2024-02-30"],
                    ["category": "Food", "amount": "1.00", "description": "x", "every": "weekly", "from": "2024-02-01", "until": "2024-01-01"],
                ] as [[String: Any]] {
                    let refused = try await ann.send("POST", "/api/recurring", json: json)
                    #expect([400, 422].contains(refused.status), "\(json): \(refused.status) \(refused.text)")
                }
                #expect(try await ann.send("POST", "/api/recurring/run?until=2099-01-01").status == 422)
                #expect(try await database.count("recurring_rules") == 0)

                let thresholds = try await ann.send("PUT", "/api/budgets/thresholds", json: ["thresholds": [90, 50]])
                #expect(thresholds.status == 200 && thresholds.text == #"{"thresholds":[50,90]}"#, "\(thresholds.text)")
                #expect(try await ann.send("PUT", "/api/budgets/thresholds", json: ["thresholds": [0]]).status == 422)
                #expect(try await ann.send("POST", "/api/budgets/alerts?month=2024-01").text.contains(#""thresholds":[50,90]"#))
                #expect(try await bob.send("POST", "/api/budgets/alerts?month=2024-01").text.contains(#""thresholds":[80,100]"#))
            }
        }
    }
}
