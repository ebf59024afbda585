extension RegistryClient {
    /// A model and all its versions, for `ferry models show NAME`.
    public func overview(of name: String) async throws -> ModelOverview {
        async let model = registeredModel(name: name)
        async let versions = modelVersions(of: name)
        return try await ModelOverview(registeredModel: model, modelVersions: versions)
    }

    /// Version `version` of model `name` with its download URI and lineage, for `ferry models show NAME/VERSION`.
    ///
    /// Only a missing version throws. When the run or the download URI cannot be read, the detail
    /// goes without them and says why in ``ModelVersionDetail/problems``.
    public func versionDetail(name: String, version: String) async throws -> ModelVersionDetail {
        try await detail(of: try await modelVersion(name: name, version: version))
    }

    /// The version that `alias` of model `name` points to, as ``versionDetail(name:version:)`` describes it.
    public func versionDetail(name: String, alias: String) async throws -> ModelVersionDetail {
        try await detail(of: try await versionByAlias(name: name, alias: alias))
    }

    private func detail(of version: ModelVersion) async throws -> ModelVersionDetail {
        async let runResult = lineageRun(of: version)
        async let uriResult = capture { try await downloadURI(name: version.name, version: version.version) }
        var detail = ModelVersionDetail(modelVersion: version)
        switch await runResult {
        case .success(let run): detail.run = run
        case .failure(let error): detail.problems.append("The run \(version.runID ?? "") could not be read: \(error)")
        }
        switch await uriResult {
        case .success(let uri): detail.downloadURI = uri
        case .failure(let error): detail.problems.append("The download URI could not be read: \(error)")
        }
        return detail
    }

    private func lineageRun(of version: ModelVersion) async -> Result<Run?, any Error> {
        guard let runID = version.runID, !runID.isEmpty else { return .success(nil) }
        return await capture { try await run(id: runID) }
    }

    private func capture<Value>(_ body: () async throws -> Value) async -> Result<Value, any Error> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}
