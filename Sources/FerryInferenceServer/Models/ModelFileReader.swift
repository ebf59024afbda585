import FerryClient
import Foundation
import Yams

/// Reads the ONNX bytes of a ``ModelSource``: from disk, or from a tracking server's registry.
///
/// A folder or registered version may be an MLflow model (an `MLmodel` file whose `onnx` flavor names
/// the data file); otherwise a folder must hold exactly one `.onnx` file.
public struct ModelFileReader: Sendable {
    /// The registry client for `models:/` sources; nil when no tracking server is configured.
    let registry: RegistryClient?

    /// A reader that resolves `models:/` sources through `registry` (nil: such sources are refused).
    public init(registry: RegistryClient?) {
        self.registry = registry
    }

    /// What was read: the version's label and the model file's bytes.
    public struct Loaded: Sendable {
        /// The registry version number for `models:/` sources, else nil.
        public var registryVersion: String?
        public var bytes: [UInt8]
    }

    /// The bytes of `source`'s ONNX file.
    public func read(_ source: ModelSource) async throws -> Loaded {
        switch source {
        case .file(let path):
            return Loaded(registryVersion: nil, bytes: try Self.readFile(path))
        case .folder(let path):
            let folder = URL(fileURLWithPath: path)
            let mlmodel = folder.appendingPathComponent("MLmodel")
            if let text = try? String(contentsOf: mlmodel, encoding: .utf8) {
                let data = try Self.onnxDataPath(mlmodel: text, origin: mlmodel.path)
                return Loaded(registryVersion: nil, bytes: try Self.readFile(folder.appendingPathComponent(data).path))
            }
            let files = (try? FileManager.default.contentsOfDirectory(atPath: path))?.filter { $0.hasSuffix(".onnx") }.sorted() ?? []
            guard files.count == 1 else {
                throw ServingSetupError(files.isEmpty
                    ? "Folder \(path) has no MLmodel file and no .onnx file"
                    : "Folder \(path) has several .onnx files (\(files.joined(separator: ", "))); name the file to serve")
            }
            return Loaded(registryVersion: nil, bytes: try Self.readFile(folder.appendingPathComponent(files[0]).path))
        case .registryVersion(let name, let version):
            return Loaded(registryVersion: version, bytes: try await readRegistered(name: name, version: version))
        case .registryAlias(let name, let alias):
            let version = try await client(for: source).versionByAlias(name: name, alias: alias).version
            return Loaded(registryVersion: version, bytes: try await readRegistered(name: name, version: version))
        }
    }

    private func client(for source: ModelSource) throws -> RegistryClient {
        guard let registry else {
            throw ServingSetupError("\(source) needs a tracking server: set MLFLOW_TRACKING_URI (or --tracking-uri)")
        }
        return registry
    }

    private func readRegistered(name: String, version: String) async throws -> [UInt8] {
        let client = try client(for: .registryVersion(name: name, version: version))
        let mlmodel = try await client.modelVersionArtifact(name: name, version: version, path: "MLmodel")
        let data = try Self.onnxDataPath(mlmodel: String(decoding: mlmodel, as: UTF8.self), origin: "models:/\(name)/\(version)/MLmodel")
        return [UInt8](try await client.modelVersionArtifact(name: name, version: version, path: data))
    }

    /// The data file the `onnx` flavor of an `MLmodel` file names (`model.onnx` when it names none).
    static func onnxDataPath(mlmodel text: String, origin: String) throws -> String {
        let document: Any?
        do {
            document = try Yams.load(yaml: text)
        } catch {
            throw ServingSetupError("\(origin) is not valid YAML: \(error)")
        }
        guard let flavors = (document as? [String: Any])?["flavors"] as? [String: Any] else {
            throw ServingSetupError("\(origin) has no flavors")
        }
        guard let onnx = flavors["onnx"] as? [String: Any] else {
            throw ServingSetupError("\(origin) has no onnx flavor (it has \(flavors.keys.sorted().joined(separator: ", "))); Ferry serves ONNX models: log them with mlflow.onnx.log_model")
        }
        let data = onnx["data"] as? String ?? "model.onnx"
        guard !data.contains(".."), !data.hasPrefix("/") else { throw ServingSetupError("\(origin) names a data file outside the model: \(data)") }
        return data
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServingSetupError("Cannot read model file \(path): no such file, or not readable")
        }
        return [UInt8](data)
    }
}
