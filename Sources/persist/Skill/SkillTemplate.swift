import PersistTooling

/// The text of the database-deployment skill that `persist skill init` writes.
enum SkillTemplate {
    /// The skill's folder name and front-matter name.
    static let name = "database-deployment"

    /// The sections SKILL.md must have, in order.
    static let sections = SkillCheck.requiredSections

    /// Every file of the skill: path relative to the skill folder → contents.
    static var files: [(path: String, text: String)] {
        [("SKILL.md", skill)]
            + references.map { ("references/\($0.name)", $0.text) }
            + SkillExamples.files.map { ("examples/\($0.name)", $0.source + "\n") }
    }

    /// `SKILL.md`.
    static var skill: String {
        """
        ---
        name: \(name)
        description: Build Swift data layers that survive restarts, users and failures with persist (FluentKit on SQLite or PostgreSQL/Neon); use when data must persist, be shared, or be reported with money at stake.
        ---

        # Database Deployment

        ## Persona
        I build systems where data must remain correct across restarts, users and failures, and I prove it with commands rather than claim it.

        ## When to Use
        - Structured data with relationships (users, categories, expenses)
        - Data that must survive the process, or be shared by several users or processes
        - Query-heavy workflows and monthly reports
        - Integrity-sensitive writes (money, transfers, imports)

        ## Core Patterns
        1. Models as code, versioned migrations with stable names: `persist migrate [--status | --revert]`, `SchemaMigrator` (see [references/models.md](references/models.md))
        2. Session-based CRUD on one pinned, pre-pinged connection: `DatabaseHandle.read` / `.transaction`, `persist user|category|expense …` (see [references/crud.md](references/crud.md))
        3. Relationships and joins without N+1: one query per listing or report, `--stats` to count (see [references/relationships.md](references/relationships.md))
        4. Transactions and rollback: all-or-nothing imports and transfers, `DatabaseHandle.transaction` (see [references/transactions.md](references/transactions.md))
        5. PostgreSQL/Neon deployment and pooling: `DATABASE_URL`, `DIRECT_URL`, `sslmode`, `pool_size`, `persist doctor` (see [references/deployment.md](references/deployment.md))
        6. Hybrid verification for high-stakes outputs: `persist report monthly --verify-against`, `persist gate` (see [references/verification.md](references/verification.md))

        Examples that compile and run: [examples/PersistenceProof.swift](examples/PersistenceProof.swift), [examples/BudgetReport.swift](examples/BudgetReport.swift).

        ## Decision Logic
        \(DecisionRules.markdown)

        Run it: `persist decide --persistent --multi-user --high-stakes`.

        ## Guardrails
        - Never hard-code database credentials: read them from `DATABASE_URL` or `.env` (git-ignored); never print them (persist redacts passwords everywhere).
        - Every write has a rollback path: multi-row writes run in one transaction that rolls back on any failure.
        - Never call a same-path re-run "verification": the check must be independent of the SQL path (`--verify-against` the raw ledger).
        - Never claim "production-ready" without the gate: `persist gate` must say ready for release.

        """
    }

    /// `references/<name>.md` → text.
    static let references: [(name: String, text: String)] = [
        ("models.md", """
        # Models as code, with versioned migrations

        **Rule:** the schema lives in code; every change is a new migration with an explicit, stable name that never changes once released.

        ```swift
        struct M0004_AddExpenseIndexes: SchemaMigration {
            var name: String { "M0004_AddExpenseIndexes" }
            func prepare(on database: any SQLDatabase) async throws {
                try await database.create(index: "expenses_user_date").on("expenses").column("user_id").column("spent_on").run()
            }
            func revert(on database: any SQLDatabase) async throws {
                try await database.drop(index: "expenses_user_date").run()
            }
        }
        ```

        **Command:** `persist migrate`, `persist migrate --status`, `persist migrate --revert`.

        **Prevents:** schemas that differ between machines, and half-applied changes (each batch runs in one transaction).

        """),
        ("crud.md", """
        # Session-based CRUD

        **Rule:** open a handle once, do each unit of work on one healthy connection, close the handle when done.

        ```swift
        try await DatabaseHandle.withOpen(url) { handle in
            let ledger = Ledger(handle)
            let user = try await ledger.addUser(email: "alice@example.com", name: "Alice")
            let users = try await ledger.users()
            print(user.id, users.count)
        }
        ```

        **Command:** `persist user add --email alice@example.com --name Alice`, `persist user list --format json`.

        **Prevents:** leaked connections, and reads on connections the server already closed (each unit of work is pre-pinged).

        """),
        ("relationships.md", """
        # Relationships and joins without N+1

        **Rule:** a listing or report is one query, whatever the number of rows; count statements to prove it.

        ```swift
        let rows = try await handle.read { database in
            try await Expense.query(on: database)
                .join(User.self, on: \\Expense.$user.$id == \\User.$id)
                .join(Category.self, on: \\Expense.$category.$id == \\Category.$id)
                .all()
        }
        ```

        **Command:** `persist report monthly --user alice@example.com --month 2024-01 --stats`.

        **Prevents:** reports that slow down linearly with the data (one query per row).

        """),
        ("transactions.md", """
        # Transactions and rollback

        **Rule:** every multi-row write runs in one transaction; any failure rolls all of it back.

        ```swift
        try await handle.transaction { database in
            try await debit.create(on: database)
            try await credit.create(on: database)
        }
        ```

        **Command:** `persist transfer --user alice@example.com --from Food --to Travel --amount 20`, `persist expense import ledger.csv`.

        **Prevents:** half-written transfers and imports that stop at row 5,000 of 10,000.

        """),
        ("deployment.md", """
        # PostgreSQL / Neon deployment and pooling

        **Rule:** credentials come from the environment; TLS is required for remote hosts; migrations go to the direct host; pools are bounded.

        ```swift
        let resolved = try ResolvedDatabaseURL.resolve(flag: nil)  // DATABASE_URL, then .env; never a literal
        let report = await DatabaseDoctor.examine(resolved)         // TLS, pool, latency, warnings
        print(report.usable, report.warnings)
        ```

        **Command:** `persist doctor`, `persist migrate` (uses `DIRECT_URL`), `PERSIST_POOL_SIZE=5`.

        **Prevents:** plaintext credentials on the wire, migrations through a transaction-mode pooler, and exhausted connection slots.

        """),
        ("verification.md", """
        # Hybrid verification for high-stakes outputs

        **Rule:** a money report is released only when an independent path (the raw ledger, its own parser and sums) agrees with the SQL path.

        ```swift
        let result = try await ledger.verifyMonthlyReport(user: "alice@example.com", month: Month(parsing: "2024-01"), ledger: bankExport)
        guard result.permitted else { throw ReleaseBlocked() }
        ```

        **Command:** `persist report monthly --user E --month 2024-01 --verify-against bank.csv`, `persist gate --ledger bank.csv --user E --month 2024-01`.

        **Prevents:** releasing a report that a bug, a bad import or a manual edit made wrong.

        """),
    ]
}
