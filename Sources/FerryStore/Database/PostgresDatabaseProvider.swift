import Logging
import PostgresKit
import PostgresNIO
import SQLKit
import ServiceLifecycle

/// PostgreSQL through postgres-nio's pooled `PostgresClient`.
///
/// Several Ferry servers may share one database: every write is one transaction, uniqueness is
/// enforced by constraints, and migrations take an advisory lock.
public final class PostgresDatabaseProvider: DatabaseProvider, Sendable {
    public let kind = DatabaseKind.postgres
    private let client: PostgresClient
    private let logger: Logger

    /// Creates a provider for a `postgresql://user:password@host:port/database` URI.
    /// The pool connects once ``run()`` runs.
    public init(uri: DatabaseURI.PostgresLocation, logger: Logger) {
        var configuration = PostgresClient.Configuration(
            host: uri.host, port: uri.port, username: uri.user, password: uri.password, database: uri.database,
            tls: .disable)
        configuration.options.maximumConnections = 16
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(connection.sql())
        }
    }

    /// Runs `body` in a transaction, retrying (up to three times) when PostgreSQL aborts it as a
    /// deadlock or serialization victim, which concurrent writers from several servers can cause.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await client.withTransaction(logger: logger) { connection in
                    try await body(connection.sql())
                }
            } catch where attempt < 3 && Self.sqlState(of: error).map(Self.retryableStates.contains) == true {
                attempt += 1
                try await Task.sleep(for: .milliseconds(5 * attempt))
            }
        }
    }

    private static let retryableStates: Set<String> = ["40001", "40P01"]

    public func isUniqueViolation(_ error: any Error) -> Bool {
        Self.sqlState(of: error) == "23505"
    }

    /// The SQLSTATE of a PostgreSQL error, looking inside transaction errors.
    private static func sqlState(of error: any Error) -> String? {
        if let error = error as? PSQLError { return error.serverInfo?[.sqlState] }
        if let error = error as? PostgresTransactionError {
            if let closureError = error.closureError, let state = sqlState(of: closureError) { return state }
            if let commitError = error.commitError { return sqlState(of: commitError) }
        }
        return nil
    }

    /// Runs the connection pool until the service group shuts down.
    public func run() async throws {
        await client.run()
    }
}
