import FerryCore
import SQLKit

extension SQLTrackingStore: ExperimentStore {
    public func createExperiment(name: String, artifactLocation: String?, tags: [KeyValue]) async throws -> String {
        try ExperimentValidation.validateName(name)
        if let artifactLocation, !artifactLocation.isEmpty {
            try ArtifactLocationPolicy.validate(artifactLocation)
        }
        for tag in tags { try ExperimentValidation.validateTag(tag) }
        let now = Timestamps.nowMillis()
        let root = artifactRoot
        return try await write(alreadyExists: "Experiment(name=\(name)) already exists.") { db in
            if try await db.raw("SELECT experiment_id FROM experiments WHERE name = \(bind: name)").first() != nil {
                throw FerryError.alreadyExists("Experiment(name=\(name)) already exists.")
            }
            let row = try await db.raw(
                """
                INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time)
                VALUES (\(bind: name), \(bind: artifactLocation ?? ""), 'active', \(bind: now), \(bind: now))
                RETURNING experiment_id
                """
            ).first()
            guard let row else { throw FerryError.internalError("The new experiment got no id") }
            let id = String(try row.int64("experiment_id"))
            if artifactLocation?.isEmpty ?? true {
                try await db.raw(
                    "UPDATE experiments SET artifact_location = \(bind: "\(root)/\(id)") WHERE experiment_id = \(bind: Int64(id)!)"
                ).run()
            }
            for tag in tags {
                try await Self.upsertExperimentTag(db, experimentID: Int64(id)!, tag)
            }
            return id
        }
    }

    public func experiment(id: String) async throws -> Experiment {
        let number = try Identifiers.experimentNumber(id)
        return try await read { db in
            guard let experiment = try await Self.loadExperiments(db, where: "experiment_id = \(bind: number)").first else {
                throw FerryError.notFound("No Experiment with id=\(number) exists")
            }
            return experiment
        }
    }

    public func experiment(named name: String) async throws -> Experiment {
        try await read { db in
            guard let experiment = try await Self.loadExperiments(db, where: "name = \(bind: name)").first else {
                throw FerryError.notFound("Could not find experiment with name '\(name)'")
            }
            return experiment
        }
    }

    public func renameExperiment(id: String, to newName: String) async throws {
        try ExperimentValidation.validateName(newName)
        let number = try Identifiers.experimentNumber(id)
        try await write(alreadyExists: "Experiment(name=\(newName)) already exists.", conflictCode: .badRequest) { db in
            let experiment = try await Self.requireExperiment(db, number)
            guard experiment.lifecycleStage == .active else {
                throw FerryError(.invalidState, "Cannot rename a non-active experiment.")
            }
            if try await db.raw("SELECT experiment_id FROM experiments WHERE name = \(bind: newName) AND experiment_id <> \(bind: number)").first() != nil {
                throw FerryError.badRequest("Experiment(name=\(newName)) already exists; choose another name.")
            }
            try await db.raw(
                "UPDATE experiments SET name = \(bind: newName), last_update_time = \(bind: Timestamps.nowMillis()) WHERE experiment_id = \(bind: number)"
            ).run()
        }
    }

    public func deleteExperiment(id: String) async throws {
        try await setExperimentStage(id: id, .deleted)
    }

    public func restoreExperiment(id: String) async throws {
        try await setExperimentStage(id: id, .active)
    }

    private func setExperimentStage(id: String, _ stage: LifecycleStage) async throws {
        let number = try Identifiers.experimentNumber(id)
        if stage == .deleted && number == 0 {
            throw FerryError.invalidParameter("Cannot delete the default experiment '0'. This is an internally reserved experiment.")
        }
        let now = Timestamps.nowMillis()
        try await write { db in
            let experiment = try await Self.requireExperiment(db, number)
            // MLflow deletes only active experiments and restores only deleted ones; anything else is "not found".
            guard experiment.lifecycleStage != stage else {
                throw FerryError.notFound("No Experiment with id=\(number) exists")
            }
            try await db.raw(
                "UPDATE experiments SET lifecycle_stage = \(bind: stage.rawValue), last_update_time = \(bind: now) WHERE experiment_id = \(bind: number)"
            ).run()
            let deletedTime: Int64? = stage == .deleted ? now : nil
            try await db.raw(
                "UPDATE runs SET lifecycle_stage = \(bind: stage.rawValue), deleted_time = \(bind: deletedTime) WHERE experiment_id = \(bind: number)"
            ).run()
        }
    }

    public func setExperimentTag(id: String, _ tag: KeyValue) async throws {
        try ExperimentValidation.validateTag(tag)
        let number = try Identifiers.experimentNumber(id)
        try await write { db in
            let experiment = try await Self.requireExperiment(db, number)
            try ExperimentValidation.requireActive(experiment)
            try await Self.upsertExperimentTag(db, experimentID: number, tag)
        }
    }

    public func deleteExperimentTag(id: String, key: String) async throws {
        let number = try Identifiers.experimentNumber(id)
        try await write { db in
            let experiment = try await Self.requireExperiment(db, number)
            try ExperimentValidation.requireActive(experiment)
            guard try await db.raw("SELECT key FROM experiment_tags WHERE experiment_id = \(bind: number) AND key = \(bind: key)").first() != nil else {
                throw FerryError.notFound("No tag with name: \(key) in experiment with id \(number)")
            }
            try await db.raw("DELETE FROM experiment_tags WHERE experiment_id = \(bind: number) AND key = \(bind: key)").run()
        }
    }

    static func upsertExperimentTag(_ db: any SQLDatabase, experimentID: Int64, _ tag: KeyValue) async throws {
        try await upsertTag(db, table: "experiment_tags", owner: ["experiment_id": experimentID], tag)
    }

    static func requireExperiment(_ db: any SQLDatabase, _ number: Int64) async throws -> Experiment {
        guard let experiment = try await loadExperiments(db, where: "experiment_id = \(bind: number)").first else {
            throw FerryError.notFound("No Experiment with id=\(number) exists")
        }
        return experiment
    }

    /// Loads experiments matching `condition`, with their tags, in the order given by `orderBy`.
    static func loadExperiments(_ db: any SQLDatabase, where condition: SQLQueryString, orderBy: SQLQueryString = "experiment_id") async throws -> [Experiment] {
        let rows = try await db.raw(
            "SELECT experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time FROM experiments WHERE "
                + condition + " ORDER BY " + orderBy
        ).all()
        var experiments = try rows.map { row in
            Experiment(
                experimentID: String(try row.int64("experiment_id")), name: try row.string("name"),
                artifactLocation: try row.string("artifact_location"),
                lifecycleStage: LifecycleStage(rawValue: try row.string("lifecycle_stage")) ?? .active,
                creationTime: try row.int64("creation_time"), lastUpdateTime: try row.int64("last_update_time"))
        }
        guard !experiments.isEmpty else { return [] }
        let ids = experiments.map { Int64($0.experimentID)! }
        var tagsByID: [String: [KeyValue]] = [:]
        for chunk in chunked(ids, size: 500) {
            let tagRows = try await db.raw(
                "SELECT experiment_id, key, value FROM experiment_tags WHERE experiment_id IN (\(binds: Array(chunk))) ORDER BY key"
            ).all()
            for row in tagRows {
                tagsByID[String(try row.int64("experiment_id")), default: []].append(KeyValue(key: try row.string("key"), value: try row.string("value")))
            }
        }
        for index in experiments.indices {
            experiments[index].tags = tagsByID[experiments[index].experimentID] ?? []
        }
        return experiments
    }
}
