import BudgetTracker
import Foundation
import PersistKit
import PersistTestSupport
import Testing

/// Mutated ledger files through the real import, a fixed number of them: every file is imported
/// whole or refused with one clear line, and a refused import leaves the database as it was.
@Suite("CSV import under fuzzing")
struct ImportFuzzTests {
    static let valid = #"""
        date,user,category,amount,description
        2024-01-05,alice@example.com,Food,12.50,"Lunch, with ""friends"""
        2024-01-06,alice@example.com,Travel,3.20,Bus
        2024-01-07,bob@example.com,Food,7.00,"two
        lines"
        2024-02-01,bob@example.com,Rent,950.00,naïve café — 😀

        """#

    @Test("mutated CSV files: all or nothing, one clear line on refusal", arguments: TestBackend.available.filter { $0 != .pgbouncer })
    func fuzz(backend: TestBackend) async throws {
        try await LedgerFixture.with(backend) { ledger in
            _ = try await ledger.addUser(email: "alice@example.com", name: "Alice")
            _ = try await ledger.addCategory(name: "Food")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            var random = SplitMix(seed: backend == .sqlite ? 11 : 12)
            // Bounded by count, not by the clock: the same files every run, however busy the machine.
            let files = backend == .sqlite ? 300 : 150
            var imported = 0
            var refused = 0
            for _ in 0..<files {
                let bytes = Self.mutate(Array(Self.valid.utf8), &random)
                try Data(bytes).write(to: file)
                let before = try await DatabaseSnapshot.take(ledger.handle)
                let countBefore = try await DatabaseSnapshot.counts(ledger.handle)["expenses"]!
                do {
                    // `again`: two mutations can give the same bytes; the fingerprint is tested elsewhere.
                    let summary = try await ledger.importExpenses(from: file, createMissing: random.next() % 2 == 0, again: true)
                    imported += 1
                    #expect(try await DatabaseSnapshot.counts(ledger.handle)["expenses"]! == countBefore + summary.rows)
                } catch let error as LedgerError {
                    refused += 1
                    let message = error.description
                    #expect(!message.contains { $0.isNewline }, "\(message)")
                    #expect(message.hasPrefix("import failed"), "\(message)")
                    #expect(try await DatabaseSnapshot.take(ledger.handle) == before, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
                }
            }
            progressLine("import fuzzing on \(backend): \(files) files, \(imported) imported, \(refused) refused")
            #expect(imported > 5)
            #expect(refused > 5)
        }
    }

    @Test("random bytes through the CSV reader: records or a CSVError, never a crash or a hang")
    func readerOnRandomBytes() {
        var random = SplitMix(seed: 5)
        let alphabet: [UInt8] = Array(",\"\r\na1 é".utf8) + [0x00, 0xFF, 0xC3, 0xEF, 0xBB, 0xBF]
        for _ in 0..<20_000 {
            let length = Int(random.next() % 64)
            let bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let reader = CSVReader(data: Data(bytes))
            var records = 0
            do {
                while try reader.next() != nil {
                    records += 1
                    #expect(records <= 64, "more records than bytes")
                }
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
    }

    /// One to four random edits: a byte inserted, removed or replaced, a line doubled, the end cut.
    static func mutate(_ input: [UInt8], _ random: inout SplitMix) -> [UInt8] {
        var bytes = input
        let inserted: [UInt8] = Array(",\"\r\n-.0 9xé".utf8) + [0x00, 0xFF, 0xC3, 0xEF, 0xBB, 0xBF, 0x07]
        for _ in 0...Int(random.next() % 4) {
            let position = Int(random.next() % UInt64(bytes.count + 1))
            switch random.next() % 5 {
            case 0: bytes.insert(inserted[Int(random.next() % UInt64(inserted.count))], at: position)
            case 1 where position < bytes.count: bytes.remove(at: position)
            case 2 where position < bytes.count: bytes[position] = inserted[Int(random.next() % UInt64(inserted.count))]
            case 3:
                let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                let line = lines[Int(random.next() % UInt64(lines.count))]
                bytes.insert(contentsOf: Array(line) + [UInt8(ascii: "\n")], at: bytes.count)
            default: bytes = Array(bytes.prefix(position))
            }
        }
        return bytes
    }
}
