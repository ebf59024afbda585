import FerryBlobs
import FerryCore
import FerryStore

/// Creates model versions: confines the source, scans the version's files, records the verdict as the
/// `ferry.scan` and `ferry.scan.findings` tags, and (with `requireCleanModels`) refuses a version whose
/// scan is not clean. Nothing is created when any step refuses.
struct ModelVersionRegistrar: Sendable {
    let registry: any RegistryStore
    let sources: ModelVersionSourceResolver
    let scan: ModelArtifactScan
    let requireCleanModels: Bool

    /// A create-version request as the client sent it.
    struct Request: Sendable {
        var name: String
        var source: String
        var runID: String?
        var modelID: String?
        var runLink: String?
        var description: String?
        var tags: [KeyValue]
    }

    func register(_ request: Request) async throws -> ModelVersion {
        try RegistryValidation.validateModelName(request.name)
        for tag in request.tags { try Self.refuseReservedTag(tag.key) }
        if Self.isPrompt(request.tags) { return try await registerPrompt(request) }
        let resolved = try await sources.resolve(source: request.source, runID: request.runID, modelID: request.modelID)
        _ = try await registry.registeredModel(named: request.name)  // an unknown model is 404, before any scanning
        let result = try await scan.scan(location: resolved.storageLocation)
        if requireCleanModels && result.verdict != ScanVerdict.clean.rawValue {
            throw FerryError.invalidParameter(
                "Model version refused: this server requires clean models (--require-clean-models) and the artifact scan of "
                    + "'\(resolved.storageLocation)' is \(result.verdict): \(result.findings)")
        }
        return try await registry.createModelVersion(
            NewModelVersion(
                name: request.name, source: resolved.source, runID: resolved.runID, runLink: request.runLink,
                description: request.description, modelID: resolved.modelID, tags: request.tags + result.tags))
    }

    /// MLflow stores prompt versions as model versions tagged `mlflow.prompt.is_prompt=true` (the last value
    /// of the tag wins); they have no files, and their source must be one of the client's placeholders.
    static func isPrompt(_ tags: [KeyValue]) -> Bool {
        tags.last { $0.key == "mlflow.prompt.is_prompt" }?.value.lowercased() == "true"
    }

    static let promptSourcePlaceholders: Set<String> = ["dummy-source", "prompt-template"]

    private func registerPrompt(_ request: Request) async throws -> ModelVersion {
        guard Self.promptSourcePlaceholders.contains(request.source) else {
            throw FerryError.invalidParameter(
                "Invalid prompt source: '\(request.source)'. Prompt versions do not have files; use 'dummy-source'.")
        }
        return try await registry.createModelVersion(
            NewModelVersion(
                name: request.name, source: request.source, runID: request.runID, runLink: request.runLink,
                description: request.description, modelID: request.modelID, tags: request.tags))
    }

    /// The scan tags are Ferry's to write: clients may neither set nor delete them.
    static func refuseReservedTag(_ key: String) throws {
        if key == ModelVersionScanTags.verdictKey || key == ModelVersionScanTags.findingsKey {
            throw FerryError.invalidParameter("Tag key '\(key)' is reserved for Ferry's artifact scanner and cannot be set or deleted by clients.")
        }
    }
}
