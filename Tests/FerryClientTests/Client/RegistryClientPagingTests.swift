import FerryClient
import Foundation
import Testing

/// The list-all helpers follow `next_page_token` and honour limits.
@Suite struct RegistryClientPagingTests {
    /// Answers registered-model searches from `pages`, keyed by the page token asked for ("" for the first).
    private func modelPages(_ pages: [String: String]) -> FakeTransport {
        FakeTransport { request in
            ok(pages[request.queryValue("page_token") ?? ""] ?? #"{"registered_models": []}"#)
        }
    }

    @Test func followsPageTokensToTheEnd() async throws {
        let transport = modelPages([
            "": #"{"registered_models": [{"name": "a"}, {"name": "b"}], "next_page_token": "p2"}"#,
            "p2": #"{"registered_models": [{"name": "c"}], "next_page_token": "p3"}"#,
            "p3": #"{"registered_models": [{"name": "d"}]}"#,
        ])
        let models = try await RegistryClient(transport: transport).allRegisteredModels(filter: "name LIKE '%'")
        #expect(models.map(\.name) == ["a", "b", "c", "d"])
        let requests = await transport.requests
        #expect(requests.map { $0.queryValue("page_token") } == [nil, "p2", "p3"])
        #expect(requests.allSatisfy { $0.queryValue("filter") == "name LIKE '%'" })
    }

    @Test func stopsAtTheLimitAndAsksOnlyForWhatIsLeft() async throws {
        let transport = modelPages([
            "": #"{"registered_models": [{"name": "a"}, {"name": "b"}], "next_page_token": "p2"}"#,
            "p2": #"{"registered_models": [{"name": "c"}, {"name": "d"}], "next_page_token": "p3"}"#,
        ])
        let models = try await RegistryClient(transport: transport).allRegisteredModels(pageSize: 2, limit: 3)
        #expect(models.map(\.name) == ["a", "b", "c"])
        #expect(await transport.requests.map { $0.queryValue("max_results") } == ["2", "1"])
    }

    @Test func capsPageSizesAtWhatTheServerAllows() async throws {
        let models = FakeTransport(json: "{}")
        _ = try await RegistryClient(transport: models).allRegisteredModels(limit: 5000)
        #expect(await models.requests.first?.queryValue("max_results") == "1000")
        let audit = FakeTransport(json: #"{"events": []}"#)
        _ = try await RegistryClient(transport: audit).allAuditEvents(limit: 50_000)
        #expect(await audit.requests.first?.queryValue("max_results") == "10000")
    }

    @Test func stopsWhenTheServerRepeatsAToken() async throws {
        let transport = FakeTransport(json: #"{"model_versions": [{"name": "a", "version": "1"}], "next_page_token": "same"}"#)
        let versions = try await RegistryClient(transport: transport).allModelVersions()
        #expect(versions.count == 2)
        #expect(await transport.requests.count == 2)
    }

    @Test func followsAuditPagesWithTheSameFilters() async throws {
        let transport = FakeTransport { request in
            switch request.queryValue("page_token") {
            case nil: ok(#"{"events": [{"id": 1, "timestamp": 1, "actor": "a", "action": "set_alias", "name": "churn"}], "next_page_token": "2"}"#)
            default: ok(#"{"events": [{"id": 2, "timestamp": 2, "actor": "a", "action": "delete_alias", "name": "churn"}]}"#)
            }
        }
        let events = try await RegistryClient(transport: transport).allAuditEvents(name: "churn", since: 5)
        #expect(events.map(\.id) == [1, 2])
        #expect(await transport.requests.map(\.queryPairs) == [["name=churn", "since=5"], ["name=churn", "since=5", "page_token=2"]])
    }
}
