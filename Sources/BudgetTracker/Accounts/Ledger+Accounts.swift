import FluentKit
import Foundation
import SQLKit

/// A session that ``Ledger/signIn(email:password:address:)`` opened.
public struct OpenedSession: Sendable {
    /// The secret to give the client; the database keeps only its hash.
    public let token: SessionToken
    /// Who signed in.
    public let user: SignedInUser
    /// When the session ends by itself.
    public let expiresAt: Date
}

/// Sign-in limits: a run of failures locks an account, and an address, out for a while.
public struct SignInLimits: Sendable {
    /// Failures per account within ``window`` before it is locked out.
    public var perAccount = 10
    /// Failures per client address within ``window`` before it is locked out.
    public var perAddress = 50
    /// Sign-ups per client address within ``window`` (each costs a password hash, so unlimited
    /// sign-ups would let one client keep the server's cores busy).
    public var signUpsPerAddress = 20
    /// How long failures count, in seconds.
    public var window: Int64 = 15 * 60
    /// How long a session lasts, in seconds.
    public var sessionLifetime: Int64 = 14 * 24 * 3600

    /// The defaults.
    public init() {}
}

extension Ledger {
    /// Creates a user with a password and opens their first session, in one transaction: all
    /// three exist afterwards, or none does.
    ///
    /// - Throws: ``LedgerError/duplicate(kind:key:)`` when the e-mail is taken (a user the command
    ///   line added gets a password with ``setPassword(email:password:)``), or
    ///   ``LedgerError/invalid(field:reason:)``, or ``SignInError/tooManySignUps(retryAfter:)``
    ///   when `address` (the client's, for a service) signed up ``SignInLimits/signUpsPerAddress``
    ///   times within the window; each sign-up counts before its password is hashed.
    public func signUp(
        email: String, name: String, password: String, address: String? = nil, limits: SignInLimits = SignInLimits()
    ) async throws -> OpenedSession {
        // Everything cheap is checked before the attempt counts and the password is hashed.
        let password = try Password.validated(password)
        _ = try Validation.email(email)
        _ = try Validation.name(name, field: "name", maximum: Self.nameLength)
        if let address, let wait = try await countAttempt(["signup:" + ClientAddress.key(address)], limits: limits, now: Int64(Date().timeIntervalSince1970)) {
            throw SignInError.tooManySignUps(retryAfter: wait)
        }
        let hash = try await Password.hash(password)
        let token = SessionToken.random()
        let now = Int64(Date().timeIntervalSince1970)
        let expires = now + limits.sessionLifetime
        let user = try await addUser(email: email, name: name) { database, id in
            try await Self.storePassword(hash, for: id, on: database)
            try await Self.openSession(token, for: id, now: now, expires: expires, on: database)
        }
        return OpenedSession(
            token: token, user: SignedInUser(id: user.id, email: user.email, name: user.name), expiresAt: Date(timeIntervalSince1970: TimeInterval(expires))
        )
    }

    /// Sets (or replaces) a user's password; their open sessions are ended and a lock-out of
    /// their account is lifted.
    ///
    /// - Returns: how many sessions were ended.
    @discardableResult
    public func setPassword(email: String, password: String) async throws -> Int {
        let email = try Validation.email(email)
        let hash = try await Password.hash(try Password.validated(password))
        return try await handle.transaction { database in
            let user = try await Self.user(email: email, on: database)
            try await Self.storePassword(hash, for: user.id!, on: database)
            // A new password lifts a lock-out of the account (its failures were against the old one).
            try await (database as! any SQLDatabase).raw("DELETE FROM sign_in_failures WHERE subject = \(bind: "account:" + email)").run()
            return try await Self.revokeSessions(of: user.id!, on: database)
        }
    }

    /// Checks an e-mail and password and opens a session.
    ///
    /// A wrong password, an unknown e-mail and a user without a password are one answer
    /// (``SignInError/rejected``), after the same bcrypt work. Attempts are counted per account
    /// and per `address` in the database, so that every instance of a service shares the count,
    /// and each is counted *before* its password is checked: guesses sent in parallel cannot
    /// slip past the limit. A success takes its own attempt back and clears the account's count.
    ///
    /// - Throws: ``SignInError``, or ``LedgerError/invalid(field:reason:)`` for a malformed e-mail.
    public func signIn(email: String, password: String, address: String, limits: SignInLimits = SignInLimits()) async throws -> OpenedSession {
        let email = try Validation.email(email)
        let subjects = ["account:" + email, "address:" + ClientAddress.key(address)]
        let now = Int64(Date().timeIntervalSince1970)
        if let wait = try await countAttempt(subjects, limits: limits, now: now) { throw SignInError.tooManyAttempts(retryAfter: wait) }
        let found = try await handle.read { database in
            try await (database as! any SQLDatabase).raw("""
                SELECT u.id, a.password_hash FROM users u JOIN accounts a ON a.user_id = u.id WHERE u.email = \(bind: email)
                """).first(decoding: AccountRow.self)
        }
        guard try await Password.matches(password, hash: found?.password_hash), let found else {
            throw SignInError.rejected
        }
        let token = SessionToken.random()
        let expires = now + limits.sessionLifetime
        let user = try await handle.transaction { database in
            let sql = database as! any SQLDatabase
            try await sql.raw("DELETE FROM sign_in_failures WHERE subject = \(bind: subjects[0])").run()
            try await sql.raw("UPDATE sign_in_failures SET failures = failures - 1 WHERE subject = \(bind: subjects[1]) AND failures > 0").run()
            try await Self.openSession(token, for: found.id, now: now, expires: expires, on: database)
            guard let user = try await User.find(found.id, on: database) else { throw SignInError.rejected }
            return SignedInUser(id: user.id!, email: user.email, name: user.name)
        }
        return OpenedSession(token: token, user: user, expiresAt: Date(timeIntervalSince1970: TimeInterval(expires)))
    }

    /// The user whose open, unexpired session `token` is, or `nil`: one statement.
    public func user(signedInWith token: SessionToken) async throws -> SignedInUser? {
        guard token.isWellFormed else { return nil }
        let now = Int64(Date().timeIntervalSince1970)
        let row = try await handle.readStatement("""
            SELECT u.id, u.email, u.name FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = \(CharValue.sha256(token.hash)) AND s.revoked_at IS NULL AND s.expires_at > \(bind: now)
            """, decoding: SignedInRow.self).first
        return row.map { SignedInUser(id: $0.id, email: $0.email, name: $0.name) }
    }

    /// Ends the session `token` opened (signing out); `false` when it was not open.
    @discardableResult
    public func signOut(_ token: SessionToken) async throws -> Bool {
        guard token.isWellFormed else { return false }
        let now = Int64(Date().timeIntervalSince1970)
        return try await handle.transaction { database in
            try await (database as! any SQLDatabase).raw("""
                UPDATE sessions SET revoked_at = \(bind: now) WHERE token_hash = \(CharValue.sha256(token.hash)) AND revoked_at IS NULL RETURNING id
                """).all().count > 0
        }
    }

    /// Ends every open session of a user (`persist user sessions revoke`).
    ///
    /// - Returns: how many were open.
    @discardableResult
    public func revokeSessions(email: String) async throws -> Int {
        let email = try Validation.email(email)
        return try await handle.transaction { database in
            try await Self.revokeSessions(of: try await Self.user(email: email, on: database).id!, on: database)
        }
    }

    private static func revokeSessions(of user: Int, on database: any Database) async throws -> Int {
        let now = Int64(Date().timeIntervalSince1970)
        return try await (database as! any SQLDatabase).raw("""
            UPDATE sessions SET revoked_at = \(bind: now) WHERE user_id = \(bind: user) AND revoked_at IS NULL RETURNING id
            """).all().count
    }

    private static func openSession(_ token: SessionToken, for user: Int, now: Int64, expires: Int64, on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("""
            INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (\(bind: token.hash), \(bind: user), \(bind: now), \(bind: expires))
            """).run()
    }

    private static func storePassword(_ hash: String, for user: Int, on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let now = Int64(Date().timeIntervalSince1970)
        try await sql.raw("""
            INSERT INTO accounts (user_id, password_hash, updated_at) VALUES (\(bind: user), \(bind: hash), \(bind: now))
            ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at
            """).run()
    }

    /// Counts an attempt against each subject (a new window where the last one ended) and
    /// returns the seconds until the longest lock-out ends, or `nil` when this attempt is within
    /// every limit. One transaction; each count comes back from its own upsert, so concurrent
    /// attempts each see the others.
    private func countAttempt(_ subjects: [String], limits: SignInLimits, now: Int64) async throws -> Int64? {
        let cutoff = now - limits.window
        let rows = try await handle.transaction { database in
            var rows: [FailureRow] = []
            for subject in subjects {
                let row = try await (database as! any SQLDatabase).raw("""
                    INSERT INTO sign_in_failures (subject, window_started, failures) VALUES (\(bind: subject), \(bind: now), 1)
                    ON CONFLICT (subject) DO UPDATE SET
                    failures = CASE WHEN sign_in_failures.window_started <= \(bind: cutoff) THEN 1 ELSE sign_in_failures.failures + 1 END,
                    window_started = CASE WHEN sign_in_failures.window_started <= \(bind: cutoff) THEN \(bind: now) ELSE sign_in_failures.window_started END
                    RETURNING subject, window_started, failures
                    """).first(decoding: FailureRow.self)
                if let row { rows.append(row) }
            }
            return rows
        }
        let waits = rows.compactMap { row -> Int64? in
            let limit = Int64(row.subject.hasPrefix("account:") ? limits.perAccount : row.subject.hasPrefix("signup:") ? limits.signUpsPerAddress : limits.perAddress)
            let ends = row.window_started + limits.window
            return row.failures > limit && ends > now ? ends - now : nil
        }
        return waits.max()
    }
}

/// Why signing in failed.
public enum SignInError: Error, Sendable, Equatable {
    /// The e-mail and password do not match an account (which of the two is wrong is not said).
    case rejected
    /// Too many failures lately; try again after this many seconds.
    case tooManyAttempts(retryAfter: Int64)
    /// Too many sign-ups from one address lately; try again after this many seconds.
    case tooManySignUps(retryAfter: Int64)
}

/// The user behind a session.
public struct SignedInUser: Sendable, Equatable {
    /// The user's id.
    public let id: Int
    /// Their e-mail, lower-cased.
    public let email: String
    /// Their name.
    public let name: String
}

private struct AccountRow: Decodable {
    let id: Int
    let password_hash: String
}

private struct SignedInRow: Decodable {
    let id: Int
    let email: String
    let name: String
}

private struct FailureRow: Decodable {
    let subject: String
    let window_started: Int64
    let failures: Int64
}
