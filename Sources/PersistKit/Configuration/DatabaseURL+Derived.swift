import Foundation

extension DatabaseURL {
    /// `environment` with `DATABASE_URL` set to this URL, for a child process that must open the
    /// same database. The password travels in the environment, never on a command line.
    public func environment(for environment: [String: String]) -> [String: String] {
        var child = environment
        child[DatabaseURLSource.variable] = text
        return child
    }

    /// The same PostgreSQL server and credentials with another database name; an SQLite URL is
    /// returned unchanged.
    public func replacingDatabase(with name: String) throws(DatabaseURLError) -> DatabaseURL {
        guard backend == .postgresql, var components = URLComponents(string: text) else { return self }
        components.percentEncodedPath = "/" + (name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name)
        return try DatabaseURL(components.string ?? text)
    }
}
