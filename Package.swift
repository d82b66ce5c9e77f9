// swift-tools-version:6.2
import PackageDescription

/// Settings every target shares, so the whole package compiles under the same rules.
let sharedSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "persist",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PersistKit", targets: ["PersistKit"]),
        .library(name: "PersistTooling", targets: ["PersistTooling"]),
        .library(name: "BudgetTracker", targets: ["BudgetTracker"]),
        .library(name: "BudgetServer", targets: ["BudgetServer"]),
        .executable(name: "persist", targets: ["persist"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/vapor/fluent-kit", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.14.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/vapor/async-kit", from: "1.22.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Already built for postgres-nio's authentication; imports fingerprint files with its SHA-256.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // Child processes (the proof's two halves, the benchmark, the tests' runs of persist).
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        // `persist serve`: the HTTP server (without swift-configuration: persist has its own
        // settings rule) and bcrypt for account passwords.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // `/metrics` in Prometheus's text format, fed by swift-metrics (which Hummingbird records to).
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        // Graceful shutdown on SIGTERM/SIGINT, bounded in time (already built for Hummingbird).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // The web pages: logic-less templates that escape every value by default.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The web pages' file uploads (multipart/form-data), parsed as they stream in.
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ],
    targets: [
        .target(
            name: "PersistKit",
            dependencies: [
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "AsyncKit", package: "async-kit"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // Migration checksums (SHA-256).
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: sharedSettings
        ),
        // Tools over the core that know no application: the persistence proof, the doctor, the
        // release gate and its evidence, skill folders, child processes.
        .target(
            name: "PersistTooling",
            dependencies: [
                "PersistKit",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                // `skill check` parses SKILL.md's front matter as real YAML.
                .product(name: "Yams", package: "Yams"),
                .product(name: "Subprocess", package: "swift-subprocess"),
            ],
            swiftSettings: sharedSettings
        ),
        // The skill's example programs: compiled in every build, run by the tests, and copied by
        // `persist skill init` (from SkillExamples.swift, which a test keeps identical to them).
        .executableTarget(
            name: "example-persistence-proof",
            dependencies: ["PersistKit", "PersistTooling"],
            path: "Examples/PersistenceProof",
            swiftSettings: sharedSettings
        ),
        .executableTarget(
            name: "example-budget-report",
            dependencies: ["PersistKit", "PersistTooling", "BudgetTracker", .product(name: "Logging", package: "swift-log")],
            path: "Examples/BudgetReport",
            swiftSettings: sharedSettings
        ),
        // A small application on the core alone: proof that PersistKit is a library.
        .executableTarget(
            name: "example-notes",
            dependencies: [
                "PersistKit",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Examples/Notes",
            swiftSettings: sharedSettings
        ),
        .target(
            name: "BudgetTracker",
            dependencies: [
                "PersistKit",
                "PersistTooling",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                // The independent path of report verification reads ledgers with its own CSV parser.
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                // Account passwords (bcrypt; no HTTP in this product) hashed on NIO's thread pool.
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: sharedSettings
        ),
        // The budget tracker as a multi-user HTTP service; the only target that knows HTTP.
        .target(
            name: "BudgetServer",
            dependencies: [
                "PersistKit",
                "BudgetTracker",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            swiftSettings: sharedSettings
        ),
        .executableTarget(
            name: "persist",
            dependencies: [
                "PersistKit",
                "PersistTooling",
                "BudgetTracker",
                "BudgetServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: sharedSettings
        ),
        .target(
            name: "PersistTestSupport",
            dependencies: [
                "PersistKit", "PersistTooling", "BudgetTracker",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "FluentKit", package: "fluent-kit"),
            ],
            path: "Tests/Support",
            swiftSettings: sharedSettings
        ),
        .testTarget(
            name: "PersistKitTests",
            dependencies: [
                "PersistKit", "PersistTooling", "PersistTestSupport", "BudgetTracker",
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: sharedSettings
        ),
        .testTarget(
            name: "BudgetTrackerTests",
            dependencies: ["BudgetTracker", "PersistKit", "PersistTooling", "PersistTestSupport"],
            swiftSettings: sharedSettings
        ),
        .testTarget(
            name: "PersistCLITests",
            dependencies: ["PersistKit", "PersistTooling", "BudgetTracker", "PersistTestSupport", "persist", "example-persistence-proof", "example-budget-report", "example-notes"],
            // Expected output the tests read by path (see Snapshot), not resources.
            exclude: ["Snapshots"],
            swiftSettings: sharedSettings
        ),
    ]
)
