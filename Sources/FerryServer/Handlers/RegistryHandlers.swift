import FerryBlobs
import FerryCore
import FerryStore
import HTTPTypes

/// The MLflow model-registry REST handlers (registered models, versions, stages, aliases).
struct RegistryHandlers: Sendable {
    let registry: any RegistryStore
    let registrar: ModelVersionRegistrar

    init(registry: any RegistryStore, tracking: any TrackingStore, blobs: any BlobStore, requireCleanModels: Bool) {
        self.registry = registry
        self.registrar = ModelVersionRegistrar(
            registry: registry, sources: ModelVersionSourceResolver(registry: registry, tracking: tracking),
            scan: ModelArtifactScan(blobs: blobs), requireCleanModels: requireCleanModels)
    }

    static func version(_ fields: RequestFields) throws -> Int64 {
        try RegistryValidation.version(try fields.requiredString("version"))
    }

    static func model(_ model: RegisteredModel) -> JSONOutput { .object([("registered_model", RegistryJSON.registeredModel(model))]) }
    static func version(_ version: ModelVersion) -> JSONOutput { .object([("model_version", RegistryJSON.modelVersion(version))]) }

    var routes: [APIRoute] { modelRoutes + versionRoutes + searchRoutes }

    var searchRoutes: [APIRoute] {
        let registry = self.registry
        let models: JSONHandler = { request in
            let fields = request.fields
            let page = try await registry.searchRegisteredModels(
                filter: try fields.string("filter"), orderBy: try fields.strings("order_by"),
                maxResults: Int(clamping: try fields.int64("max_results") ?? 100), pageToken: try fields.string("page_token"))
            return .fields([
                ("registered_models", .array(page.items.map(RegistryJSON.registeredModel))),
                ("next_page_token", page.nextPageToken.map(JSONOutput.string)),
            ])
        }
        let versions: JSONHandler = { request in
            let fields = request.fields
            let page = try await registry.searchModelVersions(
                filter: try fields.string("filter"), orderBy: try fields.strings("order_by"),
                maxResults: Int(clamping: try fields.int64("max_results") ?? 200_000), pageToken: try fields.string("page_token"))
            return .fields([
                ("model_versions", .array(page.items.map(RegistryJSON.modelVersion))),
                ("next_page_token", page.nextPageToken.map(JSONOutput.string)),
            ])
        }
        return [
            APIRoute(.get, "2.0/mlflow/registered-models/search", models),
            APIRoute(.post, "2.0/mlflow/registered-models/search", models),
            APIRoute(.get, "2.0/mlflow/model-versions/search", versions),
            APIRoute(.post, "2.0/mlflow/model-versions/search", versions),
        ]
    }

    var modelRoutes: [APIRoute] {
        let registry = self.registry
        let latest: JSONHandler = { request in
            let fields = request.fields
            let stages = try fields.strings("stages").map(ModelStage.init(parsing:))
            let versions = try await registry.latestVersions(name: try fields.requiredString("name"), stages: stages)
            return .fields([("model_versions", .array(versions.map(RegistryJSON.modelVersion)))])
        }
        return [
            APIRoute(.post, "2.0/mlflow/registered-models/create") { request in
                let fields = request.fields
                return Self.model(try await registry.createRegisteredModel(
                    name: try fields.requiredString("name"), description: try fields.string("description"), tags: try fields.keyValues("tags")))
            },
            APIRoute(.get, "2.0/mlflow/registered-models/get") { request in
                Self.model(try await registry.registeredModel(named: try request.fields.requiredString("name")))
            },
            APIRoute(.post, "2.0/mlflow/registered-models/rename") { request in
                let fields = request.fields
                return Self.model(try await registry.renameRegisteredModel(try fields.requiredString("name"), to: try fields.requiredString("new_name")))
            },
            APIRoute(.patch, "2.0/mlflow/registered-models/update") { request in
                let fields = request.fields
                return Self.model(try await registry.updateRegisteredModel(try fields.requiredString("name"), description: try fields.string("description")))
            },
            APIRoute(.delete, "2.0/mlflow/registered-models/delete") { request in
                try await registry.deleteRegisteredModel(try request.fields.requiredString("name"))
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/registered-models/set-tag") { request in
                let fields = request.fields
                try await registry.setRegisteredModelTag(
                    try fields.requiredString("name"), KeyValue(key: try fields.requiredString("key"), value: try fields.string("value") ?? ""))
                return .object([])
            },
            APIRoute(.delete, "2.0/mlflow/registered-models/delete-tag") { request in
                let fields = request.fields
                try await registry.deleteRegisteredModelTag(try fields.requiredString("name"), key: try fields.requiredString("key"))
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/registered-models/get-latest-versions", latest),
            APIRoute(.get, "2.0/mlflow/registered-models/get-latest-versions", latest),
            APIRoute(.post, "2.0/mlflow/registered-models/alias") { request in
                let fields = request.fields
                try await registry.setAlias(name: try fields.requiredString("name"), alias: try fields.requiredString("alias"), version: try Self.version(fields))
                return .object([])
            },
            APIRoute(.delete, "2.0/mlflow/registered-models/alias") { request in
                let fields = request.fields
                try await registry.deleteAlias(name: try fields.requiredString("name"), alias: try fields.requiredString("alias"))
                return .object([])
            },
            APIRoute(.get, "2.0/mlflow/registered-models/alias") { request in
                let fields = request.fields
                return Self.version(try await registry.modelVersion(name: try fields.requiredString("name"), alias: try fields.requiredString("alias")))
            },
        ]
    }

    var versionRoutes: [APIRoute] {
        let registry = self.registry
        let registrar = self.registrar
        let sources = registrar.sources
        return [
            APIRoute(.post, "2.0/mlflow/model-versions/create") { request in
                let fields = request.fields
                return Self.version(try await registrar.register(
                    ModelVersionRegistrar.Request(
                        name: try fields.requiredString("name"), source: try fields.requiredString("source"),
                        runID: try fields.string("run_id"), modelID: try fields.string("model_id"), runLink: try fields.string("run_link"),
                        description: try fields.string("description"), tags: try fields.keyValues("tags"))))
            },
            APIRoute(.get, "2.0/mlflow/model-versions/get") { request in
                let fields = request.fields
                return Self.version(try await registry.modelVersion(name: try fields.requiredString("name"), version: try Self.version(fields)))
            },
            APIRoute(.patch, "2.0/mlflow/model-versions/update") { request in
                let fields = request.fields
                return Self.version(try await registry.updateModelVersion(
                    name: try fields.requiredString("name"), version: try Self.version(fields), description: try fields.string("description")))
            },
            APIRoute(.delete, "2.0/mlflow/model-versions/delete") { request in
                let fields = request.fields
                try await registry.deleteModelVersion(name: try fields.requiredString("name"), version: try Self.version(fields))
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/model-versions/set-tag") { request in
                let fields = request.fields
                try ModelVersionRegistrar.refuseReservedTag(try fields.requiredString("key"))
                try await registry.setModelVersionTag(
                    name: try fields.requiredString("name"), version: try Self.version(fields),
                    KeyValue(key: try fields.requiredString("key"), value: try fields.string("value") ?? ""))
                return .object([])
            },
            APIRoute(.delete, "2.0/mlflow/model-versions/delete-tag") { request in
                let fields = request.fields
                try ModelVersionRegistrar.refuseReservedTag(try fields.requiredString("key"))
                try await registry.deleteModelVersionTag(
                    name: try fields.requiredString("name"), version: try Self.version(fields), key: try fields.requiredString("key"))
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/model-versions/transition-stage") { request in
                let fields = request.fields
                return Self.version(try await registry.transitionStage(
                    name: try fields.requiredString("name"), version: try Self.version(fields),
                    to: try ModelStage(parsing: try fields.requiredString("stage")),
                    archiveExisting: try fields.bool("archive_existing_versions") ?? false))
            },
            APIRoute(.get, "2.0/mlflow/model-versions/get-download-uri") { request in
                let fields = request.fields
                let version = try await registry.modelVersion(name: try fields.requiredString("name"), version: try Self.version(fields))
                return .object([("artifact_uri", .string(try await sources.storageLocation(of: version)))])
            },
        ]
    }
}
