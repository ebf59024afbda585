import FerryCore
import Foundation

/// Where the metadata lives, parsed from `--backend-store-uri`.
public enum DatabaseURI: Sendable, Equatable {
    /// `sqlite:///relative/path.db`, `sqlite:////absolute/path.db` or `sqlite:///:memory:`.
    case sqlite(path: String)
    /// `postgresql://user:password@host:port/database` (also `postgres://`).
    case postgres(PostgresLocation)

    /// The parts of a PostgreSQL URI.
    public struct PostgresLocation: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var user: String
        public var password: String?
        public var database: String?
    }

    /// Parses a store URI; a plain path is taken as a SQLite file.
    /// - Throws: ``FerryError`` INVALID_PARAMETER_VALUE with the accepted forms.
    public init(parsing text: String) throws {
        if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard path.hasPrefix("/"), path.count > 1 else {
                throw FerryError.invalidParameter("Invalid SQLite URI '\(text)': use sqlite:///relative.db or sqlite:////absolute/path.db")
            }
            let rest = String(path.dropFirst())
            self = .sqlite(path: rest)
            return
        }
        if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") || text.hasPrefix("postgresql+psycopg2://") {
            guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
                throw FerryError.invalidParameter("Invalid PostgreSQL URI '\(text)': use postgresql://user:password@host:port/database")
            }
            let database = components.path.split(separator: "/").first.map(String.init)
            self = .postgres(
                PostgresLocation(
                    host: host, port: components.port ?? 5432, user: components.user ?? "postgres",
                    password: components.password?.removingPercentEncoding ?? components.password, database: database))
            return
        }
        if text.contains("://") {
            throw FerryError.invalidParameter(
                "Unsupported backend store URI '\(text)': use sqlite:///path.db or postgresql://user:password@host:port/database")
        }
        self = .sqlite(path: text)
    }

    /// `text` with any password replaced by `***`, for logs and messages.
    public static func redacted(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"), let at = text[schemeEnd.upperBound...].firstIndex(of: "@") else { return text }
        let credentials = text[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
    }
}
