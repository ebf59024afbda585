/// Starts deployments and changes them while they serve: canary in, traffic percent, promote, roll
/// back, shadow in and out. Each change is one atomic swap in the ``DeploymentTable``, so requests in
/// flight finish on the version they started with and no request is dropped.
public struct RolloutController: Sendable {
    public let table: DeploymentTable
    let loader: VersionLoader

    public init(table: DeploymentTable, loader: VersionLoader) {
        self.table = table
        self.loader = loader
    }

    /// Adds `spec`'s deployment with every version loading, and returns a task that finishes when all
    /// of them are ready or failed.
    @discardableResult
    public func start(_ spec: DeploymentSpec) async throws(ServingSetupError) -> Task<Void, Never> {
        var used: [String] = []
        var planned: [(ServedVersion, ModelSource)] = []
        for role in [spec.primary, spec.canary, spec.shadow].compactMap({ $0 }) {
            let (version, source) = await plan(role, taken: used)
            guard !used.contains(version.version) else {
                throw ServingSetupError("Model '\(spec.name)' has version '\(version.version)' twice; give each role its own version")
            }
            used.append(version.version)
            planned.append((version, source))
        }
        let labels = planned.map(\.0.version)
        var deployment = Deployment(name: spec.name, versions: planned.map(\.0), primary: labels[0], stickyHeader: spec.stickyHeader)
        var next = 1
        if let canary = spec.canary {
            deployment.canary = TrafficShare(version: labels[next], percent: canary.percent ?? 0)
            next += 1
        }
        if let shadow = spec.shadow { deployment.shadow = TrafficShare(version: labels[next], percent: shadow.percent ?? 100) }
        try table.add(deployment)
        let loader = self.loader
        let name = spec.name
        return Task {
            await withTaskGroup(of: Void.self) { group in
                for (version, source) in planned {
                    group.addTask { await loader.load(name: name, version: version.version, source: source) }
                }
            }
        }
    }

    /// Loads `spec` as the canary of `name` at its percent (default 0 until changed). Until it is
    /// ready it gets no traffic. A previous canary is replaced.
    @discardableResult
    public func setCanary(_ name: String, _ spec: DeploymentSpec.VersionSpec) async throws(ServingError) -> (Deployment, Task<Void, Never>) {
        try percentCheck(spec.percent)
        return try await addVersion(name, spec) { deployment, label throws(ServingError) in
            guard label != deployment.primary else { throw ServingError.badRequest("Version '\(label)' is already the primary of '\(name)'.") }
            guard label != deployment.shadow?.version else {
                throw ServingError.badRequest("Version '\(label)' is the shadow of '\(name)'; remove the shadow first or give the canary another version.")
            }
            deployment.canary = TrafficShare(version: label, percent: spec.percent ?? 0)
        }
    }

    /// Loads `spec` as the shadow of `name`, copying `percent` (default 100) of requests to it.
    @discardableResult
    public func setShadow(_ name: String, _ spec: DeploymentSpec.VersionSpec) async throws(ServingError) -> (Deployment, Task<Void, Never>) {
        try percentCheck(spec.percent)
        return try await addVersion(name, spec) { deployment, label throws(ServingError) in
            guard label != deployment.primary else { throw ServingError.badRequest("Version '\(label)' is the primary of '\(name)'; a shadow must be another version.") }
            guard label != deployment.canary?.version else {
                throw ServingError.badRequest("Version '\(label)' is the canary of '\(name)'; a shadow must be another version.")
            }
            deployment.shadow = TrafficShare(version: label, percent: spec.percent ?? 100)
        }
    }

    /// Sets the share of requests copied to the shadow.
    @discardableResult
    public func setShadowTraffic(_ name: String, percent: Double) throws(ServingError) -> Deployment {
        try percentCheck(percent)
        return try table.update(name) { deployment throws(ServingError) in
            guard deployment.shadow != nil else { throw ServingError.badRequest("Model '\(name)' has no shadow; add one first.") }
            deployment.shadow?.percent = percent
        }
    }

    /// Stops copying traffic to the shadow.
    @discardableResult
    public func removeShadow(_ name: String) throws(ServingError) -> Deployment {
        try table.update(name) { deployment throws(ServingError) in
            guard deployment.shadow != nil else { throw ServingError.badRequest("Model '\(name)' has no shadow.") }
            deployment.shadow = nil
            deployment.pruneUnused()
        }
    }

    /// Sets the canary's share of traffic.
    @discardableResult
    public func setTraffic(_ name: String, percent: Double) throws(ServingError) -> Deployment {
        try percentCheck(percent)
        return try table.update(name) { deployment throws(ServingError) in
            guard deployment.canary != nil else { throw ServingError.badRequest("Model '\(name)' has no canary; add one first.") }
            deployment.canary?.percent = percent
        }
    }

    /// Makes the canary the primary (all traffic); the old primary stays loaded as `previous`.
    @discardableResult
    public func promote(_ name: String) throws(ServingError) -> Deployment {
        try table.update(name) { deployment throws(ServingError) in
            guard let canary = deployment.canary else { throw ServingError.badRequest("Model '\(name)' has no canary to promote.") }
            guard deployment.version(canary.version)?.isReady == true else {
                throw ServingError(.unavailable, "The canary '\(canary.version)' of '\(name)' is not ready; it cannot be promoted.")
            }
            deployment.previous = deployment.primary
            deployment.primary = canary.version
            deployment.canary = nil
            deployment.pruneUnused()
        }
    }

    /// Undoes the last step: with a canary, sends all traffic back to the primary (the canary is
    /// dropped); without one, makes the previous primary the primary again.
    @discardableResult
    public func rollback(_ name: String) throws(ServingError) -> Deployment {
        try table.update(name) { deployment throws(ServingError) in
            if deployment.canary != nil {
                deployment.canary = nil
            } else if let previous = deployment.previous, let version = deployment.version(previous) {
                guard version.isReady else {
                    throw ServingError(.unavailable, "The previous version '\(previous)' of '\(name)' is \(version.stateName); it cannot take the traffic back.")
                }
                deployment.previous = nil
                deployment.primary = previous
                if deployment.shadow?.version == previous { deployment.shadow = nil }
            } else {
                throw ServingError.badRequest("Model '\(name)' has no canary and no previous version to roll back to.")
            }
            deployment.pruneUnused()
        }
    }

    // MARK: - Helpers

    private func percentCheck(_ percent: Double?) throws(ServingError) {
        if let percent, !(0...100).contains(percent) {
            throw ServingError.badRequest("percent must be from 0 to 100, got \(percent).")
        }
    }

    /// Adds a loading version to `name` and applies `assign`; the load runs in the returned task.
    private func addVersion(
        _ name: String, _ spec: DeploymentSpec.VersionSpec, assign: (inout Deployment, String) throws(ServingError) -> Void
    ) async throws(ServingError) -> (Deployment, Task<Void, Never>) {
        guard let current = table.deployment(name) else { throw ServingError(.notFound, "No model named '\(name)'.") }
        if let label = spec.version {
            do throws(ServingSetupError) { _ = try DeploymentSpec.checkedVersionLabel(label) } catch { throw ServingError.badRequest(error.description) }
        }
        let (version, source) = await plan(spec, taken: current.versions.map(\.version))
        let updated = try table.update(name) { deployment throws(ServingError) in
            if let existing = deployment.version(version.version) {
                guard existing.source == source else {
                    throw ServingError.badRequest("Model '\(name)' already has a version '\(version.version)' from \(existing.source).")
                }
            } else {
                deployment.versions.append(version)
            }
            try assign(&deployment, version.version)
            deployment.pruneUnused()
        }
        let loader = self.loader
        let needsLoad = updated.version(version.version).map { !$0.isReady } ?? false
        let task = Task { if needsLoad { await loader.load(name: name, version: version.version, source: source) } }
        return (updated, task)
    }

    /// The label and the pinned source of a version: an alias is resolved to its version now, so the
    /// label and what is loaded agree even if the alias moves.
    private func plan(_ spec: DeploymentSpec.VersionSpec, taken: [String]) async -> (ServedVersion, ModelSource) {
        var source = spec.source
        var label = spec.version
        if case .registryVersion(_, let number) = source, label == nil { label = number }
        if case .registryAlias(let model, _) = source {
            let resolved = await loader.versionLabel(for: source, fallback: "")
            if !resolved.isEmpty {
                source = .registryVersion(name: model, version: resolved)
                if label == nil { label = resolved }
            }
        }
        let chosen = label ?? (1...).lazy.map(String.init).first { !taken.contains($0) }!
        return (ServedVersion(version: chosen, source: source), source)
    }
}
