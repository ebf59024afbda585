import Synchronization

/// Every deployment the server holds, behind one lock: requests read a consistent snapshot of a
/// deployment, and rollout changes replace it in one step, so in-flight requests finish on the version
/// they started with.
public final class DeploymentTable: Sendable {
    private let deployments = Mutex<[String: Deployment]>([:])
    /// Deployment names in the order they were added (for listings).
    private let order = Mutex<[String]>([])

    public init() {}

    /// The current state of deployment `name`.
    public func deployment(_ name: String) -> Deployment? {
        deployments.withLock { $0[name] }
    }

    /// Every deployment, in the order they were added.
    public func all() -> [Deployment] {
        let names = order.withLock { $0 }
        return deployments.withLock { table in names.compactMap { table[$0] } }
    }

    /// Adds `deployment`; a deployment of that name must not exist yet.
    func add(_ deployment: Deployment) throws(ServingSetupError) {
        try deployments.withLock { table throws(ServingSetupError) in
            guard table[deployment.name] == nil else { throw ServingSetupError("Model '\(deployment.name)' is given twice; serve each name once") }
            table[deployment.name] = deployment
        }
        order.withLock { $0.append(deployment.name) }
    }

    /// Applies `change` to deployment `name` atomically and returns the result.
    @discardableResult
    func update(_ name: String, _ change: (inout Deployment) throws(ServingError) -> Void) throws(ServingError) -> Deployment {
        try deployments.withLock { table throws(ServingError) in
            guard var deployment = table[name] else { throw ServingError(.notFound, "No model named '\(name)'") }
            try change(&deployment)
            table[name] = deployment
            return deployment
        }
    }

    /// Records the loading state of version `version` of `name`, loaded from `source`: a no-op if it was
    /// removed meanwhile, or replaced by a version of the same label from another source (a slow load
    /// of a dropped canary must not land on its successor).
    func setState(_ name: String, version: String, source: ModelSource, _ state: ServedVersion.State) {
        deployments.withLock { table in
            guard let index = table[name]?.versions.firstIndex(where: { $0.version == version && $0.source == source }) else { return }
            table[name]?.versions[index].state = state
        }
    }
}
