import FerryServing
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

@testable import FerryInferenceServer

/// Tiny models on disk whose answers tell their versions apart, a controller over them, and an app
/// serving them through ``InferenceResponder`` with the admin API open.
///
/// `v1.onnx`, `v2.onnx`, ... answer `k` for any input (model `vk` has intercept `k`); `broken.onnx` is
/// not ONNX and fails to load.
struct RolloutFixture {
    let folder: URL
    let table = DeploymentTable()
    let controller: RolloutController

    init(models: Int = 4) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-rollouts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for k in 1...models {
            try Data(TinyONNX.linearRegressor(coefficients: [0], intercept: Float(k))).write(to: folder.appendingPathComponent("v\(k).onnx"))
        }
        try Data("not a model".utf8).write(to: folder.appendingPathComponent("broken.onnx"))
        let loader = VersionLoader(reader: ModelFileReader(registry: nil), table: table, logger: Self.quietLogger)
        controller = RolloutController(table: table, loader: loader)
    }

    /// A logger that keeps the test output to failures.
    static var quietLogger: Logger {
        var logger = Logger(label: "ferry.tests")
        logger.logLevel = .critical
        return logger
    }

    /// The path of `v<k>.onnx` (or `broken.onnx` for `"broken"`).
    func path(_ model: String) -> String {
        folder.appendingPathComponent("\(model).onnx").path
    }

    func source(_ model: String) -> ModelSource {
        .file(path: path(model))
    }

    /// Starts deployment `name` with `primary` (and optionally a canary) and waits until all are loaded.
    @discardableResult
    func start(_ name: String = "churn", primary: String = "v1", canary: String? = nil, percent: Double = 0, stickyHeader: String? = nil) async throws
        -> Deployment
    {
        let spec = DeploymentSpec(
            name: name, primary: .init(source: source(primary)), canary: canary.map { .init(source: source($0), percent: percent) },
            stickyHeader: stickyHeader)
        await (try await controller.start(spec)).value
        return try #require(table.deployment(name))
    }

    /// A responder with the admin API under `access`.
    func responder(_ access: AdminAccess = .open) -> InferenceResponder {
        InferenceResponder(
            service: InferenceService(table: table, observers: []), version: "test", maxBodySize: InferenceResponder.defaultMaxBodySize,
            metrics: nil, admin: AdminAPI.hook(controller: controller, access: access, logger: Self.quietLogger), logger: Self.quietLogger)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// An OIP inference body for the tiny models: one row, one feature.
let tinyInferBody = #"{"inputs": [{"name": "X", "shape": [1, 1], "datatype": "FP32", "data": [0.5]}]}"#

/// The answer of a tiny model: `model_version` and the first output value.
struct TinyAnswer: Equatable {
    var version: String
    var value: Double
}

extension TestClientProtocol {
    /// POSTs `body` as JSON to `uri` and returns the status and parsed JSON object.
    func json(_ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil, headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, [String: Any]) {
        var headers = headers
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            let object = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
            return (response.status, object)
        }
    }

    /// Runs the tiny model served as `model` (the routed version, or `version` directly).
    func infer(_ model: String, version: String? = nil, headers: HTTPFields = [:]) async throws -> (HTTPResponse.Status, TinyAnswer?) {
        let path = version.map { "/v2/models/\(model)/versions/\($0)/infer" } ?? "/v2/models/\(model)/infer"
        let (status, object) = try await json(.post, path, tinyInferBody, headers: headers)
        guard let version = object["model_version"] as? String, let outputs = object["outputs"] as? [[String: Any]],
            let value = (outputs.first?["data"] as? [Any])?.first as? NSNumber
        else { return (status, nil) }
        return (status, TinyAnswer(version: version, value: value.doubleValue))
    }
}

extension Dictionary where Key == String, Value == Any {
    /// `self[key]` as a JSON object.
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }

    /// The `versions` entry labelled `label` of a deployment object.
    func versionEntry(_ label: String) -> [String: Any]? {
        (self["versions"] as? [[String: Any]])?.first { $0["version"] as? String == label }
    }
}
