import PersistKit
import Testing

@Suite("Database URLs")
struct DatabaseURLTests {
    @Test("SQLite URLs in SQLAlchemy's forms", arguments: [
        ("sqlite:///persist.db", DatabaseURL.SQLiteStorage.file(path: "persist.db")),
        ("sqlite:///data/app.db", .file(path: "data/app.db")),
        ("sqlite:////var/lib/app.db", .file(path: "/var/lib/app.db")),
        ("sqlite:///my%20data.db", .file(path: "my data.db")),
        ("sqlite:///:memory:", .memory),
        ("sqlite://", .memory),
    ])
    func sqlite(text: String, storage: DatabaseURL.SQLiteStorage) throws {
        let url = try DatabaseURL(text)
        #expect(url.location == .sqlite(storage))
        #expect(url.backend == .sqlite)
    }

    @Test("PostgreSQL URLs from SQLAlchemy and Neon", arguments: [
        "postgresql://alice:s3cret@db.example.com:6543/app?sslmode=require",
        "postgres://alice:s3cret@db.example.com:6543/app?sslmode=require",
        "postgresql+psycopg2://alice:s3cret@db.example.com:6543/app?sslmode=require",
        "postgresql+psycopg://alice:s3cret@db.example.com:6543/app?sslmode=require",
        "postgresql+asyncpg://alice:s3cret@db.example.com:6543/app?sslmode=require",
        "POSTGRESQL://alice:s3cret@db.example.com:6543/app?sslmode=require",
    ])
    func postgres(text: String) throws {
        let url = try DatabaseURL(text)
        guard case .postgresql(let endpoint) = url.location else {
            Issue.record("expected PostgreSQL, got \(url)")
            return
        }
        #expect(endpoint.host == "db.example.com")
        #expect(endpoint.port == 6543)
        #expect(endpoint.user == "alice")
        #expect(endpoint.password == "s3cret")
        #expect(endpoint.database == "app")
        #expect(endpoint.parameters.sslMode == .require)
    }

    @Test func postgresDefaults() throws {
        let url = try DatabaseURL("postgresql://alice@localhost")
        guard case .postgresql(let endpoint) = url.location else { Issue.record("not PostgreSQL"); return }
        #expect(endpoint.port == 5432)
        #expect(endpoint.password == nil)
        #expect(endpoint.database == nil)
        #expect(endpoint.parameters.sslMode == .prefer)
        #expect(url.redacted == "postgresql://alice@localhost:5432")
    }

    @Test func percentEncodedCredentials() throws {
        let url = try DatabaseURL("postgresql://al%40ice:p%40ss%3Aw%2Fo%23rd@localhost/app")
        guard case .postgresql(let endpoint) = url.location else { Issue.record("not PostgreSQL"); return }
        #expect(endpoint.user == "al@ice")
        #expect(endpoint.password == "p@ss:w/o#rd")
        #expect(!url.redacted.contains("p%40ss"))
        #expect(url.redacted.hasPrefix("postgresql://al%40ice:***@localhost"))
    }

    @Test func neonURL() throws {
        let text = "postgresql://neondb_owner:npg_Abc123@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require&options=endpoint%3Dep-cool-darkness-123456&connect_timeout=5&application_name=persist"
        let url = try DatabaseURL(text)
        guard case .postgresql(let endpoint) = url.location else { Issue.record("not PostgreSQL"); return }
        #expect(endpoint.parameters.options == "endpoint=ep-cool-darkness-123456")
        #expect(endpoint.parameters.connectTimeout == 5)
        #expect(endpoint.parameters.applicationName == "persist")
        #expect(!url.redacted.contains("npg_Abc123"))
        #expect(url.redacted.contains("neondb_owner:***@ep-cool-darkness-123456-pooler"))
        #expect(url.redacted.contains("sslmode=require"))
    }

    @Test("every sslmode libpq knows", arguments: PostgresParameters.SSLMode.allCases)
    func sslModes(mode: PostgresParameters.SSLMode) throws {
        let url = try DatabaseURL("postgresql://u:p@h/db?sslmode=\(mode.rawValue)")
        guard case .postgresql(let endpoint) = url.location else { Issue.record("not PostgreSQL"); return }
        #expect(endpoint.parameters.sslMode == mode)
    }

    @Test("bad URLs are refused with a reason that never shows the password", arguments: [
        ("mysql://root:hunter2@localhost/app", DatabaseURLError.Code.unsupportedScheme),
        ("persist.db", .malformed),
        ("hunter2", .malformed),
        ("", .malformed),
        ("://hunter2@x", .unsupportedScheme),
        ("postgresql://u:hunter2@/app", .missingHost),
        ("postgresql:///app", .missingHost),
        ("postgresql://:hunter2@localhost/app", .missingUser),
        ("postgresql://u:hunter2@localhost:99999/app", .malformed),
        ("postgresql://u:hunter2@localhost:port/app", .malformed),
        ("postgresql://u:hunter2@localhost/app/extra", .malformed),
        ("postgresql://u:hunter2@localhost/app?ssl_mode=require", .unknownParameter),
        ("postgresql://u:hunter2@localhost/app?password=hunter2", .unknownParameter),
        ("postgresql://u:hunter2@localhost/app?sslmode=sometimes", .invalidParameter),
        ("postgresql://u:hunter2@localhost/app?connect_timeout=soon", .invalidParameter),
        ("postgresql://u:hunter2@localhost/app?pool_size=0", .invalidParameter),
        ("postgresql://u:hunter2@localhost/app?channel_binding=require", .unsupportedParameter),
        ("sqlite://host/app.db", .malformed),
        ("sqlite:///app.db?mode=ro", .unknownParameter),
        ("sqlite:///data/", .malformed),
    ])
    func refused(text: String, code: DatabaseURLError.Code) {
        #expect {
            _ = try DatabaseURL(text)
        } throws: { error in
            guard let error = error as? DatabaseURLError else { return false }
            return error.code == code && !error.description.contains("hunter2") && !error.description.contains("\n")
        }
    }

    @Test func unknownParametersAreNamed() {
        #expect(throws: DatabaseURLError.self) { try DatabaseURL("postgresql://u@h/db?sslmod=require&foo=1") }
        do {
            _ = try DatabaseURL("postgresql://u@h/db?sslmod=require&foo=1")
        } catch {
            #expect(error.description.contains("'sslmod'"))
            #expect(error.description.contains("'foo'"))
        }
    }

    @Test func channelBindingRequireSaysHowToFixIt() {
        do {
            _ = try DatabaseURL("postgresql://u:p@h/db?channel_binding=require")
            Issue.record("channel_binding=require was accepted")
        } catch {
            #expect(error.description.contains("channel_binding=prefer"))
        }
        #expect((try? DatabaseURL("postgresql://u:p@h/db?channel_binding=prefer")) != nil)
        #expect((try? DatabaseURL("postgresql://u:p@h/db?channel_binding=disable")) != nil)
    }

    @Test("redaction of any text, parsable or not", arguments: [
        ("postgresql://u:hunter2@h/db", "postgresql://u:***@h/db"),
        ("mysql://root:hunter2@h:3306/db?x=1", "mysql://root:***@h:3306/db?x=1"),
        ("postgresql://u@h/db", "postgresql://u@h/db"),
        ("postgresql://u:p@ss@h/db", "postgresql://u:***@h/db"),
        ("not a url", "not a url"),
    ])
    func redact(text: String, expected: String) {
        #expect(DatabaseURL.redact(text) == expected)
    }

    @Test func descriptionIsRedacted() throws {
        let url = try DatabaseURL("postgresql://u:hunter2@h/db")
        #expect("\(url)" == "postgresql://u:***@h:5432/db")
        #expect(!String(reflecting: url).contains("hunter2"))
        var dumped = ""
        dump(url, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        guard case .postgresql(let endpoint) = url.location else { Issue.record("not PostgreSQL"); return }
        #expect(!"\(endpoint)".contains("hunter2"))
        #expect(!String(reflecting: endpoint).contains("hunter2"))
    }
}
