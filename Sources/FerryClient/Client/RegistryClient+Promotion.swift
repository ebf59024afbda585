extension RegistryClient {
    /// Points `alias` of model `name` at `version` and reports where it pointed before.
    ///
    /// Nothing is sent when the alias already points at `version`.
    public func moveAlias(name: String, alias: String, to version: String) async throws -> AliasChange {
        let previous = try await aliasTarget(name: name, alias: alias)
        if previous != version { try await setAlias(name: name, alias: alias, version: version) }
        return AliasChange(name: name, alias: alias, previousVersion: previous, version: version)
    }

    /// Removes `alias` from model `name` and reports where it pointed.
    public func removeAlias(name: String, alias: String) async throws -> AliasChange {
        let previous = try await aliasTarget(name: name, alias: alias)
        try await deleteAlias(name: name, alias: alias)
        return AliasChange(name: name, alias: alias, previousVersion: previous, version: nil)
    }

    /// Promotes `version` of model `name`: moves `alias` to it and, when `stage` is given, moves it to that
    /// stage too.
    ///
    /// The version is looked up first, so an unknown model or version changes nothing. With a stage, the
    /// versions already in it move to `Archived` when `archiveExistingVersions` is true; the result lists
    /// every version whose stage changed, read back from the server.
    public func promote(
        name: String, version: String, alias: String = "champion", stage: String? = nil, archiveExistingVersions: Bool = true
    ) async throws -> Promotion {
        let previousAliasTarget = try await aliasTarget(name: name, alias: alias)
        let target = try await modelVersion(name: name, version: version).version
        var stageChanges: [StageChange] = []
        if let stage {
            let before = try await modelVersions(of: name)
            _ = try await transitionStage(name: name, version: target, stage: stage, archiveExistingVersions: archiveExistingVersions)
            let after = try await modelVersions(of: name)
            stageChanges = Self.stageChanges(from: before, to: after, promoted: target)
        }
        if previousAliasTarget != target { try await setAlias(name: name, alias: alias, version: target) }
        return Promotion(
            alias: AliasChange(name: name, alias: alias, previousVersion: previousAliasTarget, version: target),
            stageChanges: stageChanges, requestedStage: stage)
    }

    /// The version `alias` of model `name` points to, or nil when it is not set.
    private func aliasTarget(name: String, alias: String) async throws -> String? {
        try await registeredModel(name: name).aliases.last { $0.alias == alias }?.version
    }

    /// The versions whose stage differs between `before` and `after`: the promoted one first, then the others, newest first.
    static func stageChanges(from before: [ModelVersion], to after: [ModelVersion], promoted: String) -> [StageChange] {
        let previousStages = Dictionary(before.map { ($0.version, $0.currentStage ?? "None") }, uniquingKeysWith: { first, _ in first })
        let changes = after.compactMap { version -> StageChange? in
            let stage = version.currentStage ?? "None"
            guard let previous = previousStages[version.version], previous != stage else { return nil }
            return StageChange(name: version.name, version: version.version, previousStage: previous, stage: stage)
        }
        return changes.sorted { left, right in
            if (left.version == promoted) != (right.version == promoted) { return left.version == promoted }
            return VersionOrder.precedes(right.version, left.version)
        }
    }
}
