import FerryClient
import Foundation
import Testing

/// Each RegistryClient method sends the MLflow request it should and reads the answer.
@Suite struct RegistryClientRequestTests {
    @Test func getsARegisteredModel() async throws {
        let transport = FakeTransport(json: #"{"registered_model": {"name": "churn", "aliases": [{"alias": "champion", "version": "3"}]}}"#)
        let model = try await RegistryClient(transport: transport).registeredModel(name: "churn")
        #expect(model.aliases == [RegisteredModelAlias(alias: "champion", version: "3")])
        let request = try #require(await transport.requests.first)
        #expect(request == TransportRequest(method: "GET", path: "/api/2.0/mlflow/registered-models/get", query: [URLQueryItem(name: "name", value: "churn")]))
    }

    @Test func searchesRegisteredModelsWithOnlyTheGivenParameters() async throws {
        let transport = FakeTransport(json: #"{"registered_models": [{"name": "a"}], "next_page_token": "t2"}"#)
        let client = RegistryClient(transport: transport)
        let page = try await client.searchRegisteredModels(filter: "name LIKE 'c%'", maxResults: 10, pageToken: "t1")
        #expect(page.items.map(\.name) == ["a"])
        #expect(page.nextPageToken == "t2")
        _ = try await client.searchRegisteredModels()
        let requests = await transport.requests
        #expect(requests.map(\.path) == ["/api/2.0/mlflow/registered-models/search", "/api/2.0/mlflow/registered-models/search"])
        #expect(requests[0].queryPairs == ["filter=name LIKE 'c%'", "max_results=10", "page_token=t1"])
        #expect(requests[1].queryPairs.isEmpty)
    }

    @Test func readsAnEmptySearchAnswerAsAnEmptyPage() async throws {
        let page = try await RegistryClient(transport: FakeTransport(json: "{}")).searchModelVersions(filter: "name='x'")
        #expect(page == Page(items: [], nextPageToken: nil))
    }

    @Test func getsAModelVersionAndAnAliasTarget() async throws {
        let transport = FakeTransport(json: #"{"model_version": {"name": "churn", "version": "3", "aliases": ["champion"]}}"#)
        let client = RegistryClient(transport: transport)
        #expect(try await client.modelVersion(name: "churn", version: "3").aliases == ["champion"])
        #expect(try await client.versionByAlias(name: "churn", alias: "champion").version == "3")
        let requests = await transport.requests
        #expect(requests[0].path == "/api/2.0/mlflow/model-versions/get")
        #expect(requests[0].queryPairs == ["name=churn", "version=3"])
        #expect(requests[1].method == "GET")
        #expect(requests[1].path == "/api/2.0/mlflow/registered-models/alias")
        #expect(requests[1].queryPairs == ["name=churn", "alias=champion"])
    }

    @Test func listsOneModelsVersionsWithAQuotedNameFilter() async throws {
        let transport = FakeTransport(json: #"{"model_versions": [{"name": "it's", "version": "1"}]}"#)
        _ = try await RegistryClient(transport: transport).modelVersions(of: "it's")
        let request = try #require(await transport.requests.first)
        #expect(request.path == "/api/2.0/mlflow/model-versions/search")
        #expect(request.queryPairs == [#"filter=name="it's""#])
    }

    @Test func setsAndDeletesAliasesWithJSONBodies() async throws {
        let transport = FakeTransport(json: "{}")
        let client = RegistryClient(transport: transport)
        try await client.setAlias(name: "churn", alias: "champion", version: "3")
        try await client.deleteAlias(name: "churn", alias: "champion")
        let requests = await transport.requests
        #expect(requests.map(\.method) == ["POST", "DELETE"])
        #expect(requests.allSatisfy { $0.path == "/api/2.0/mlflow/registered-models/alias" && $0.query.isEmpty })
        #expect(requests[0].bodyText == #"{"alias":"champion","name":"churn","version":"3"}"#)
        #expect(requests[1].bodyText == #"{"alias":"champion","name":"churn"}"#)
    }

    @Test func transitionsAStage() async throws {
        let transport = FakeTransport(json: #"{"model_version": {"name": "churn", "version": "3", "current_stage": "Production"}}"#)
        let version = try await RegistryClient(transport: transport)
            .transitionStage(name: "churn", version: "3", stage: "Production", archiveExistingVersions: true)
        #expect(version.currentStage == "Production")
        let request = try #require(await transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/api/2.0/mlflow/model-versions/transition-stage")
        #expect(request.bodyText == #"{"archive_existing_versions":true,"name":"churn","stage":"Production","version":"3"}"#)
    }

    @Test func getsADownloadURI() async throws {
        let transport = FakeTransport(json: #"{"artifact_uri": "mlflow-artifacts:/1/abc/artifacts/model"}"#)
        #expect(try await RegistryClient(transport: transport).downloadURI(name: "churn", version: "3") == "mlflow-artifacts:/1/abc/artifacts/model")
        let request = try #require(await transport.requests.first)
        #expect(request.path == "/api/2.0/mlflow/model-versions/get-download-uri")
        #expect(request.queryPairs == ["name=churn", "version=3"])
    }

    @Test func getsARun() async throws {
        let transport = FakeTransport(json: #"{"run": {"info": {"run_id": "abc", "status": "FINISHED"}, "data": {}}}"#)
        let run = try await RegistryClient(transport: transport).run(id: "abc")
        #expect(run.info.status == "FINISHED")
        #expect(run.inputs.datasetInputs.isEmpty)
        let request = try #require(await transport.requests.first)
        #expect(request.path == "/api/2.0/mlflow/runs/get")
        #expect(request.queryPairs == ["run_id=abc"])
    }

    @Test func getsAuditEvents() async throws {
        let body = #"""
            {"events": [{"id": 1, "timestamp": 1795867382085, "actor": "alice", "action": "transition_stage", "name": "churn",
                         "version": "2", "before": {"current_stage": "None"}, "after": {"current_stage": "Production"}}],
             "next_page_token": "abc"}
            """#
        let transport = FakeTransport(json: body)
        let page = try await RegistryClient(transport: transport)
            .auditEvents(name: "churn", version: "2", since: 1_795_867_200_000, maxResults: 50, pageToken: "xyz")
        #expect(page.items == [
            AuditEvent(
                id: 1, timestamp: 1_795_867_382_085, actor: "alice", action: "transition_stage", name: "churn", version: "2",
                before: ["current_stage": "None"], after: ["current_stage": "Production"]),
        ])
        #expect(page.nextPageToken == "abc")
        let request = try #require(await transport.requests.first)
        #expect(request.method == "GET")
        #expect(request.path == "/api/2.0/ferry/registry/audit-events")
        #expect(request.queryPairs == ["name=churn", "version=2", "since=1795867200000", "max_results=50", "page_token=xyz"])
    }
}
