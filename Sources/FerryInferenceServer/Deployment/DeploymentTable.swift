import Synchronization

/// Every deployment the server holds, behind one lock: requests read a consistent snapshot of a
/// deployment, and rollout changes replace it in one step, so in-flight requests finish on the version
/// they started with.
public final class DeploymentTable: Sendable {
    private struct State {
        var byName: [String: Deployment] = [:]
        /// Deployment names in the order they were added (for listings).
        var order: [String] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// The current state of deployment `name`.
    public func deployment(_ name: String) -> Deployment? {
        state.withLock { $0.byName[name] }
    }

    /// Every deployment, in the order they were added.
    public func all() -> [Deployment] {
        state.withLock { state in state.order.compactMap { state.byName[$0] } }
    }

    /// Adds `deployment`; a deployment of that name must not exist yet.
    func add(_ deployment: Deployment) throws(ServingSetupError) {
        try state.withLock { state throws(ServingSetupError) in
            guard state.byName[deployment.name] == nil else { throw ServingSetupError("Model '\(deployment.name)' is given twice; serve each name once") }
            state.byName[deployment.name] = deployment
            state.order.append(deployment.name)
        }
    }

    /// Applies `change` to deployment `name` atomically and returns the result.
    @discardableResult
    func update(_ name: String, _ change: (inout Deployment) throws(ServingError) -> Void) throws(ServingError) -> Deployment {
        try state.withLock { state throws(ServingError) in
            guard var deployment = state.byName[name] else { throw ServingError(.notFound, "No model named '\(name)'") }
            try change(&deployment)
            state.byName[name] = deployment
            return deployment
        }
    }

    /// Records the loading state of version `version` of `name`, loaded from `source`: a no-op if it was
    /// removed meanwhile, or replaced by a version of the same label from another source (a slow load
    /// of a dropped canary must not land on its successor).
    func setState(_ name: String, version: String, source: ModelSource, _ state: ServedVersion.State) {
        self.state.withLock { table in
            guard let index = table.byName[name]?.versions.firstIndex(where: { $0.version == version && $0.source == source }) else { return }
            table.byName[name]?.versions[index].state = state
        }
    }
}
