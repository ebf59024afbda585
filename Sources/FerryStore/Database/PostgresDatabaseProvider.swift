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

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withTransaction(logger: logger) { connection in
            try await body(connection.sql())
        }
    }

    public func isUniqueViolation(_ error: any Error) -> Bool {
        if let error = error as? PSQLError { return error.serverInfo?[.sqlState] == "23505" }
        if let error = error as? PostgresTransactionError {
            if let closureError = error.closureError { return isUniqueViolation(closureError) }
        }
        return false
    }

    /// Runs the connection pool until the service group shuts down.
    public func run() async throws {
        await client.run()
    }
}
