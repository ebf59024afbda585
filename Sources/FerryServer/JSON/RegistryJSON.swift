import FerryCore

/// Registry values as MLflow's JSON spells them.
enum RegistryJSON {
    static func modelVersion(_ version: ModelVersion) -> JSONOutput {
        .fields([
            ("name", .string(version.name)),
            ("version", .string(String(version.version))),
            ("creation_timestamp", .int(version.creationTimestamp)),
            ("last_updated_timestamp", .int(version.lastUpdatedTimestamp)),
            ("user_id", version.userID.map(JSONOutput.string)),
            ("current_stage", .string(version.currentStage.rawValue)),
            ("description", version.description.map(JSONOutput.string)),
            ("source", .string(version.source)),
            ("run_id", version.runID.map(JSONOutput.string)),
            ("status", .string(version.status.rawValue)),
            ("status_message", version.statusMessage.map(JSONOutput.string)),
            ("tags", DomainJSON.keyValues(version.tags)),
            ("run_link", version.runLink.map(JSONOutput.string)),
            ("aliases", .array(version.aliases.map(JSONOutput.string))),
            ("model_id", version.modelID.map(JSONOutput.string)),
        ])
    }

    static func registeredModel(_ model: RegisteredModel) -> JSONOutput {
        .fields([
            ("name", .string(model.name)),
            ("creation_timestamp", .int(model.creationTimestamp)),
            ("last_updated_timestamp", .int(model.lastUpdatedTimestamp)),
            ("user_id", model.userID.map(JSONOutput.string)),
            ("description", model.description.map(JSONOutput.string)),
            ("latest_versions", .array(model.latestVersions.map(modelVersion))),
            ("tags", DomainJSON.keyValues(model.tags)),
            ("aliases", .array(model.aliases.map { .object([("alias", .string($0.alias)), ("version", .string(String($0.version)))]) })),
        ])
    }
}
