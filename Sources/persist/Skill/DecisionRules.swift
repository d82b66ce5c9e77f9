/// What a project needs from its data layer: the questions the Decision Logic asks.
public struct ProjectProfile: Sendable, Equatable {
    /// The data must survive the process (and restarts).
    public var persistent: Bool
    /// Several people (or machines) use the data.
    public var multiUser: Bool
    /// Outputs (reports, money) are high-stakes: wrong numbers cost.
    public var highStakes: Bool
    /// A one-off local script.
    public var oneOff: Bool
    /// Rows expected in the biggest table.
    public var expectedRows: Int?
    /// Processes writing at the same moment.
    public var concurrentWriters: Int?

    /// The answers; each defaults to the cautious no.
    public init(
        persistent: Bool = false, multiUser: Bool = false, highStakes: Bool = false, oneOff: Bool = false,
        expectedRows: Int? = nil, concurrentWriters: Int? = nil
    ) {
        self.persistent = persistent
        self.multiUser = multiUser
        self.highStakes = highStakes
        self.oneOff = oneOff
        self.expectedRows = expectedRows
        self.concurrentWriters = concurrentWriters
    }
}

/// Where the data should live.
public enum Storage: String, Sendable, Codable, Equatable {
    case plainFiles = "plain files"
    case embeddedSQLite = "embedded SQLite"
    case postgreSQL = "PostgreSQL"
}

/// One condition → action rule of the skill's Decision Logic.
public struct DecisionRule: Sendable {
    /// The condition, as the skill states it.
    public let condition: String
    /// The action, as the skill states it.
    public let action: String
    let matches: @Sendable (ProjectProfile) -> Bool
}

/// The Decision Logic of the database-deployment skill, in one place: `persist decide` applies
/// these rules and `persist skill init` renders the same rules into SKILL.md, so the document
/// and the program cannot disagree.
public enum DecisionRules {
    /// Tables past this many rows, or more writers than this, outgrow one SQLite file.
    public static let sqliteRowLimit = 10_000_000
    /// Concurrent writer processes beyond which SQLite is not recommended.
    public static let sqliteWriterLimit = 4

    /// Storage rules, first match wins.
    public static let storage: [(rule: DecisionRule, storage: Storage)] = [
        (DecisionRule(
            condition: "One-off local script (nothing must survive the run)",
            action: "plain files (JSON or CSV); no database",
            matches: { $0.oneOff && !$0.persistent && !$0.multiUser }
        ), .plainFiles),
        (DecisionRule(
            condition: "Persistent multi-user app, or more than \(sqliteWriterLimit) concurrent writers, or more than \(sqliteRowLimit) rows",
            action: "persist on PostgreSQL (`DATABASE_URL`, `persist migrate`, `persist doctor`), pool of 5 to start",
            matches: { $0.multiUser || ($0.concurrentWriters ?? 0) > sqliteWriterLimit || ($0.expectedRows ?? 0) > sqliteRowLimit }
        ), .postgreSQL),
        (DecisionRule(
            condition: "Persistent, one user on one machine",
            action: "persist on the embedded SQLite default (`sqlite:///persist.db`)",
            matches: { _ in true }
        ), .embeddedSQLite),
    ]

    /// The verification rule: added on top of the storage choice.
    public static let verification = DecisionRule(
        condition: "High-stakes report (money, compliance)",
        action: "plus the verification gate: `persist gate --ledger … --user … --month …` must say ready for release",
        matches: { $0.highStakes }
    )

    /// Which part of `rule`'s condition `profile` met, in its own figures: "multi-user, and 6
    /// concurrent writers (more than 4)" rather than the whole rule.
    static func matched(_ rule: DecisionRule, _ storage: Storage, in profile: ProjectProfile) -> String {
        guard storage == .postgreSQL else { return rule.condition.lowercased() }
        var parts: [String] = []
        if profile.multiUser { parts.append("persistent and multi-user") }
        if let writers = profile.concurrentWriters, writers > sqliteWriterLimit {
            parts.append("\(writers) concurrent writers (more than \(sqliteWriterLimit))")
        }
        if let rows = profile.expectedRows, rows > sqliteRowLimit {
            parts.append("\(rows) rows expected (more than \(sqliteRowLimit))")
        }
        return parts.joined(separator: ", and ")
    }

    /// Every rule, in the order the skill lists them.
    public static var all: [DecisionRule] { storage.map(\.rule) + [verification] }

    /// The recommendation for `profile`.
    public static func decide(_ profile: ProjectProfile) -> Recommendation {
        let (rule, storage) = storage.first { $0.rule.matches(profile) }!
        var reasons = ["storage: \(storage.rawValue), because: \(matched(rule, storage, in: profile))"]
        var poolSize: Int?
        var commands: [String]
        switch storage {
        case .plainFiles:
            commands = ["write results with Foundation's JSONEncoder or a CSV writer; no database needed"]
        case .embeddedSQLite:
            commands = ["persist proof run", "persist migrate", "persist doctor"]
        case .postgreSQL:
            poolSize = min(max(profile.concurrentWriters ?? 5, 2), 20)
            reasons.append("pool size: \(poolSize!), enough for the expected concurrent writers without exhausting the server's connections")
            commands = [
                "export DATABASE_URL='postgresql://USER:PASSWORD@HOST/DB?sslmode=require'",
                "export PERSIST_POOL_SIZE=\(poolSize!)",
                "persist migrate", "persist doctor", "persist proof run",
            ]
        }
        let gate = verification.matches(profile) && storage != .plainFiles
        if gate {
            reasons.append("verification gate: required, because: \(verification.condition.lowercased())")
            commands.append("persist gate --ledger LEDGER.csv --user EMAIL --month YYYY-MM")
        } else {
            reasons.append("verification gate: not required (not high-stakes)")
        }
        return Recommendation(storage: storage, poolSize: poolSize, verificationGate: gate, reasons: reasons, nextCommands: commands)
    }

    /// The rules as the Decision Logic section of SKILL.md.
    public static var markdown: String {
        all.map { "- \($0.condition) → \($0.action)" }.joined(separator: "\n")
    }
}

/// What `persist decide` recommends.
public struct Recommendation: Sendable, Codable, Equatable {
    /// SQLite or PostgreSQL.
    public let storage: Storage
    /// Connections per process to start with (PostgreSQL only).
    public let poolSize: Int?
    /// Whether reports must pass the verification gate before release.
    public let verificationGate: Bool
    /// One line per choice: why.
    public let reasons: [String]
    /// What to run next.
    public let nextCommands: [String]
}
