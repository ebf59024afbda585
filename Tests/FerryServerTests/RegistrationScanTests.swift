import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Artifact scan at registration")
struct RegistrationScanTests {
    /// Protocol 2: GLOBAL 'os system', a string, TUPLE1, REDUCE, STOP — `os.system("id")` when unpickled.
    static let malicious: [UInt8] = [0x80, 0x02] + Array("cos\nsystem\n".utf8) + [0x58, 2, 0, 0, 0] + Array("id".utf8) + [0x85, 0x52, 0x2E]
    /// Protocol 2: an empty dict.
    static let harmless: [UInt8] = [0x80, 0x02, 0x7D, 0x2E]

    /// Creates a run, writes `files` under its artifacts at `model/`, registers a version of `churn` from there.
    static func register(_ server: TestServer, _ client: any TestClientProtocol, files: [String: [UInt8]]) async throws -> (HTTPResponse.Status, [String: Any]) {
        _ = try await client.postJSON("/api/2.0/mlflow/registered-models/create", #"{"name": "churn"}"#)
        let (_, run) = try await client.postJSON("/api/2.0/mlflow/runs/create", #"{"experiment_id": "0"}"#)
        let info = try #require((run["run"] as? [String: Any])?["info"] as? [String: Any])
        let runID = try #require(info["run_id"] as? String), root = try #require(info["artifact_uri"] as? String)
        let folder = server.artifactRoot.appendingPathComponent(String(root.dropFirst("mlflow-artifacts:/".count)) + "/model")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        return try await client.postJSON(
            "/api/2.0/mlflow/model-versions/create", #"{"name": "churn", "source": "\#(root)/model", "run_id": "\#(runID)"}"#)
    }

    static func tags(_ body: [String: Any]) -> [String: String] {
        let tags = ((body["model_version"] as? [String: Any])?["tags"] as? [[String: Any]]) ?? []
        return Dictionary(uniqueKeysWithValues: tags.compactMap { tag in (tag["key"] as? String).map { ($0, tag["value"] as? String ?? "") } })
    }

    @Test("The verdict lands on the version as ferry.scan tags")
    func verdictTags() async throws {
        try await TestServer.withServer { server, client in
            let (status, body) = try await Self.register(server, client, files: ["model.pkl": Self.malicious, "weights.pkl": Self.harmless, "MLmodel": Array("flavors: {}".utf8)])
            #expect(status == .ok)
            #expect(Self.tags(body)["ferry.scan"] == "unsafe")
            #expect(Self.tags(body)["ferry.scan.findings"] == "model.pkl: os.system")
        }
    }

    @Test("--require-clean-models refuses an unsafe version and uses up no number")
    func requireClean() async throws {
        try await TestServer.withServer(requireCleanModels: true) { server, client in
            let (refused, error) = try await Self.register(server, client, files: ["model.pkl": Self.malicious])
            #expect(refused == .badRequest && error["error_code"] as? String == "INVALID_PARAMETER_VALUE")
            #expect((error["message"] as? String)?.contains("os.system") == true)
            let (accepted, body) = try await Self.register(server, client, files: ["model.pkl": Self.harmless])
            #expect(accepted == .ok && Self.tags(body)["ferry.scan"] == "clean")
            #expect((body["model_version"] as? [String: Any])?["version"] as? String == "1")
        }
    }
}
