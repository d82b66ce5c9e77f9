import Foundation
import PersistKit
import PersistTestSupport
import Testing

@Suite("Choosing the database")
struct ResolvedDatabaseURLTests {
    let folder: URL

    init() throws {
        folder = try TemporaryFolder.make()
    }

    private func writeDotEnv(_ text: String) throws {
        try text.write(to: folder.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
    }

    @Test func flagWinsOverEverything() throws {
        try writeDotEnv("DATABASE_URL=sqlite:///dotenv.db\n")
        let resolved = try ResolvedDatabaseURL.resolve(
            flag: "sqlite:///flag.db", environment: ["DATABASE_URL": "sqlite:///env.db"], directory: folder
        )
        #expect(resolved.url.location == .sqlite(.file(path: "flag.db")))
        #expect(resolved.source == .flag)
    }

    @Test func environmentWinsOverDotEnv() throws {
        try writeDotEnv("DATABASE_URL=sqlite:///dotenv.db\n")
        let resolved = try ResolvedDatabaseURL.resolve(
            flag: nil, environment: ["DATABASE_URL": "sqlite:///env.db"], directory: folder
        )
        #expect(resolved.url.location == .sqlite(.file(path: "env.db")))
        #expect(resolved.source == .environment)
    }

    @Test func dotEnvWinsOverTheDefault() throws {
        try writeDotEnv("""
            # local settings
            OTHER=1
            export DATABASE_URL="postgresql://u:secret@localhost/app"  
            """)
        let resolved = try ResolvedDatabaseURL.resolve(flag: nil, environment: [:], directory: folder)
        #expect(resolved.url.backend == .postgresql)
        #expect(resolved.source == .dotEnvFile(path: ".env"))
    }

    @Test("quoting and comments in .env", arguments: [
        ("DATABASE_URL=sqlite:///a.db", "a.db"),
        ("DATABASE_URL = 'sqlite:///b.db'", "b.db"),
        ("DATABASE_URL=\"sqlite:///c.db\" # the local one", "c.db"),
        ("DATABASE_URL=sqlite:///d.db # comment", "d.db"),
        ("DATABASE_URL=sqlite:///x.db\nDATABASE_URL=sqlite:///e.db", "e.db"),
        ("export DATABASE_URL=sqlite:///f.db", "f.db"),
    ])
    func dotEnvForms(text: String, path: String) throws {
        try writeDotEnv(text)
        let resolved = try ResolvedDatabaseURL.resolve(flag: nil, environment: [:], directory: folder)
        #expect(resolved.url.location == .sqlite(.file(path: path)))
    }

    @Test(".env lines that would silently pick another database are errors", arguments: [
        ("DATABASE_URL='postgresql://u:x@127.0.0.1:5432/app\n", "cannot be read"),
        ("DATABASE_URL=postgresql://u:${PW}@127.0.0.1:5432/app\n", "does not expand"),
    ])
    func unreadableDotEnvIsAnError(text: String, reason: String) throws {
        try writeDotEnv(text)
        #expect {
            _ = try ResolvedDatabaseURL.resolve(flag: nil, environment: [:], directory: folder)
        } throws: { error in
            "\(error)".contains(reason) && !"\(error)".contains("u:x")
        }
    }

    @Test func embeddedDefaultWhenNothingIsSet() throws {
        let resolved = try ResolvedDatabaseURL.resolve(flag: nil, environment: [:], directory: folder)
        #expect(resolved.url == .embeddedDefault)
        #expect(resolved.url.redacted == "sqlite:///persist.db")
        #expect(resolved.source == .embeddedDefault)
    }

    /// An unresolved CI secret or a template's `DATABASE_URL=` must not silently mean "the local file".
    @Test(arguments: ["", " "])
    func emptyEnvironmentValueIsAnError(value: String) throws {
        for variable in ["DATABASE_URL", "DIRECT_URL"] {
            #expect(throws: DatabaseURLError.self) {
                _ = try ResolvedDatabaseURL.resolve(flag: nil, purpose: .migrations, environment: [variable: value], directory: folder)
            }
        }
        #expect { _ = try ResolvedDatabaseURL.resolve(flag: nil, environment: ["DATABASE_URL": value], directory: folder) } throws: { error in
            "\(error)".contains("DATABASE_URL environment variable is set but empty")
        }
    }

    @Test(arguments: ["DATABASE_URL=\n", "DATABASE_URL\n", "DATABASE_URL=''\n", "DATABASE_URL=sqlite:///a.db\nDATABASE_URL=\n", "DATABASE_URL=\"\"\n"])
    func emptyDotEnvValueIsAnError(text: String) throws {
        try writeDotEnv(text)
        #expect { _ = try ResolvedDatabaseURL.resolve(flag: nil, environment: [:], directory: folder) } throws: { error in
            "\(error)".contains("DATABASE_URL in .env is empty")
        }
    }

    @Test func badURLNamesItsSourceButNotThePassword() throws {
        try writeDotEnv("DATABASE_URL=mysql://root:hunter2@localhost/app\n")
        do {
            _ = try ResolvedDatabaseURL.resolve(flag: nil, environment: [:], directory: folder)
            Issue.record("a mysql URL was accepted")
        } catch {
            #expect(error.code == .unsupportedScheme)
            #expect(error.description.contains(".env"))
            #expect(!error.description.contains("hunter2"))
        }
    }
}
