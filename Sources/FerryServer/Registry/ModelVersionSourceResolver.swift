import FerryCore
import FerryStore

/// Resolves a new model version's `source` against the tracking store and the registry, and confines it
/// to the artifacts of the run or logged model the request names (see ``ModelVersionSource``).
struct ModelVersionSourceResolver: Sendable {
    let registry: any RegistryStore
    let tracking: any TrackingStore

    /// A source that passed the checks, with the lineage it implies.
    struct Resolved: Sendable, Equatable {
        /// The source to store (`models:/<name>@<alias>` becomes `models:/<name>/<version>`).
        var source: String
        var runID: String?
        var modelID: String?
        /// Where the version's files are: the URI `get-download-uri` answers with.
        var storageLocation: String
    }

    func resolve(source: String, runID requestedRunID: String?, modelID requestedModelID: String?) async throws -> Resolved {
        let runID = requestedRunID.flatMap { $0.isEmpty ? nil : $0 }
        let modelID = requestedModelID.flatMap { $0.isEmpty ? nil : $0 }
        let parsed = try ModelVersionSource.parse(source)
        if case .registeredVersion(let name, let reference) = parsed {
            return try await resolveCopy(source, name: name, reference: reference, runID: runID, modelID: modelID)
        }
        let run = try await runID.asyncMap { id in try await owner(source, "run_id") { try await tracking.run(id: id) } }
        let model = try await modelID.asyncMap { id in try await owner(source, "model_id") { try await tracking.loggedModel(id: id) } }
        try parsed.checkConfined(
            source, runID: runID, runArtifactURI: run?.info.artifactURI, modelID: modelID, modelArtifactLocation: model?.artifactLocation)
        let location: String
        switch parsed {
        case .run(_, let path): location = Self.join(run?.info.artifactURI ?? "", path)
        case .loggedModel: location = model?.artifactLocation ?? source
        case .location, .registeredVersion: location = source
        }
        return Resolved(source: source, runID: runID ?? model?.sourceRunID, modelID: modelID, storageLocation: location)
    }

    /// Where a stored version's files are: its source, with `runs:/` and `models:/` URIs resolved.
    func storageLocation(of version: ModelVersion) async throws -> String {
        var version = version
        for _ in 0..<8 {  // a copy of a copy of ...: bounded, sources were checked when stored
            guard let parsed = try? ModelVersionSource.parse(version.source) else { return version.source }
            switch parsed {
            case .run(let id, let path): return Self.join(try await tracking.run(id: id).info.artifactURI, path)
            case .loggedModel(let id): return try await tracking.loggedModel(id: id).artifactLocation
            case .location: return version.source
            case .registeredVersion(let name, let reference): version = try await registryVersion(name, reference)
            }
        }
        return version.source
    }

    private func resolveCopy(
        _ source: String, name: String, reference: ModelVersionSource.VersionReference, runID: String?, modelID: String?
    ) async throws -> Resolved {
        let referenced = try await registryVersion(name, reference)
        let mismatch = (runID != nil && runID != referenced.runID) || (modelID != nil && modelID != referenced.modelID)
        if mismatch {
            throw FerryError.invalidParameter(
                "Invalid model version source: '\(source)'. The run_id and model_id request parameters must match the referenced model version.")
        }
        return Resolved(
            source: "models:/\(referenced.name)/\(referenced.version)", runID: runID ?? referenced.runID,
            modelID: modelID ?? referenced.modelID, storageLocation: try await storageLocation(of: referenced))
    }

    private func registryVersion(_ name: String, _ reference: ModelVersionSource.VersionReference) async throws -> ModelVersion {
        switch reference {
        case .version(let number): try await registry.modelVersion(name: name, version: number)
        case .alias(let alias): try await registry.modelVersion(name: name, alias: alias)
        }
    }

    /// Loads the run or logged model a request names; a missing one makes the source invalid, as in MLflow.
    private func owner<T>(_ source: String, _ parameter: String, _ load: () async throws -> T) async throws -> T {
        do {
            return try await load()
        } catch let error as FerryError where error.code == .resourceDoesNotExist {
            throw ModelVersionSource.mustIdentify(source, parameter)
        }
    }

    static func join(_ root: String, _ path: String) -> String {
        if path.isEmpty { return root }
        return root.hasSuffix("/") ? root + path : root + "/" + path
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
