/// MLflow's rules for what is logged to a run.
public enum RunValidation {
    /// Checks batch sizes: ≤1000 metrics, ≤100 params, ≤100 tags, ≤1000 in all.
    public static func validateBatchLimits(metrics: Int, params: Int, tags: Int) throws {
        try limit("metrics", Limits.maxMetricsPerBatch, metrics)
        try limit("params", Limits.maxParamsTagsPerBatch, params)
        try limit("tags", Limits.maxParamsTagsPerBatch, tags)
        try limit("metrics, params, and tags", Limits.maxEntitiesPerBatch, metrics + params + tags)
    }

    private static func limit(_ name: String, _ limit: Int, _ count: Int) throws {
        if count > limit {
            throw FerryError.invalidParameter(
                "A batch logging request can contain at most \(limit) \(name). Got \(count) \(name). "
                    + "Please split up \(name) across multiple requests and try again.")
        }
    }

    /// Validates a metric; `path` is its place in the request (`metrics[2]`, or empty for log-metric).
    public static func validateMetric(_ metric: Metric, path: String = "") throws {
        try KeyValidation.validate(metric.key, path: Messages.joinPath(path, "name"))
        try TextValidation.rejectNUL(metric.datasetName, path: Messages.joinPath(path, "dataset_name"))
        try TextValidation.rejectNUL(metric.datasetDigest, path: Messages.joinPath(path, "dataset_digest"))
        try TextValidation.rejectNUL(metric.modelID, path: Messages.joinPath(path, "model_id"))
        if metric.timestamp < 0 {
            throw FerryError.invalidParameter(
                Messages.invalidValue(
                    Messages.joinPath(path, "timestamp"), String(metric.timestamp),
                    "metric '\(metric.key)' (value=\(metric.value)). Timestamp must be a nonnegative long (64-bit integer) "))
        }
    }

    /// Validates a param and returns it with its value truncated to 6000 characters.
    public static func validatedParam(_ param: KeyValue, path: String = "") throws -> KeyValue {
        try KeyValidation.validate(param.key, path: Messages.joinPath(path, "key"))
        try TextValidation.rejectNUL(param.value, path: Messages.joinPath(path, "value"))
        return KeyValue(key: param.key, value: ValueLimits.truncated(param.value, to: Limits.maxParamValueLength))
    }

    /// Validates a run tag and returns it with its value truncated to 8000 characters.
    public static func validatedTag(_ tag: KeyValue, path: String = "") throws -> KeyValue {
        try KeyValidation.validate(tag.key, path: Messages.joinPath(path, "key"))
        try TextValidation.rejectNUL(tag.value, path: Messages.joinPath(path, "value"))
        return KeyValue(key: tag.key, value: ValueLimits.truncated(tag.value, to: Limits.maxRunTagValueLength))
    }

    /// Params may appear once per batch.
    public static func validateUniqueParamKeys(_ params: [KeyValue]) throws {
        var seen = Set<String>()
        var duplicates: [String] = []
        for param in params where !seen.insert(param.key).inserted {
            if !duplicates.contains(param.key) { duplicates.append(param.key) }
        }
        if !duplicates.isEmpty {
            let list = "[" + duplicates.map { "'\($0)'" }.joined(separator: ", ") + "]"
            throw FerryError.invalidParameter(
                "Duplicate parameter keys have been submitted: \(list). Please ensure the request contains only one param value per param key.")
        }
    }

    /// Validates a dataset input's sizes.
    public static func validateDatasetInput(_ input: DatasetInput, path: String) throws {
        let dataset = input.dataset
        try ValueLimits.check(dataset.name, limit: Limits.maxDatasetNameLength, path: Messages.joinPath(path, "dataset.name"))
        try ValueLimits.check(dataset.digest, limit: Limits.maxDatasetDigestLength, path: Messages.joinPath(path, "dataset.digest"))
        try ValueLimits.check(dataset.source, limit: Limits.maxDatasetSourceLength, path: Messages.joinPath(path, "dataset.source"))
        try ValueLimits.check(dataset.schema, limit: Limits.maxDatasetSchemaLength, path: Messages.joinPath(path, "dataset.schema"))
        try ValueLimits.check(dataset.profile, limit: Limits.maxDatasetProfileLength, path: Messages.joinPath(path, "dataset.profile"))
        for tag in input.tags {
            try ValueLimits.check(tag.key, limit: Limits.maxInputTagKeyLength, path: Messages.joinPath(path, "tags.key"))
            try ValueLimits.check(tag.value, limit: Limits.maxInputTagValueLength, path: Messages.joinPath(path, "tags.value"))
        }
    }

    /// Writes need an active run.
    public static func requireActive(_ info: RunInfo) throws {
        guard info.lifecycleStage == .active else {
            throw FerryError.invalidParameter(
                "The run \(info.runID) must be in the 'active' state. Current state is \(info.lifecycleStage.rawValue).")
        }
    }

    /// The tag that holds a run's name.
    public static let runNameTag = "mlflow.runName"
}

/// Rules for any text that is stored.
public enum TextValidation {
    /// Neither SQLite (through its C API) nor PostgreSQL (`text`) can store a NUL character:
    /// refuse it rather than store a truncated value.
    public static func rejectNUL(_ value: String?, path: String) throws {
        if let value, value.utf8.contains(0) {
            throw FerryError.invalidParameter(Messages.invalidValue(path, value, "NUL characters cannot be stored."))
        }
    }
}
