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
    /// Errors come out unwrapped: what `body` threw, or the database's own error.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await client.withTransaction(logger: logger) { connection in
                    try await body(connection.sql())
                }
            } catch {
                let cause = Self.cause(of: error)
                guard attempt < 3, let state = Self.sqlState(of: cause), Self.retryableStates.contains(state) else { throw cause }
                attempt += 1
                try await Task.sleep(for: .milliseconds(5 * attempt))
            }
        }
    }

    private static let retryableStates: Set<String> = ["40001", "40P01"]

    public func isUniqueViolation(_ error: any Error) -> Bool {
        Self.sqlState(of: Self.cause(of: error)) == "23505"
    }

    /// The error inside postgres-nio's transaction wrapper: the closure's, else the commit's or begin's.
    private static func cause(of error: any Error) -> any Error {
        guard let wrapped = error as? PostgresTransactionError else { return error }
        return wrapped.closureError ?? wrapped.commitError ?? wrapped.beginError ?? error
    }

    private static func sqlState(of error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// Runs the connection pool until the service group shuts down.
    public func run() async throws {
        await client.run()
    }
}
