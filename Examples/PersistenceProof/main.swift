// The persistence proof as a program: write a marker, close everything, open again, read it back.
// Run: DATABASE_URL=sqlite:///proof.db swift run example-persistence-proof
import Foundation
import PersistKit
import PersistTooling

let resolved = try ResolvedDatabaseURL.resolve(flag: nil)  // DATABASE_URL, .env, or sqlite:///persist.db
let name = "example-\(UUID().uuidString.prefix(8))"

// First "process": write, commit, close.
try await DatabaseHandle.withOpen(resolved.url) { handle in
    try await PersistenceProof.write(name: name, to: handle)
}

// Second: a new connection reads what the first committed.
let names = try await DatabaseHandle.withOpen(resolved.url, mode: .readOnly) { handle in
    try await PersistenceProof.readNames(from: handle)
}
print(names.contains(name) ? "PASS: \(name) survived in \(resolved.url.redacted)" : "FAIL: \(name) is missing")
