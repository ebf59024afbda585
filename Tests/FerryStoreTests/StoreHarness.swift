import FerryCore
import FerryStore
import Foundation
import Logging
import SQLKit

/// The engines the store conformance suite runs on: SQLite always, PostgreSQL when
/// `FERRY_TEST_POSTGRES_URI` names a server (scripts/test starts one).
enum StoreEngine: String, CaseIterable, Sendable {
    case sqlite
    case postgres

    static var available: [StoreEngine] {
        ProcessInfo.processInfo.environment["FERRY_TEST_POSTGRES_URI"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }
}


let testLogger: Logger = {
    var logger = Logger(label: "ferry.tests")
    logger.logLevel = .warning
    return logger
}()

/// Runs `body` with a freshly migrated store on a new, empty database of `engine`.
/// `body` receives a factory for further stores on the same database (for two-server tests).
func withStore(
    _ engine: StoreEngine, _ body: @Sendable (SQLTrackingStore, @Sendable () -> SQLTrackingStore) async throws -> Void
) async throws {
    switch engine {
    case .sqlite:
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let provider = try await SQLiteDatabaseProvider.open(path: folder.appendingPathComponent("ferry.db").path, logger: testLogger)
        let store = SQLTrackingStore(database: provider, logger: testLogger)
        try await store.migrate()
        do {
            try await body(store, { store })
        } catch {
            try await provider.close()
            throw error
        }
        try await provider.close()
    case .postgres:
        guard let text = ProcessInfo.processInfo.environment["FERRY_TEST_POSTGRES_URI"],
            case .postgres(var location) = try DatabaseURI(parsing: text)
        else { return }
        let databaseName = "ferry_store_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = PostgresDatabaseProvider(uri: location, logger: testLogger)
        location.database = databaseName
        let provider = PostgresDatabaseProvider(uri: location, logger: testLogger)
        let second = PostgresDatabaseProvider(uri: location, logger: testLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await admin.run() }
            group.addTask { try await provider.run() }
            group.addTask { try await second.run() }
            defer { group.cancelAll() }
            try await admin.read { db in try await db.raw("CREATE DATABASE \(unsafeRaw: databaseName)").run() }
            let store = SQLTrackingStore(database: provider, logger: testLogger)
            try await store.migrate()
            try await body(store, { SQLTrackingStore(database: second, logger: testLogger) })
        }
    }
}
