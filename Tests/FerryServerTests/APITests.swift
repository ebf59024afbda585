import FerryServer
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("MLflow REST routes")
struct APITests {
    @Test("health and version")
    func healthAndVersion() async throws {
        try await TestServer.withServer { _, client in
            try await client.execute(uri: "/health", method: .get) { #expect(String(buffer: $0.body) == "OK") }
            try await client.execute(uri: "/version", method: .get) { #expect(String(buffer: $0.body) == "test") }
        }
    }

    @Test("Experiments round-trip under both prefixes")
    func experiments() async throws {
        try await TestServer.withServer { _, client in
            let (status, created) = try await client.postJSON("/api/2.0/mlflow/experiments/create", #"{"name": "exp-a", "tags": [{"key": "k", "value": "v"}]}"#)
            #expect(status == .ok)
            let id = try #require(created["experiment_id"] as? String)
            let (_, got) = try await client.getJSON("/ajax-api/2.0/mlflow/experiments/get?experiment_id=\(id)")
            let experiment = try #require(got["experiment"] as? [String: Any])
            #expect(experiment["name"] as? String == "exp-a")
            #expect(experiment["artifact_location"] as? String == "mlflow-artifacts:/\(id)")
            let (missingStatus, missing) = try await client.getJSON("/api/2.0/mlflow/experiments/get-by-name?experiment_name=nope")
            #expect(missingStatus == .notFound)
            #expect(missing["error_code"] as? String == "RESOURCE_DOES_NOT_EXIST")
            let (dupStatus, dup) = try await client.postJSON("/api/2.0/mlflow/experiments/create", #"{"name": "exp-a"}"#)
            #expect(dupStatus == .badRequest)
            #expect(dup["error_code"] as? String == "RESOURCE_ALREADY_EXISTS")
        }
    }

    @Test("Bad input is a 400 in MLflow's error format")
    func badInput() async throws {
        try await TestServer.withServer { _, client in
            for body in ["{not json", #"{"name": 123}"#, "[1, 2]", "{}", #"{"name": null}"#] {
                let (status, error) = try await client.postJSON("/api/2.0/mlflow/experiments/create", body)
                #expect(status == .badRequest, "\(body)")
                #expect(error["error_code"] as? String == "INVALID_PARAMETER_VALUE", "\(body)")
                #expect((error["message"] as? String)?.isEmpty == false)
            }
            try await client.execute(uri: "/api/2.0/mlflow/experiments/create", method: .post, body: ByteBuffer(string: #"{"name": "x"}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("Content-Type"))
            }
            let (status, error) = try await client.getJSON("/api/2.0/mlflow/no-such-endpoint")
            #expect(status == .notFound)
            #expect(error["error_code"] as? String == "ENDPOINT_NOT_FOUND")
            let (typeStatus, _) = try await client.postJSON("/api/2.0/mlflow/runs/create", #"{"experiment_id": 0}"#)
            #expect(typeStatus == .badRequest)
        }
    }

    @Test("Runs, metrics and history through the API")
    func runs() async throws {
        try await TestServer.withServer { _, client in
            let (_, created) = try await client.postJSON("/api/2.0/mlflow/runs/create", #"{"experiment_id": "0", "start_time": 5}"#)
            let run = try #require(created["run"] as? [String: Any])
            let info = try #require(run["info"] as? [String: Any])
            let runID = try #require(info["run_id"] as? String)
            #expect(info["run_uuid"] as? String == runID)
            let (batchStatus, _) = try await client.postJSON(
                "/api/2.0/mlflow/runs/log-batch",
                #"{"run_id": "\#(runID)", "metrics": [{"key": "m", "value": "NaN", "timestamp": 1, "step": 0}, {"key": "m", "value": 2.5, "timestamp": "2", "step": 1}]}"#)
            #expect(batchStatus == .ok)
            let (_, history) = try await client.getJSON("/api/2.0/mlflow/metrics/get-history?run_id=\(runID)&metric_key=m")
            let metrics = try #require(history["metrics"] as? [[String: Any]])
            #expect(metrics.count == 2)
            #expect(metrics[0]["value"] as? String == "NaN")
            #expect(metrics[1]["value"] as? Double == 2.5)
            let (missingStatus, missing) = try await client.postJSON(
                "/api/2.0/mlflow/runs/log-batch", #"{"run_id": "\#(runID)", "metrics": [{"key": "m", "value": 1}]}"#)
            #expect(missingStatus == .badRequest)
            #expect(missing["message"] as? String == "Missing value for required parameter 'metrics[0].timestamp'.")
        }
    }

    @Test("Artifact proxy round trip and listing")
    func artifacts() async throws {
        try await TestServer.withServer { _, client in
            try await client.execute(uri: "/api/2.0/mlflow-artifacts/artifacts/0/r1/artifacts/dir/a.txt", method: .put, body: ByteBuffer(string: "hello")) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/2.0/mlflow-artifacts/artifacts/0/r1/artifacts/empty.bin", method: .put, body: ByteBuffer()) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/2.0/mlflow-artifacts/artifacts/0/r1/artifacts/dir/a.txt", method: .get) {
                #expect($0.status == .ok)
                #expect(String(buffer: $0.body) == "hello")
            }
            let (_, listing) = try await client.getJSON("/api/2.0/mlflow-artifacts/artifacts?path=0/r1/artifacts")
            let files = try #require(listing["files"] as? [[String: Any]])
            #expect(files.map { $0["path"] as? String } == ["dir", "empty.bin"])
            #expect(files[0]["is_dir"] as? Bool == true && files[0]["file_size"] == nil)
            #expect(files[1]["file_size"] == nil)
            let (_, fileListing) = try await client.getJSON("/api/2.0/mlflow-artifacts/artifacts?path=0/r1/artifacts/dir/a.txt")
            #expect(fileListing.isEmpty)
            let (missingStatus, _) = try await client.getJSON("/api/2.0/mlflow-artifacts/artifacts/0/none.txt")
            #expect(missingStatus == .notFound)
            try await client.execute(uri: "/api/2.0/mlflow-artifacts/artifacts/0/r1/artifacts/dir", method: .delete) { #expect($0.status == .ok) }
            let (goneStatus, _) = try await client.getJSON("/api/2.0/mlflow-artifacts/artifacts/0/r1/artifacts/dir/a.txt")
            #expect(goneStatus == .notFound)
        }
    }

    @Test("Path traversal is refused on every artifact route", arguments: [
        "..", "../x", "a/../../x", "%2e%2e/x", "%2e%2e%2fx", "%252e%252e%252fetc%252fpasswd", "%25252e%25252e/x", "..%5cx", "a%5c..%5cb",
        "%2fetc/passwd", "C:%5cWindows", "C:/Windows", "file:%2f%2f%2fetc%2fpasswd", "a%23b", "a%00b", "a%0ab",
    ])
    func traversal(input: String) async throws {
        try await TestServer.withServer { server, client in
            let sentinel = server.folder.appendingPathComponent("sentinel.txt")
            try "secret".write(to: sentinel, atomically: true, encoding: .utf8)
            for prefix in ["/api/2.0/mlflow-artifacts/artifacts/", "/ajax-api/2.0/mlflow-artifacts/artifacts/"] {
                for method in [HTTPRequest.Method.put, .get, .delete] {
                    try await client.execute(uri: prefix + input, method: method, body: ByteBuffer(string: "pwned")) { response in
                        #expect(response.status == .badRequest, "\(method) \(prefix)\(input)")
                    }
                }
            }
            let (listStatus, _) = try await client.getJSON("/api/2.0/mlflow-artifacts/artifacts?path=\(input)")
            #expect(listStatus == .badRequest, "list \(input)")
            #expect(try String(contentsOf: sentinel, encoding: .utf8) == "secret")
        }
    }
}
