import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PersistKit
import PersistTooling
import PersistTestSupport
import Testing

/// `--svg` files rendered by a real browser (headless Chromium), then looked at pixel by pixel.
@Suite("SVG charts, rendered by Chromium")
struct SVGChartTests {
    @Test("the monthly chart: a well-formed SVG whose rendered bars have the categories' colours and lengths")
    func monthlyChartRenders() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            let svg = database.file("january.svg")
            let result = try await database.run(["report", "monthly", "--user", "alice@example.com", "--month", "2024-01", "--svg", svg.path])
            #expect(result.status == 0, "\(result.errorOutput)")
            let text = try String(contentsOf: svg, encoding: .utf8)
            #expect(XMLParser(data: Data(text.utf8)).parse(), "not well-formed XML")
            #expect(text.components(separatedBy: "class=\"bar\"").count - 1 == 3)

            let (width, height) = try dimensions(of: text)
            let pixels = try await render(svg, width: width, height: height)
            #expect(pixels.width == width && pixels.height == height)
            // Food 71.25 (#FF6B6B), Transportation 45.00 (#4ECDC4), Entertainment 30.00 (#95E1D3).
            let food = pixels.count["FF6B6B"] ?? 0
            let transport = pixels.count["4ECDC4"] ?? 0
            let fun = pixels.count["95E1D3"] ?? 0
            #expect(food > 1_000 && transport > 1_000 && fun > 1_000, "bars missing: \(food), \(transport), \(fun)")
            // Bars are as long as their amounts: the pixel ratios match the totals' ratios.
            #expect(abs(Double(transport) / Double(food) - 45.00 / 71.25) < 0.03, "\(transport) / \(food)")
            #expect(abs(Double(fun) / Double(food) - 30.00 / 71.25) < 0.03, "\(fun) / \(food)")
        }
    }

    @Test("the trend chart: one bar per month, drawn for months with spending")
    func trendChartRenders() async throws {
        try await CLIDatabase.with(.sqlite, seeded: true) { database in
            let svg = database.file("trend.svg")
            let result = try await database.run(["report", "trend", "--user", "alice@example.com", "--months", "4", "--until", "2024-03", "--svg", svg.path])
            #expect(result.status == 0, "\(result.errorOutput)")
            let text = try String(contentsOf: svg, encoding: .utf8)
            #expect(text.components(separatedBy: "class=\"bar\"").count - 1 == 4)
            let (width, height) = try dimensions(of: text)
            let pixels = try await render(svg, width: width, height: height)
            // Only 2024-01 has spending: one drawn bar in the neutral colour.
            #expect((pixels.count["4C78A8"] ?? 0) > 1_000)
        }
    }

    private func dimensions(of svg: String) throws -> (Int, Int) {
        guard let match = svg.firstMatch(of: /width="(\d+)" height="(\d+)"/), let width = Int(match.1), let height = Int(match.2) else {
            throw SetUpFailure("the SVG has no width and height")
        }
        return (width, height)
    }

    /// Chromium's screenshot of `svg`, as pixel counts per colour (python3 decodes the PNG).
    private func render(_ svg: URL, width: Int, height: Int) async throws -> (width: Int, height: Int, count: [String: Int]) {
        let png = svg.deletingPathExtension().appendingPathExtension("png")
        let chromium = try await ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/chromium"),
            ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(png.path)", svg.absoluteString],
            environment: ProcessInfo.processInfo.environment
        )
        guard FileManager.default.fileExists(atPath: png.path) else { throw SetUpFailure("chromium made no screenshot: \(chromium.errorOutput)") }
        let decoded = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", Self.pngColourCounter, png.path], environment: ProcessInfo.processInfo.environment)
        guard decoded.status == 0 else { throw SetUpFailure("python3: \(decoded.errorOutput)") }
        let lines = decoded.output.split(separator: "\n")
        let size = lines[0].split(separator: " ").compactMap { Int($0) }
        var count: [String: Int] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: " ")
            count[String(parts[0])] = Int(parts[1])
        }
        return (size[0], size[1], count)
    }

    /// Prints "width height", then "RRGGBB count" per colour of an 8-bit RGB or RGBA PNG.
    static let pngColourCounter = #"""
        import struct, sys, zlib, collections
        data = open(sys.argv[1], 'rb').read()
        pos, idat, width, height, kind = 8, b'', 0, 0, 0
        while pos < len(data):
            length, name = struct.unpack('>I4s', data[pos:pos + 8]); body = data[pos + 8:pos + 8 + length]; pos += 12 + length
            if name == b'IHDR': width, height, depth, kind = struct.unpack('>IIBB', body[:10])
            elif name == b'IDAT': idat += body
        channels = {2: 3, 6: 4}[kind]; stride = width * channels; raw = zlib.decompress(idat)
        rows, previous, counts = [], bytearray(stride), collections.Counter()
        for y in range(height):
            filter_type = raw[y * (stride + 1)]; line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
            for x in range(stride):
                a = line[x - channels] if x >= channels else 0; b = previous[x]; c = previous[x - channels] if x >= channels else 0
                if filter_type == 1: line[x] = (line[x] + a) & 255
                elif filter_type == 2: line[x] = (line[x] + b) & 255
                elif filter_type == 3: line[x] = (line[x] + (a + b) // 2) & 255
                elif filter_type == 4:
                    p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            for x in range(0, stride, channels): counts['%02X%02X%02X' % (line[x], line[x + 1], line[x + 2])] += 1
            previous = line
        print(width, height)
        for colour, n in counts.items(): print(colour, n)
        """#
}
