import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import ServiceLifecycle

/// SQLite in WAL mode: one writer connection (writes are serialised, each in one transaction)
/// and a few reader connections that read concurrently with it. Each read runs alone on its reader, in
/// one read transaction, so it sees one consistent snapshot that includes every write committed before it.
///
/// `synchronous=NORMAL` in WAL mode: a committed transaction survives the process being killed;
/// the last transactions can be lost only if the machine itself loses power.
public final class SQLiteDatabaseProvider: DatabaseProvider, Sendable {
    public let kind = DatabaseKind.sqlite
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let readerLease: ConnectionLease<SQLiteConnection>?
    private let writeLock = AsyncLock()
    private let logger: Logger

    /// Opens (creating if needed) the database file at `path`, or an in-memory database for `":memory:"`.
    public static func open(path: String, readerCount: Int = 4, logger: Logger) async throws -> SQLiteDatabaseProvider {
        let inMemory = path == ":memory:"
        if !inMemory {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        }
        let storage: SQLiteConnection.Storage = inMemory ? .memory : .file(path: path)
        let writer = try await SQLiteConnection.open(storage: storage, logger: logger)
        try await configure(writer, isWriter: true, inMemory: inMemory)
        var readers: [SQLiteConnection] = []
        if !inMemory {
            for _ in 0..<max(1, readerCount) {
                let reader = try await SQLiteConnection.open(storage: storage, logger: logger)
                try await configure(reader, isWriter: false, inMemory: false)
                readers.append(reader)
            }
        }
        return SQLiteDatabaseProvider(writer: writer, readers: readers, logger: logger)
    }

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], logger: Logger) {
        self.writer = writer
        self.readers = readers
        self.readerLease = readers.isEmpty ? nil : ConnectionLease(readers)
        self.logger = logger
    }

    private static func configure(_ connection: SQLiteConnection, isWriter: Bool, inMemory: Bool) async throws {
        let db = connection.sql()
        if isWriter && !inMemory {
            try await db.raw("PRAGMA journal_mode=WAL").run()
            // Checkpoint less often (each checkpoint syncs the database file).
            try await db.raw("PRAGMA wal_autocheckpoint=8192").run()
        }
        // Keep more pages cached than SQLite's 2 MB default: 32 MB for the writer, 16 MB per reader.
        try await db.raw(isWriter ? "PRAGMA cache_size=-32768" : "PRAGMA cache_size=-16384").run()
        try await db.raw("PRAGMA synchronous=NORMAL").run()
        try await db.raw("PRAGMA busy_timeout=10000").run()
        try await db.raw("PRAGMA case_sensitive_like=ON").run()
        try await db.raw("PRAGMA foreign_keys=OFF").run()
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard let readerLease else {
            return try await writeLock.withLock { try await body(self.writer.sql()) }
        }
        return try await readerLease.withConnection { reader in
            try await Self.inTransaction(reader.sql(), begin: "BEGIN DEFERRED", body)
        }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writeLock.withLock {
            try await Self.inTransaction(self.writer.sql(), begin: "BEGIN IMMEDIATE", body)
        }
    }

    /// Runs `body` between `begin` and COMMIT on `db`, rolling back when it throws.
    private static func inTransaction<T: Sendable>(
        _ db: any SQLDatabase, begin: String, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await db.raw(SQLQueryString(begin)).run()
        do {
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            try? await db.raw("ROLLBACK").run()
            throw error
        }
    }

    public func isUniqueViolation(_ error: any Error) -> Bool {
        guard let error = error as? SQLiteError else { return false }
        return error.reason == .constraintUniqueFailed || error.reason == .constraintPrimaryKeyFailed
            || error.message.contains("UNIQUE constraint failed")
    }

    /// Waits for graceful shutdown, then closes every connection.
    public func run() async throws {
        try? await gracefulShutdown()
        try await close()
    }

    /// Closes every connection.
    public func close() async throws {
        for reader in readers { try? await reader.close().get() }
        try await writer.close().get()
    }
}
