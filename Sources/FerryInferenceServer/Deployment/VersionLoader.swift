import FerryClient
import FerryServing
import Logging

/// Loads model versions in the background and records each one's state in a ``DeploymentTable``: one
/// model that fails to load does not stop the others, and its status says why.
public struct VersionLoader: Sendable {
    let reader: ModelFileReader
    let table: DeploymentTable
    let logger: Logger
    /// Called when a version becomes ready or fails (metrics use it).
    let onStateChange: @Sendable (_ model: String, _ version: String, _ ready: Bool) -> Void

    public init(reader: ModelFileReader, table: DeploymentTable, logger: Logger, onStateChange: @escaping @Sendable (String, String, Bool) -> Void = { _, _, _ in }) {
        self.reader = reader
        self.table = table
        self.logger = logger
        self.onStateChange = onStateChange
    }

    /// Reads and compiles `source`, then records version `version` of `name` as ready or failed.
    public func load(name: String, version: String, source: ModelSource) async {
        let state: ServedVersion.State
        do {
            let loaded = try await reader.read(source)
            let model = try await Task.detached { () throws(InferenceError) -> ServableModel in try ServableModel(onnx: loaded.bytes) }.value
            state = .ready(model)
            logger.info("Model ready", metadata: ["model": "\(name)", "version": "\(version)", "source": "\(source)"])
        } catch let error as InferenceError {
            state = .failed(error.message)
        } catch let error as ServingSetupError {
            state = .failed(error.description)
        } catch {
            state = .failed("\(error)")
        }
        if case .failed(let reason) = state {
            logger.error("Model failed to load", metadata: ["model": "\(name)", "version": "\(version)", "source": "\(source)", "reason": "\(reason)"])
        }
        table.setState(name, version: version, source: source, state)
        onStateChange(name, version, state.isReady)
    }

    /// The version label a source gets when none is given: the registry version for `models:/`
    /// sources (resolving an alias), else `fallback`.
    public func versionLabel(for source: ModelSource, fallback: String) async -> String {
        switch source {
        case .registryVersion(_, let version): return version
        case .registryAlias(let name, let alias):
            if let registry = reader.registry, let version = try? await registry.versionByAlias(name: name, alias: alias).version { return version }
            return fallback
        case .file, .folder: return fallback
        }
    }
}

extension ServedVersion.State {
    var isReady: Bool {
        if case .ready = self { return true }
        return false
    }
}
