import FerryCore

/// Domain values as MLflow's JSON spells them (snake_case proto names, unset fields omitted).
enum DomainJSON {
    static func keyValues(_ items: [KeyValue]) -> JSONOutput {
        .array(items.map { .object([("key", .string($0.key)), ("value", .string($0.value))]) })
    }

    static func experiment(_ experiment: Experiment) -> JSONOutput {
        .fields([
            ("experiment_id", .string(experiment.experimentID)),
            ("name", .string(experiment.name)),
            ("artifact_location", .string(experiment.artifactLocation)),
            ("lifecycle_stage", .string(experiment.lifecycleStage.rawValue)),
            ("last_update_time", .int(experiment.lastUpdateTime)),
            ("creation_time", .int(experiment.creationTime)),
            ("tags", keyValues(experiment.tags)),
            ("workspace", .string("default")),
        ])
    }

    static func runInfo(_ info: RunInfo) -> JSONOutput {
        .fields([
            ("run_id", .string(info.runID)),
            ("run_uuid", .string(info.runID)),
            ("run_name", .string(info.runName)),
            ("experiment_id", .string(info.experimentID)),
            ("user_id", .string(info.userID)),
            ("status", .string(info.status.rawValue)),
            ("start_time", .int(info.startTime)),
            ("end_time", info.endTime.map(JSONOutput.int)),
            ("artifact_uri", .string(info.artifactURI)),
            ("lifecycle_stage", .string(info.lifecycleStage.rawValue)),
        ])
    }

    static func metric(_ metric: Metric) -> JSONOutput {
        .fields([
            ("key", .string(metric.key)),
            ("value", .double(metric.value)),
            ("timestamp", .int(metric.timestamp)),
            ("step", .int(metric.step)),
            ("dataset_name", metric.datasetName.flatMap { $0.isEmpty ? nil : .string($0) }),
            ("dataset_digest", metric.datasetDigest.flatMap { $0.isEmpty ? nil : .string($0) }),
            ("model_id", metric.modelID.flatMap { $0.isEmpty ? nil : .string($0) }),
            ("run_id", metric.runID.map(JSONOutput.string)),
        ])
    }

    static func dataset(_ dataset: Dataset) -> JSONOutput {
        .fields([
            ("name", .string(dataset.name)),
            ("digest", .string(dataset.digest)),
            ("source_type", .string(dataset.sourceType)),
            ("source", .string(dataset.source)),
            ("schema", dataset.schema.map(JSONOutput.string)),
            ("profile", dataset.profile.map(JSONOutput.string)),
        ])
    }

    static func run(_ run: Run) -> JSONOutput {
        let inputs = JSONOutput.fields([
            ("dataset_inputs", .array(run.datasetInputs.map { input in
                .fields([("tags", keyValues(input.tags)), ("dataset", dataset(input.dataset))])
            })),
            ("model_inputs", .array(run.modelInputs.map { .object([("model_id", .string($0))]) })),
        ])
        let outputs = JSONOutput.fields([
            ("model_outputs", .array(run.modelOutputs.map { .object([("model_id", .string($0.modelID)), ("step", .int($0.step))]) }))
        ])
        return .fields([
            ("info", runInfo(run.info)),
            ("data", .fields([
                ("metrics", .array(run.metrics.map(metric))),
                ("params", keyValues(run.params)),
                ("tags", keyValues(run.tags)),
            ])),
            ("inputs", inputs),
            ("outputs", outputs),
        ])
    }

    static func loggedModel(_ model: LoggedModel) -> JSONOutput {
        .fields([
            ("info", .fields([
                ("model_id", .string(model.modelID)),
                ("experiment_id", .string(model.experimentID)),
                ("name", .string(model.name)),
                ("creation_timestamp_ms", .int(model.creationTimestamp)),
                ("last_updated_timestamp_ms", .int(model.lastUpdatedTimestamp)),
                ("artifact_uri", .string(model.artifactLocation)),
                ("status", .string(model.status.rawValue)),
                ("status_message", model.statusMessage.map(JSONOutput.string)),
                ("model_type", model.modelType.map(JSONOutput.string)),
                ("source_run_id", model.sourceRunID.flatMap { $0.isEmpty ? nil : .string($0) }),
                ("tags", keyValues(model.tags)),
            ])),
            ("data", .fields([
                ("params", keyValues(model.params)),
                ("metrics", .array(model.metrics.map(metric))),
            ])),
        ])
    }
}
