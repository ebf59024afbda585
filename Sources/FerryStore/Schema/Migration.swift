import FerryCore
import Logging
import SQLKit

/// One versioned change to the schema, written once for every SQL engine.
struct Migration: Sendable {
    /// Applied in increasing order; never reused.
    var version: Int
    var name: String
    /// The statements of this migration for an engine.
    var statements: @Sendable (DatabaseKind) -> [String]
}

/// Applies the migrations a database has not seen yet, each in its own transaction, at start.
enum Migrator {
    static let table = "ferry_schema_migrations"

    /// Brings the database up to the newest schema. Safe to run from several servers at once:
    /// on PostgreSQL an advisory lock serialises them; on SQLite the write transaction does.
    static func migrate(_ provider: any DatabaseProvider, migrations: [Migration], logger: Logger) async throws {
        let kind = provider.kind
        try await provider.transaction { db in
            if kind == .postgres {
                try await db.raw("SELECT pg_advisory_xact_lock(724201)").run()
            }
            try await db.raw(
                """
                CREATE TABLE IF NOT EXISTS \(unsafeRaw: table) (
                    version BIGINT PRIMARY KEY, name \(unsafeRaw: kind.textType) NOT NULL, applied_at BIGINT NOT NULL)
                """
            ).run()
            let applied = try await db.raw("SELECT version FROM \(unsafeRaw: table)").all()
                .map { try $0.decode(column: "version", as: Int.self) }
            let appliedSet = Set(applied)
            for migration in migrations.sorted(by: { $0.version < $1.version }) where !appliedSet.contains(migration.version) {
                logger.info("Applying schema migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                for statement in migration.statements(kind) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.raw(
                    "INSERT INTO \(unsafeRaw: table) (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Timestamps.nowMillis()))"
                ).run()
            }
        }
    }
}
