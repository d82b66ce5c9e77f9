// A small application on PersistKit alone: its own models and migrations, a transaction with a
// rollback path, a listing without N+1 queries. Runs on the embedded SQLite default or on
// PostgreSQL: DATABASE_URL=postgresql://… swift run example-notes
import FluentKit
import Foundation
import Logging
import PersistKit

/// Exits 1 with one line when a promise of the library does not hold.
func require(_ condition: Bool, _ message: String) {
    guard condition else {
        FileHandle.standardError.write(Data("example-notes: FAILED: \(message)\n".utf8))
        exit(1)
    }
}

/// Runs the example against `url`.
func run(_ url: DatabaseURL) async throws {
    let title = "Trip \(UUID().uuidString.prefix(8))"
    // The drivers log connection trouble at error level; this program reports it once, itself.
    var logger = Logger(label: "notes.database")
    logger.logLevel = .critical
    try await DatabaseHandle.withOpen(url, logger: logger) { handle in
        try await NotesMigrations.migrator.migrate(on: handle)

        // One transaction: the notebook and its notes are saved together or not at all.
        let notebookID = try await handle.transaction { database in
            let notebook = Notebook(title: title)
            try await notebook.save(on: database)
            let id = try notebook.requireID()
            for text in ["Book the train", "Pack the charger", "Water the plants"] {
                try await Note(notebook: id, text: text).save(on: database)
            }
            return id
        }

        // A failure inside the transaction rolls everything in it back.
        let failed: Bool
        do {
            try await handle.transaction { database in
                try await Note(notebook: notebookID, text: "half a change").save(on: database)
                try await Note(notebook: notebookID, text: "").save(on: database)  // refused: empty text
            }
            failed = false
        } catch {
            failed = true
        }
        require(failed, "an empty note was accepted")

        // Notebooks with their notes: two statements however many notebooks there are.
        handle.statements.reset()
        let notebooks = try await handle.read { database in
            try await Notebook.query(on: database).with(\.$notes).sort(\.$title).all()
        }
        require(handle.statements.value == 2, "the listing took \(handle.statements.value) statements, not 2")
        guard let mine = notebooks.first(where: { $0.id == notebookID }) else {
            require(false, "the notebook was not saved")
            return
        }
        require(mine.notes.count == 3, "\(mine.notes.count) notes, expected 3 (the failed change must leave none)")
        print("\(mine.title): \(mine.notes.map(\.text).sorted().joined(separator: "; "))")

        // Clean up: deleting the notebook deletes its notes (ON DELETE CASCADE).
        try await handle.transaction { database in
            try await Notebook.query(on: database).filter(\.$id == notebookID).delete()
        }
        let left = try await handle.read { try await Note.query(on: $0).filter(\.$notebook.$id == notebookID).count() }
        require(left == 0, "\(left) notes outlived their notebook")
    }
}

do {
    let url = try ResolvedDatabaseURL.resolve(flag: nil).url  // DATABASE_URL, .env, or sqlite:///persist.db
    try await run(url)
    print("notes: PASS on \(url.redacted)")
} catch {
    // The library's errors are one line for a person, without the password.
    // A server's message may hold line breaks or escape codes: shown as one line, controls replaced.
    let line = String(describing: error).unicodeScalars.map { $0.properties.generalCategory == .control ? "\u{FFFD}" : String($0) }.joined()
    FileHandle.standardError.write(Data("example-notes: error: \(line)\n".utf8))
    exit(1)
}
