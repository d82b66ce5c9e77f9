import PersistKit
import PersistTooling
import PersistTestSupport
import Testing

@Suite("The persistence proof, as a library")
struct PersistenceProofTests {
    @Test("written markers come back in insertion order", arguments: TestBackend.available)
    func writeThenRead(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            let url = try scratch.url
            for name in ["first", "second", "persistent-check"] {
                try await DatabaseHandle.withOpen(url) { try await PersistenceProof.write(name: name, to: $0) }
            }
            let names = try await DatabaseHandle.withOpen(url, mode: .readOnly) { try await PersistenceProof.readNames(from: $0) }
            #expect(names == ["first", "second", "persistent-check"])
        }
    }

    @Test("reading before any write is a clear error", arguments: TestBackend.available)
    func readBeforeWrite(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            let url = try scratch.url
            // Make the database exist without a markers table.
            try await DatabaseHandle.withOpen(url) { _ in }
            await #expect(throws: ProofError.noMarkersTable) {
                try await DatabaseHandle.withOpen(url, mode: .readOnly) { try await PersistenceProof.readNames(from: $0) }
            }
        }
    }

    @Test("bad names write nothing", arguments: TestBackend.available)
    func badNames(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            let url = try scratch.url
            try await DatabaseHandle.withOpen(url) { try await PersistenceProof.write(name: "kept", to: $0) }
            await #expect(throws: ProofError.nameTooLong(length: 101)) {
                try await DatabaseHandle.withOpen(url) { try await PersistenceProof.write(name: String(repeating: "x", count: 101), to: $0) }
            }
            await #expect(throws: ProofError.emptyName) {
                try await DatabaseHandle.withOpen(url) { try await PersistenceProof.write(name: "", to: $0) }
            }
            let names = try await DatabaseHandle.withOpen(url, mode: .readOnly) { try await PersistenceProof.readNames(from: $0) }
            #expect(names == ["kept"])
        }
    }

    @Test("the table itself refuses names over 100 characters", arguments: TestBackend.available)
    func tableEnforcesLength(backend: TestBackend) async throws {
        try await ScratchDatabase.with(backend) { scratch in
            let url = try scratch.url
            try await DatabaseHandle.withOpen(url) { try await PersistenceProof.write(name: String(repeating: "é", count: 100), to: $0) }
            await #expect(throws: DatabaseError.self) {
                try await DatabaseHandle.withOpen(url) { handle in
                    try await handle.unprotectedSQL.raw("INSERT INTO markers (name) VALUES (\(bind: String(repeating: "y", count: 101)))").run()
                }
            }
        }
    }

    @Test("names print the way Python prints them", arguments: [
        ([], "[]"),
        (["persistent-check"], "['persistent-check']"),
        (["a", "b"], "['a', 'b']"),
        (["it's"], "[\"it's\"]"),
        (["say \"hi\" it's"], "['say \"hi\" it\\'s']"),
        (["back\\slash\nnew"], "['back\\\\slash\\nnew']"),
        (["café"], "['café']"),
    ])
    func pythonLiteral(names: [String], expected: String) {
        #expect(PersistenceProof.listLiteral(names) == expected)
    }

}
