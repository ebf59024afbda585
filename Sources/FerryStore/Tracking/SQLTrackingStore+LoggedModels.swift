import FerryCore
import SQLKit

extension SQLTrackingStore: LoggedModelStore {
    public func createLoggedModel(_ model: NewLoggedModel) async throws -> LoggedModel {
        let experimentNumber = try Identifiers.experimentNumber(model.experimentID)
        if model.params.count > Limits.maxLoggedModelParams {
            throw FerryError.invalidParameter("A logged model can be created with at most \(Limits.maxLoggedModelParams) params; log the rest with logged-models/{id}/params.")
        }
        let params = try model.params.enumerated().map { try RunValidation.validatedParam($1, path: "params[\($0)]") }
        let tags = try model.tags.enumerated().map { try RunValidation.validatedTag($1, path: "tags[\($0)]") }
        let modelID = Identifiers.newLoggedModelID()
        let name = model.name.flatMap { $0.isEmpty ? nil : $0 } ?? RunNames.random()
        let now = Timestamps.nowMillis()
        try await write { db in
            let experiment = try await Self.requireExperiment(db, experimentNumber)
            try ExperimentValidation.requireActive(experiment)
            if let runID = model.sourceRunID, !runID.isEmpty {
                _ = try await Self.requireRunInfo(db, runID)
            }
            let location = "\(experiment.artifactLocation)/models/\(modelID)/artifacts"
            try await db.raw(
                """
                INSERT INTO logged_models (model_id, experiment_id, name, artifact_location, creation_timestamp, last_updated_timestamp,
                    status, status_message, model_type, source_run_id, lifecycle_stage)
                VALUES (\(bind: modelID), \(bind: experimentNumber), \(bind: name), \(bind: location), \(bind: now), \(bind: now),
                    \(bind: LoggedModelStatus.pending.rawValue), NULL, \(bind: model.modelType), \(bind: model.sourceRunID), 'active')
                """
            ).run()
            try await Self.upsertModelRows(db, table: "logged_model_params", modelID: modelID, params, overwrite: false)
            try await Self.upsertModelRows(db, table: "logged_model_tags", modelID: modelID, tags, overwrite: true)
        }
        return try await loggedModel(id: modelID)
    }

    public func loggedModel(id: String) async throws -> LoggedModel {
        try await read { db in
            guard let model = try await Self.loadLoggedModels(db, where: "model_id = \(bind: id)").first else {
                throw FerryError.notFound("Logged model with ID '\(id)' not found.")
            }
            return model
        }
    }

    public func finalizeLoggedModel(id: String, status: LoggedModelStatus) async throws -> LoggedModel {
        try await write { db in
            try await Self.requireLoggedModel(db, id)
            try await db.raw(
                "UPDATE logged_models SET status = \(bind: status.rawValue), last_updated_timestamp = \(bind: Timestamps.nowMillis()) WHERE model_id = \(bind: id)"
            ).run()
        }
        return try await loggedModel(id: id)
    }

    public func setLoggedModelTags(id: String, _ tags: [KeyValue]) async throws {
        let tags = try tags.enumerated().map { try RunValidation.validatedTag($1, path: "tags[\($0)]") }
        try await write { db in
            try await Self.requireLoggedModel(db, id)
            try await Self.upsertModelRows(db, table: "logged_model_tags", modelID: id, tags, overwrite: true)
        }
    }

    public func deleteLoggedModelTag(id: String, key: String) async throws {
        try await write { db in
            try await Self.requireLoggedModel(db, id)
            guard try await db.raw("SELECT key FROM logged_model_tags WHERE model_id = \(bind: id) AND key = \(bind: key)").first() != nil else {
                throw FerryError.notFound("No tag with key '\(key)' found for model with ID '\(id)'.")
            }
            try await db.raw("DELETE FROM logged_model_tags WHERE model_id = \(bind: id) AND key = \(bind: key)").run()
        }
    }

    public func logLoggedModelParams(id: String, _ params: [KeyValue]) async throws {
        let params = try params.enumerated().map { try RunValidation.validatedParam($1, path: "params[\($0)]") }
        try await write { db in
            try await Self.requireLoggedModel(db, id)
            try await Self.upsertModelRows(db, table: "logged_model_params", modelID: id, params, overwrite: false)
        }
    }

    public func deleteLoggedModel(id: String) async throws {
        try await write { db in
            try await Self.requireLoggedModel(db, id)
            try await db.raw("UPDATE logged_models SET lifecycle_stage = 'deleted' WHERE model_id = \(bind: id)").run()
        }
    }

    public func searchLoggedModels(_ query: LoggedModelQuery) async throws -> Page<LoggedModel> {
        guard query.maxResults > 0 else {
            throw FerryError.invalidParameter("Invalid value \(query.maxResults) for parameter 'max_results' supplied.")
        }
        let clauses = try SearchFilterParser.parse(query.filter, for: .loggedModels)
        let offset = try PageToken(parsing: query.pageToken).offset
        let experimentNumbers = try query.experimentIDs.map(Identifiers.experimentNumber)
        var conditions: [SQLQueryString] = ["lifecycle_stage = 'active'"]
        if !experimentNumbers.isEmpty { conditions.append("experiment_id IN (\(binds: experimentNumbers))") }
        for clause in clauses { conditions.append(try Self.loggedModelCondition(clause)) }
        var orderTerms: [SQLQueryString] = try query.orderBy.map { order in
            let clause = try OrderByParser.parse(field: order.fieldName, ascending: order.ascending, for: .loggedModels)
            return SearchSQL.orderTerm(Self.loggedModelOrderExpression(clause), ascending: clause.ascending)
        }
        if orderTerms.isEmpty { orderTerms.append("creation_timestamp DESC") }
        orderTerms.append("model_id ASC")
        let condition = conditions.joined(" AND ")
        let order = orderTerms.joined(", ") + " " + SearchSQL.page(limit: query.maxResults, offset: offset)
        let maxResults = query.maxResults
        return try await read { db in
            Page(overfetched: try await Self.loadLoggedModels(db, where: condition, orderBy: order), limit: maxResults, offset: offset)
        }
    }

    static func loggedModelColumn(_ key: String) -> (column: String, numeric: Bool)? {
        switch key {
        case "name": ("name", false)
        case "model_id": ("model_id", false)
        case "model_type": ("model_type", false)
        case "status": ("status", false)
        case "source_run_id": ("source_run_id", false)
        case "creation_timestamp", "creation_time", "creation_timestamp_ms": ("creation_timestamp", true)
        case "last_updated_timestamp", "last_updated_timestamp_ms": ("last_updated_timestamp", true)
        default: nil
        }
    }

    /// What a logged-model search sorts by: an attribute column, or a metric's latest value on the model.
    static func loggedModelOrderExpression(_ clause: OrderByClause) -> SQLQueryString {
        if clause.entity == .metric {
            return """
                SELECT m.value FROM logged_model_metrics m WHERE m.model_id = logged_models.model_id AND m.key = \(bind: clause.key)
                AND m.is_nan = 0 ORDER BY m.step DESC, m.timestamp DESC LIMIT 1
                """
        }
        return "\(unsafeRaw: loggedModelColumn(clause.key)?.column ?? "creation_timestamp")"
    }

    static func loggedModelCondition(_ clause: SearchClause) throws -> SQLQueryString {
        switch clause.entity {
        case .attribute:
            guard let (column, numeric) = loggedModelColumn(clause.key) else {
                throw FerryError.invalidParameter("Invalid attribute key '\(clause.key)' specified.")
            }
            return numeric
                ? try SearchSQL.numberCondition("logged_models.\(column)", clause.op, clause.value, integer: true)
                : try SearchSQL.textCondition("logged_models.\(column)", clause.op, clause.value)
        case .metric:
            return "EXISTS (SELECT 1 FROM logged_model_metrics m WHERE m.model_id = logged_models.model_id AND m.key = \(bind: clause.key) AND m.is_nan = 0 AND "
                + (try SearchSQL.numberCondition("m.value", clause.op, clause.value, integer: false)) + ")"
        case .param, .tag:
            let table = clause.entity == .param ? "logged_model_params" : "logged_model_tags"
            return "EXISTS (SELECT 1 FROM \(unsafeRaw: table) p WHERE p.model_id = logged_models.model_id AND p.key = \(bind: clause.key) AND "
                + (try SearchSQL.textCondition("p.value", clause.op, clause.value)) + ")"
        case .dataset:
            throw FerryError.invalidParameter("Dataset filters are not supported for logged models.")
        }
    }

    static func requireLoggedModel(_ db: any SQLDatabase, _ id: String) async throws {
        guard try await db.raw("SELECT model_id FROM logged_models WHERE model_id = \(bind: id)").first() != nil else {
            throw FerryError.notFound("Logged model with ID '\(id)' not found.")
        }
    }

    static func upsertModelRows(_ db: any SQLDatabase, table: String, modelID: String, _ rows: [KeyValue], overwrite: Bool) async throws {
        guard !rows.isEmpty else { return }
        var latest: [String: String] = [:]
        for row in rows { latest[row.key] = row.value }
        let values: [SQLQueryString] = latest.keys.sorted().map { "(\(bind: modelID), \(bind: $0), \(bind: latest[$0]!))" }
        let conflict = overwrite ? "DO UPDATE SET value = excluded.value" : "DO NOTHING"
        try await db.raw(
            "INSERT INTO \(unsafeRaw: table) (model_id, key, value) VALUES " + values.joined(", ")
                + " ON CONFLICT (model_id, key) \(unsafeRaw: conflict)"
        ).run()
    }

    static func loadLoggedModels(_ db: any SQLDatabase, where condition: SQLQueryString, orderBy: SQLQueryString = "model_id") async throws -> [LoggedModel] {
        let rows = try await db.raw(
            """
            SELECT model_id, experiment_id, name, artifact_location, creation_timestamp, last_updated_timestamp, status,
                status_message, model_type, source_run_id, lifecycle_stage FROM logged_models WHERE
            """ + " " + condition + " ORDER BY " + orderBy
        ).all()
        var models = try rows.map { row in
            LoggedModel(
                modelID: try row.string("model_id"), experimentID: String(try row.int64("experiment_id")), name: try row.string("name"),
                artifactLocation: try row.string("artifact_location"), creationTimestamp: try row.int64("creation_timestamp"),
                lastUpdatedTimestamp: try row.int64("last_updated_timestamp"),
                status: LoggedModelStatus(rawValue: try row.string("status")) ?? .unspecified,
                statusMessage: try row.optionalString("status_message"), modelType: try row.optionalString("model_type"),
                sourceRunID: try row.optionalString("source_run_id"),
                lifecycleStage: LifecycleStage(rawValue: try row.string("lifecycle_stage")) ?? .active)
        }
        guard !models.isEmpty else { return [] }
        var index: [String: Int] = [:]
        for (position, model) in models.enumerated() { index[model.modelID] = position }
        for chunk in chunked(models.map(\.modelID), size: 500) {
            let ids = Array(chunk)
            for row in try await db.raw("SELECT model_id, key, value FROM logged_model_tags WHERE model_id IN (\(binds: ids)) ORDER BY key").all() {
                models[index[try row.string("model_id")]!].tags.append(KeyValue(key: try row.string("key"), value: try row.string("value")))
            }
            for row in try await db.raw("SELECT model_id, key, value FROM logged_model_params WHERE model_id IN (\(binds: ids)) ORDER BY key").all() {
                models[index[try row.string("model_id")]!].params.append(KeyValue(key: try row.string("key"), value: try row.string("value")))
            }
            for row in try await db.raw(
                "SELECT model_id, key, value, is_nan, timestamp, step, run_uuid, dataset_name, dataset_digest FROM logged_model_metrics WHERE model_id IN (\(binds: ids)) ORDER BY key, timestamp, step"
            ).all() {
                let isNaN = try row.flag("is_nan")
                let metric = Metric(
                    key: try row.string("key"), value: isNaN ? .nan : try row.double("value"), timestamp: try row.int64("timestamp"),
                    step: try row.int64("step"), datasetName: try row.optionalString("dataset_name"),
                    datasetDigest: try row.optionalString("dataset_digest"), modelID: try row.string("model_id"), runID: try row.string("run_uuid"))
                models[index[try row.string("model_id")]!].metrics.append(metric)
            }
        }
        return models
    }
}
