import FerryCore
import Logging
import SQLKit

/// The tracking store on SQL, written once over SQLKit for SQLite and PostgreSQL.
///
/// Every write runs in one transaction of the ``DatabaseProvider``; reads see committed data.
/// Validation of MLflow's write rules happens here, so every caller gets them.
public final class SQLTrackingStore: Sendable {
    let database: any DatabaseProvider
    let logger: Logger
    /// The root that new experiments' artifact locations are made under (`mlflow-artifacts:`).
    let artifactRoot: String

    /// Creates a store on `database`; call ``migrate()`` before use.
    public init(database: any DatabaseProvider, artifactRoot: String = "mlflow-artifacts:", logger: Logger) {
        self.database = database
        self.artifactRoot = artifactRoot.hasSuffix("/") ? String(artifactRoot.dropLast()) : artifactRoot
        self.logger = logger
    }

    /// Applies pending schema migrations and makes sure the Default experiment exists.
    public func migrate() async throws {
        try await Migrator.migrate(database, migrations: TrackingSchema.migrations, logger: logger)
        let location = defaultArtifactLocation(experimentID: Experiment.defaultID)
        let now = Timestamps.nowMillis()
        try await database.transaction { db in
            let existing = try await db.raw("SELECT experiment_id FROM experiments WHERE experiment_id = 0").first()
            if existing == nil {
                try await db.raw(
                    """
                    INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
                    VALUES (0, \(bind: Experiment.defaultName), \(bind: location), 'active', \(bind: now), \(bind: now))
                    ON CONFLICT DO NOTHING
                    """
                ).run()
            }
        }
    }

    func defaultArtifactLocation(experimentID: String) -> String {
        "\(artifactRoot)/\(experimentID)"
    }

    /// Runs a write and turns unique-constraint violations into RESOURCE_ALREADY_EXISTS.
    func write<T: Sendable>(
        alreadyExists message: String? = nil, conflictCode: ErrorCode = .resourceAlreadyExists,
        _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        do {
            return try await database.transaction(body)
        } catch let error as FerryError {
            throw error
        } catch where database.isUniqueViolation(error) {
            throw FerryError(conflictCode, message ?? "The entity already exists")
        } catch {
            logger.error("Database write failed", metadata: ["error": "\(String(reflecting: error))"])
            throw FerryError.internalError("The metadata store failed to write: \(error)")
        }
    }

    /// Runs a read, reporting database failures as INTERNAL_ERROR.
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await database.read(body)
        } catch let error as FerryError {
            throw error
        } catch {
            logger.error("Database read failed", metadata: ["error": "\(String(reflecting: error))"])
            throw FerryError.internalError("The metadata store failed to read: \(error)")
        }
    }
}
