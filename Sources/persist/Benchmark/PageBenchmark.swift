import Foundation
import PersistTooling

/// The month's web page, measured in `persist bench serve`: its time on the server (one
/// connection, so the figure is one request's own, not a queue's), its weight, and its load in
/// a real browser (Chromium driven by Playwright for Python, when both are installed).
enum PageBenchmark {
    /// What was measured.
    struct Figures: Codable, Sendable {
        /// One connection, back to back: render and answer.
        var server: ServiceBenchmark.Load
        /// The HTML (with its inline chart) plus the style sheet and script, in bytes.
        var weightBytes: Int
        /// Navigation start to the load event, median of the loads; `nil` when not measured.
        var browserLoadMilliseconds: Double?
        /// Why the browser's load was not measured.
        var browserProblem: String?
    }

    /// Measures `/month?month=…` for the session `token` on the server at `base`.
    static func run(base: String, token: String, month: String, seconds: Int, folder: URL) async throws -> Figures {
        let url = "\(base)/month?month=\(month)"
        let cookie = "Cookie: persist_session=\(token)"
        let server = try await Wrk.run(url: url, connections: 1, seconds: max(2, seconds / 2), header: cookie, folder: folder)
        var weight = 0
        for path in [url, "\(base)/static/app.css", "\(base)/static/app.js"] {
            let size = try await Wrk.curl(["-s", "-o", "/dev/null", "-w", "%{size_download}", "-H", cookie, path])
            weight += Int(size.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }
        let (load, problem) = try await browserLoad(url: url, token: token, base: base)
        return Figures(server: server.load, weightBytes: weight, browserLoadMilliseconds: load, browserProblem: problem)
    }

    /// The median of 20 loads in headless Chromium (after one to warm the cache), or why there
    /// is none (no Chromium, python3 without Playwright).
    private static func browserLoad(url: String, token: String, base: String) async throws -> (Double?, String?) {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else { return (nil, "no /usr/bin/chromium") }
        let result = try await ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, url, token, base], environment: ProcessInfo.processInfo.environment
        )
        guard result.status == 0, let median = Double(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return (nil, "python3 with Playwright failed: \(result.firstErrorLine)")
        }
        return (median, nil)
    }

    /// Prints the median navigation-to-load time in milliseconds.
    static let script = #"""
        import statistics, sys
        from playwright.sync_api import sync_playwright
        url, token, base = sys.argv[1:4]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
            context = browser.new_context()
            context.add_cookies([{"name": "persist_session", "value": token, "url": base}])
            page = context.new_page()
            page.goto(url)
            times = []
            for _ in range(20):
                page.goto(url, wait_until="load")
                times.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
            browser.close()
        print(round(statistics.median(times), 1))
        """#
}
