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
}
