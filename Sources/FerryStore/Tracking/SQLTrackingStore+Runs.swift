import FerryCore
import SQLKit

extension SQLTrackingStore: RunStore {
    public func createRun(_ newRun: NewRun) async throws -> Run {
        let experimentNumber = try Identifiers.experimentNumber(newRun.experimentID)
        let tags = try newRun.tags.enumerated().map { try RunValidation.validatedTag($1, path: "tags[\($0)]") }
        let runID = Identifiers.newRunID()
        let taggedName = tags.last(where: { $0.key == RunValidation.runNameTag })?.value
        let runName = newRun.runName.flatMap { $0.isEmpty ? nil : $0 } ?? taggedName ?? RunNames.random()
        if let taggedName, let given = newRun.runName, !given.isEmpty, taggedName != given {
            throw FerryError.invalidParameter(
                "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='\(given)', mlflow.runName='\(taggedName)').")
        }
        let startTime = newRun.startTime ?? Timestamps.nowMillis()
        let userID = newRun.userID
        let info = try await write { db in
            let experiment = try await Self.requireExperiment(db, experimentNumber)
            try ExperimentValidation.requireActive(experiment)
            let artifactURI = "\(experiment.artifactLocation)/\(runID)/artifacts"
            try await db.raw(
                """
                INSERT INTO runs (run_uuid, name, experiment_id, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri)
                VALUES (\(bind: runID), \(bind: runName), \(bind: experimentNumber), \(bind: userID), 'RUNNING', \(bind: startTime), NULL, 'active', \(bind: artifactURI))
                """
            ).run()
            var allTags = tags.filter { $0.key != RunValidation.runNameTag }
            allTags.append(KeyValue(key: RunValidation.runNameTag, value: runName))
            try await Self.upsertTags(db, runID: runID, allTags)
            return RunInfo(
                runID: runID, runName: runName, experimentID: String(experimentNumber), userID: userID, status: .running,
                startTime: startTime, endTime: nil, artifactURI: artifactURI, lifecycleStage: .active)
        }
        return try await run(id: info.runID)
    }

    public func run(id: String) async throws -> Run {
        try await read { db in
            let info = try await Self.requireRunInfo(db, id)
            return try await Self.loadRunData(db, infos: [info]).first!
        }
    }

    public func updateRun(id: String, _ update: RunUpdate) async throws -> RunInfo {
        try await write { db in
            var info = try await Self.requireRunInfo(db, id)
            try RunValidation.requireActive(info)
            if let status = update.status { info.status = status }
            if let endTime = update.endTime { info.endTime = endTime }
            if let name = update.runName, !name.isEmpty {
                info.runName = name
                try await Self.upsertTags(db, runID: id, [KeyValue(key: RunValidation.runNameTag, value: name)])
            }
            try await db.raw(
                "UPDATE runs SET status = \(bind: info.status.rawValue), end_time = \(bind: info.endTime), name = \(bind: info.runName) WHERE run_uuid = \(bind: id)"
            ).run()
            return info
        }
    }

    public func deleteRun(id: String) async throws {
        try await write { db in
            _ = try await Self.requireRunInfo(db, id)
            try await db.raw(
                "UPDATE runs SET lifecycle_stage = 'deleted', deleted_time = \(bind: Timestamps.nowMillis()) WHERE run_uuid = \(bind: id)"
            ).run()
        }
    }

    public func restoreRun(id: String) async throws {
        try await write { db in
            _ = try await Self.requireRunInfo(db, id)
            try await db.raw("UPDATE runs SET lifecycle_stage = 'active', deleted_time = NULL WHERE run_uuid = \(bind: id)").run()
        }
    }

    static let runColumns = "run_uuid, name, experiment_id, user_id, status, start_time, end_time, artifact_uri, lifecycle_stage"
    static let qualifiedRunColumns =
        "runs.run_uuid, runs.name, runs.experiment_id, runs.user_id, runs.status, runs.start_time, runs.end_time, runs.artifact_uri, runs.lifecycle_stage"

    static func runInfo(from row: any SQLRow) throws -> RunInfo {
        RunInfo(
            runID: try row.string("run_uuid"), runName: try row.string("name"),
            experimentID: String(try row.int64("experiment_id")), userID: try row.string("user_id"),
            status: RunStatus(rawValue: try row.string("status")) ?? .running, startTime: try row.int64("start_time"),
            endTime: try row.optionalInt64("end_time"), artifactURI: try row.string("artifact_uri"),
            lifecycleStage: LifecycleStage(rawValue: try row.string("lifecycle_stage")) ?? .active)
    }

    static func requireRunInfo(_ db: any SQLDatabase, _ id: String) async throws -> RunInfo {
        guard let row = try await db.raw("SELECT \(unsafeRaw: runColumns) FROM runs WHERE run_uuid = \(bind: id)").first() else {
            throw FerryError.notFound("Run with id=\(id) not found")
        }
        return try runInfo(from: row)
    }

    static func upsertTags(_ db: any SQLDatabase, runID: String, _ tags: [KeyValue]) async throws {
        guard !tags.isEmpty else { return }
        var latest: [String: String] = [:]
        var order: [String] = []
        for tag in tags {
            if latest.updateValue(tag.value, forKey: tag.key) == nil { order.append(tag.key) }
        }
        let rows: [SQLQueryString] = order.map { "(\(bind: runID), \(bind: $0), \(bind: latest[$0]!))" }
        try await db.raw(
            "INSERT INTO tags (run_uuid, key, value) VALUES " + rows.joined(", ")
                + " ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value"
        ).run()
        if let name = latest[RunValidation.runNameTag] {
            try await db.raw("UPDATE runs SET name = \(bind: name) WHERE run_uuid = \(bind: runID)").run()
        }
    }

    /// Loads metrics, params, tags, inputs and outputs for `infos`, keeping their order.
    static func loadRunData(_ db: any SQLDatabase, infos: [RunInfo]) async throws -> [Run] {
        guard !infos.isEmpty else { return [] }
        var runs: [String: Run] = [:]
        for info in infos { runs[info.runID] = Run(info: info) }
        for chunk in chunked(infos.map(\.runID), size: 500) {
            let ids = Array(chunk)
            for row in try await db.raw(
                "SELECT run_uuid, key, value, is_nan, timestamp, step, dataset_name, dataset_digest, model_id FROM latest_metrics WHERE run_uuid IN (\(binds: ids)) ORDER BY key"
            ).all() {
                let metric = try metric(from: row)
                runs[try row.string("run_uuid")]?.metrics.append(metric)
            }
            for row in try await db.raw("SELECT run_uuid, key, value FROM params WHERE run_uuid IN (\(binds: ids)) ORDER BY key").all() {
                runs[try row.string("run_uuid")]?.params.append(KeyValue(key: try row.string("key"), value: try row.string("value")))
            }
            for row in try await db.raw("SELECT run_uuid, key, value FROM tags WHERE run_uuid IN (\(binds: ids)) ORDER BY key").all() {
                runs[try row.string("run_uuid")]?.tags.append(KeyValue(key: try row.string("key"), value: try row.string("value")))
            }
            try await loadInputs(db, ids: ids, into: &runs)
        }
        return infos.compactMap { runs[$0.runID] }
    }

    private static func loadInputs(_ db: any SQLDatabase, ids: [String], into runs: inout [String: Run]) async throws {
        var inputTags: [String: [KeyValue]] = [:]
        for row in try await db.raw(
            "SELECT run_uuid, dataset_uuid, key, value FROM run_dataset_input_tags WHERE run_uuid IN (\(binds: ids)) ORDER BY key"
        ).all() {
            let key = try row.string("run_uuid") + "/" + row.string("dataset_uuid")
            inputTags[key, default: []].append(KeyValue(key: try row.string("key"), value: try row.string("value")))
        }
        for row in try await db.raw(
            """
            SELECT i.run_uuid, i.dataset_uuid, d.name, d.digest, d.source_type, d.source, d.schema, d.profile
            FROM run_dataset_inputs i JOIN datasets d ON d.dataset_uuid = i.dataset_uuid
            WHERE i.run_uuid IN (\(binds: ids)) ORDER BY i.position
            """
        ).all() {
            let runID = try row.string("run_uuid")
            let dataset = Dataset(
                name: try row.string("name"), digest: try row.string("digest"), sourceType: try row.string("source_type"),
                source: try row.string("source"), schema: try row.optionalString("schema"), profile: try row.optionalString("profile"))
            let tags = inputTags[runID + "/" + (try row.string("dataset_uuid"))] ?? []
            runs[runID]?.datasetInputs.append(DatasetInput(dataset: dataset, tags: tags))
        }
        for row in try await db.raw("SELECT run_uuid, model_id FROM run_model_inputs WHERE run_uuid IN (\(binds: ids)) ORDER BY model_id").all() {
            runs[try row.string("run_uuid")]?.modelInputs.append(try row.string("model_id"))
        }
        for row in try await db.raw("SELECT run_uuid, model_id, step FROM run_model_outputs WHERE run_uuid IN (\(binds: ids)) ORDER BY step, model_id").all() {
            runs[try row.string("run_uuid")]?.modelOutputs.append(ModelOutput(modelID: try row.string("model_id"), step: try row.int64("step")))
        }
    }

    static func metric(from row: any SQLRow) throws -> Metric {
        let isNaN = try row.flag("is_nan")
        return Metric(
            key: try row.string("key"), value: isNaN ? .nan : try row.double("value"), timestamp: try row.int64("timestamp"),
            step: try row.int64("step"), datasetName: try row.optionalString("dataset_name"),
            datasetDigest: try row.optionalString("dataset_digest"), modelID: try row.optionalString("model_id"))
    }
}
