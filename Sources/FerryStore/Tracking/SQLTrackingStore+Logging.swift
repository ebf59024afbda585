import FerryCore
import Foundation
import SQLKit

extension SQLTrackingStore {
    public func logBatch(runID: String, metrics: [Metric], params: [KeyValue], tags: [KeyValue]) async throws {
        try RunValidation.validateBatchLimits(metrics: metrics.count, params: params.count, tags: tags.count)
        var validKeys = Set<String>()
        for (index, metric) in metrics.enumerated() {
            if metric.timestamp >= 0 && validKeys.contains(metric.key) { continue }
            try RunValidation.validateMetric(metric, path: "metrics[\(index)]")
            validKeys.insert(metric.key)
        }
        let params = try params.enumerated().map { try RunValidation.validatedParam($1, path: "params[\($0)]") }
        let tags = try tags.enumerated().map { try RunValidation.validatedTag($1, path: "tags[\($0)]") }
        try RunValidation.validateUniqueParamKeys(params)
        let metricRows = MetricRows(runID: runID, metrics)
        try await write { db in
            let info = try await Self.requireRunInfo(db, runID)
            try RunValidation.requireActive(info)
            try await Self.insertParams(db, runID: runID, params)
            try await Self.insertMetrics(db, metricRows)
            try await Self.upsertTags(db, runID: runID, tags)
        }
    }

    public func deleteTag(runID: String, key: String) async throws {
        try await write { db in
            let info = try await Self.requireRunInfo(db, runID)
            try RunValidation.requireActive(info)
            guard try await db.raw("SELECT key FROM tags WHERE run_uuid = \(bind: runID) AND key = \(bind: key)").first() != nil else {
                throw FerryError.notFound("No tag with name: \(key) in run with id \(runID)")
            }
            try await db.raw("DELETE FROM tags WHERE run_uuid = \(bind: runID) AND key = \(bind: key)").run()
        }
    }

    public func logInputs(runID: String, datasets: [DatasetInput], modelIDs: [String]) async throws {
        for (index, input) in datasets.enumerated() { try RunValidation.validateDatasetInput(input, path: "datasets[\(index)]") }
        try await write { db in
            let info = try await Self.requireRunInfo(db, runID)
            try RunValidation.requireActive(info)
            let experimentNumber = Int64(info.experimentID)!
            var position = try await db.raw("SELECT COUNT(*) AS n FROM run_dataset_inputs WHERE run_uuid = \(bind: runID)").first()?.int64("n") ?? 0
            for input in datasets {
                let dataset = input.dataset
                let datasetID: String
                if let row = try await db.raw(
                    "SELECT dataset_uuid FROM datasets WHERE experiment_id = \(bind: experimentNumber) AND name = \(bind: dataset.name) AND digest = \(bind: dataset.digest)"
                ).first() {
                    datasetID = try row.string("dataset_uuid")
                } else {
                    datasetID = Identifiers.newRunID()
                    try await db.raw(
                        """
                        INSERT INTO datasets (dataset_uuid, experiment_id, name, digest, source_type, source, schema, profile)
                        VALUES (\(bind: datasetID), \(bind: experimentNumber), \(bind: dataset.name), \(bind: dataset.digest),
                                \(bind: dataset.sourceType), \(bind: dataset.source), \(bind: dataset.schema), \(bind: dataset.profile))
                        """
                    ).run()
                }
                let inserted = try await db.raw(
                    """
                    INSERT INTO run_dataset_inputs (run_uuid, dataset_uuid, position) VALUES (\(bind: runID), \(bind: datasetID), \(bind: position))
                    ON CONFLICT (run_uuid, dataset_uuid) DO NOTHING RETURNING dataset_uuid
                    """
                ).first()
                // Like MLflow, a dataset already linked to the run keeps its first tags.
                guard inserted != nil else { continue }
                position += 1
                for tag in input.tags {
                    try await db.raw(
                        """
                        INSERT INTO run_dataset_input_tags (run_uuid, dataset_uuid, key, value) VALUES (\(bind: runID), \(bind: datasetID), \(bind: tag.key), \(bind: tag.value))
                        ON CONFLICT (run_uuid, dataset_uuid, key) DO UPDATE SET value = excluded.value
                        """
                    ).run()
                }
            }
            for modelID in modelIDs {
                try await db.raw(
                    "INSERT INTO run_model_inputs (run_uuid, model_id) VALUES (\(bind: runID), \(bind: modelID)) ON CONFLICT (run_uuid, model_id) DO NOTHING"
                ).run()
            }
        }
    }

    public func logOutputs(runID: String, models: [ModelOutput]) async throws {
        try await write { db in
            let info = try await Self.requireRunInfo(db, runID)
            try RunValidation.requireActive(info)
            for model in models {
                try await db.raw(
                    """
                    INSERT INTO run_model_outputs (run_uuid, model_id, step) VALUES (\(bind: runID), \(bind: model.modelID), \(bind: model.step))
                    ON CONFLICT (run_uuid, model_id) DO UPDATE SET step = excluded.step
                    """
                ).run()
            }
        }
    }

    public func metricHistory(runID: String, key: String, maxResults: Int?, pageToken: String?) async throws -> Page<Metric> {
        if let maxResults, maxResults <= 0 {
            throw FerryError.invalidParameter("Invalid value \(maxResults) for parameter 'max_results' supplied. It must be a positive integer.")
        }
        let offset = try PageToken(parsing: pageToken).offset
        return try await read { db in
            _ = try await Self.requireRunInfo(db, runID)
            var query: SQLQueryString =
                "SELECT key, value, is_nan, timestamp, step, dataset_name, dataset_digest, model_id FROM metrics WHERE run_uuid = \(bind: runID) AND key = \(bind: key) ORDER BY timestamp, step, is_nan, value"
            if let maxResults { query += " " + SearchSQL.page(limit: maxResults, offset: offset) }
            let metrics = try await db.raw(query).all().map(Self.metric(from:))
            guard let maxResults else { return Page(items: metrics, nextPageToken: nil) }
            return Page(overfetched: metrics, limit: maxResults, offset: offset)
        }
    }

    static func insertParams(_ db: any SQLDatabase, runID: String, _ params: [KeyValue]) async throws {
        guard !params.isEmpty else { return }
        let keys = params.map(\.key)
        var existing: [String: String] = [:]
        for row in try await db.raw("SELECT key, value FROM params WHERE run_uuid = \(bind: runID) AND key IN (\(binds: keys))").all() {
            existing[try row.string("key")] = try row.string("value")
        }
        try throwIfChanged(params, existing: existing, runID: runID)
        let fresh = params.filter { existing[$0.key] == nil }
        guard !fresh.isEmpty else { return }
        let rows: [SQLQueryString] = fresh.map { "(\(bind: runID), \(bind: $0.key), \(bind: $0.value))" }
        let inserted = try await db.raw(
            "INSERT INTO params (run_uuid, key, value) VALUES " + rows.joined(", ") + " ON CONFLICT (run_uuid, key) DO NOTHING RETURNING key"
        ).all().map { try $0.string("key") }
        // A concurrent writer (another server on the same database) may have logged some keys first:
        // those must hold the same value, or this batch fails like any other change.
        let raced = fresh.filter { !inserted.contains($0.key) }
        guard !raced.isEmpty else { return }
        var current: [String: String] = [:]
        for row in try await db.raw("SELECT key, value FROM params WHERE run_uuid = \(bind: runID) AND key IN (\(binds: raced.map(\.key)))").all() {
            current[try row.string("key")] = try row.string("value")
        }
        try throwIfChanged(raced, existing: current, runID: runID)
    }

    private static func throwIfChanged(_ params: [KeyValue], existing: [String: String], runID: String) throws {
        let changed = params.filter { existing[$0.key] != nil && existing[$0.key] != $0.value }
        guard !changed.isEmpty else { return }
        let described = changed.map { "{'key': '\($0.key)', 'old_value': '\(existing[$0.key]!)', 'new_value': '\($0.value)'}" }
        throw FerryError.invalidParameter(
            "Changing param values is not allowed. Params were already logged='[\(described.joined(separator: ", "))]' for run ID='\(runID)'.")
    }

    /// Appends metric points (exact duplicates are ignored, so replays are harmless) and
    /// moves each key's latest value forward.
    static func insertMetrics(_ db: any SQLDatabase, _ rows: MetricRows) async throws {
        guard !rows.isEmpty else { return }
        let columns = "run_uuid, key, value, is_nan, timestamp, step, dataset_name, dataset_digest, model_id"
        let dialect = db.dialect.name
        for chunk in rows.history {
            try await db.raw("INSERT INTO metrics (\(unsafeRaw: columns)) " + chunk.source(dialect: dialect) + " ON CONFLICT DO NOTHING").run()
        }
        try await db.raw(
            """
            INSERT INTO latest_metrics (\(unsafeRaw: columns)) \(rows.latest.source(dialect: dialect))
            ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value, is_nan = excluded.is_nan,
                timestamp = excluded.timestamp, step = excluded.step, dataset_name = excluded.dataset_name,
                dataset_digest = excluded.dataset_digest, model_id = excluded.model_id
            WHERE excluded.step > latest_metrics.step
                OR (excluded.step = latest_metrics.step AND excluded.timestamp > latest_metrics.timestamp)
                OR (excluded.step = latest_metrics.step AND excluded.timestamp = latest_metrics.timestamp
                    AND (excluded.is_nan > latest_metrics.is_nan
                         OR (excluded.is_nan = latest_metrics.is_nan AND excluded.value > latest_metrics.value)))
            """
        ).run()
        for chunk in rows.models {
            try await db.raw(
                "INSERT INTO logged_model_metrics (model_id, key, value, is_nan, timestamp, step, run_uuid, dataset_name, dataset_digest) "
                    + chunk.source(dialect: dialect) + " ON CONFLICT DO NOTHING"
            ).run()
        }
    }

    /// NaN is stored as 0 with a flag, since SQLite turns NaN into NULL.
    static func storedValue(_ value: Double) -> (Double, Int) {
        value.isNaN ? (0, 1) : (value, 0)
    }
}
