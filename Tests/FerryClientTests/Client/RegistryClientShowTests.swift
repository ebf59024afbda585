import FerryClient
import Foundation
import Testing

/// The reads behind `ferry models show`.
@Suite struct RegistryClientShowTests {
    @Test func anOverviewHasTheModelAndItsVersionsNewestFirst() async throws {
        let transport = FakeTransport { request in
            request.path.hasSuffix("registered-models/get")
                ? ok(#"{"registered_model": {"name": "churn"}}"#)
                : ok(#"{"model_versions": [{"name": "churn", "version": "2"}, {"name": "churn", "version": "10"}, {"name": "churn", "version": "9"}]}"#)
        }
        let overview = try await RegistryClient(transport: transport).overview(of: "churn")
        #expect(overview.registeredModel.name == "churn")
        #expect(overview.modelVersions.map(\.version) == ["10", "9", "2"])
    }

    @Test func aVersionDetailHasItsRunAndDownloadURI() async throws {
        let transport = FakeTransport { request in
            switch request.path {
            case "/api/2.0/mlflow/registered-models/alias": ok(#"{"model_version": {"name": "churn", "version": "3", "run_id": "r1"}}"#)
            case "/api/2.0/mlflow/runs/get": ok(#"{"run": {"info": {"run_id": "r1"}}}"#)
            default: ok(#"{"artifact_uri": "s3://models/churn/3"}"#)
            }
        }
        let detail = try await RegistryClient(transport: transport).versionDetail(name: "churn", alias: "champion")
        #expect(detail.run?.info.runID == "r1")
        #expect(detail.downloadURI == "s3://models/churn/3")
        #expect(detail.problems.isEmpty)
        #expect(await transport.requests.first { $0.path.hasSuffix("get-download-uri") }?.queryPairs == ["name=churn", "version=3"])
    }

    @Test func anUnreadableRunIsAProblemNotAFailure() async throws {
        let transport = FakeTransport { request in
            switch request.path {
            case "/api/2.0/mlflow/model-versions/get": ok(#"{"model_version": {"name": "churn", "version": "3", "run_id": "gone"}}"#)
            case "/api/2.0/mlflow/runs/get":
                TransportResponse(status: 404, body: Data(#"{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Run 'gone' not found"}"#.utf8))
            default: ok(#"{"artifact_uri": "s3://models/churn/3"}"#)
            }
        }
        let detail = try await RegistryClient(transport: transport).versionDetail(name: "churn", version: "3")
        #expect(detail.run == nil)
        #expect(detail.problems == ["The run gone could not be read: RESOURCE_DOES_NOT_EXIST: Run 'gone' not found"])
    }

    @Test func aVersionWithoutARunAsksForNoRun() async throws {
        let transport = FakeTransport { request in
            request.path.hasSuffix("model-versions/get")
                ? ok(#"{"model_version": {"name": "churn", "version": "1"}}"#) : ok(#"{"artifact_uri": "s3://x"}"#)
        }
        let detail = try await RegistryClient(transport: transport).versionDetail(name: "churn", version: "1")
        #expect(detail.run == nil)
        #expect(detail.problems.isEmpty)
        #expect(await !transport.requests.contains { $0.path.hasSuffix("runs/get") })
    }
}
