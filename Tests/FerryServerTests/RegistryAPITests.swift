import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Model registry REST routes")
struct RegistryAPITests {
    @Test("Registered model, versions, stage transition, alias and download URI through the API")
    func registryFlow() async throws {
        try await TestServer.withServer { _, client in
            let (status, created) = try await client.postJSON("/api/2.0/mlflow/registered-models/create", #"{"name": "churn", "description": "d"}"#)
            #expect(status == .ok)
            #expect((created["registered_model"] as? [String: Any])?["name"] as? String == "churn")
            let (dupStatus, dup) = try await client.postJSON("/api/2.0/mlflow/registered-models/create", #"{"name": "churn"}"#)
            #expect(dupStatus == .badRequest && dup["error_code"] as? String == "RESOURCE_ALREADY_EXISTS")
            var runRoots: [String] = []
            for _ in 1...2 {
                let (_, run) = try await client.postJSON("/api/2.0/mlflow/runs/create", #"{"experiment_id": "0"}"#)
                let info = try #require((run["run"] as? [String: Any])?["info"] as? [String: Any])
                let runID = try #require(info["run_id"] as? String), root = try #require(info["artifact_uri"] as? String)
                runRoots.append(root)
                let (versionStatus, _) = try await client.postJSON(
                    "/api/2.0/mlflow/model-versions/create", #"{"name": "churn", "source": "\#(root)/model", "run_id": "\#(runID)"}"#)
                #expect(versionStatus == .ok)
            }
            // a source outside the run's artifacts is refused, and uses up no version number
            let (outside, outsideBody) = try await client.postJSON(
                "/api/2.0/mlflow/model-versions/create", #"{"name": "churn", "source": "mlflow-artifacts:/0/elsewhere/artifacts/model"}"#)
            #expect(outside == .badRequest && outsideBody["error_code"] as? String == "INVALID_PARAMETER_VALUE")
            let (_, got) = try await client.getJSON("/api/2.0/mlflow/model-versions/get?name=churn&version=2")
            let version = try #require(got["model_version"] as? [String: Any])
            #expect(version["version"] as? String == "2" && version["status"] as? String == "READY" && version["current_stage"] as? String == "None")
            let (badVersion, badBody) = try await client.getJSON("/api/2.0/mlflow/model-versions/get?name=churn&version=two")
            #expect(badVersion == .badRequest && badBody["error_code"] as? String == "INVALID_PARAMETER_VALUE")
            let (missingVersion, _) = try await client.getJSON("/api/2.0/mlflow/model-versions/get?name=churn&version=9")
            #expect(missingVersion == .notFound)
            let (_, moved) = try await client.postJSON(
                "/api/2.0/mlflow/model-versions/transition-stage",
                #"{"name": "churn", "version": "2", "stage": "production", "archive_existing_versions": true}"#)
            #expect((moved["model_version"] as? [String: Any])?["current_stage"] as? String == "Production")
            let (aliasStatus, _) = try await client.postJSON("/api/2.0/mlflow/registered-models/alias", #"{"name": "churn", "alias": "champion", "version": "2"}"#)
            #expect(aliasStatus == .ok)
            let (_, byAlias) = try await client.getJSON("/api/2.0/mlflow/registered-models/alias?name=churn&alias=champion")
            #expect((byAlias["model_version"] as? [String: Any])?["version"] as? String == "2")
            let (unknownAlias, unknownBody) = try await client.getJSON("/api/2.0/mlflow/registered-models/alias?name=churn&alias=nope")
            #expect(unknownAlias == .badRequest && unknownBody["error_code"] as? String == "INVALID_PARAMETER_VALUE")
            let (reserved, _) = try await client.postJSON("/api/2.0/mlflow/registered-models/alias", #"{"name": "churn", "alias": "latest", "version": "1"}"#)
            #expect(reserved == .badRequest)
            let (_, uri) = try await client.getJSON("/api/2.0/mlflow/model-versions/get-download-uri?name=churn&version=1")
            #expect(uri["artifact_uri"] as? String == runRoots[0] + "/model")
            let (_, model) = try await client.getJSON("/api/2.0/mlflow/registered-models/get?name=churn")
            let registered = try #require(model["registered_model"] as? [String: Any])
            #expect((registered["aliases"] as? [[String: Any]])?.first?["alias"] as? String == "champion")
            #expect((registered["latest_versions"] as? [[String: Any]])?.count == 2)
        }
    }
}
