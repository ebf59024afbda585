import FerryClient
import Foundation
import Testing

/// Alias moves and promotions report what changed, and change nothing when the version is unknown.
@Suite struct RegistryClientPromotionTests {
    /// A registry of model `churn` with versions 1–3; version 2 is in Production and holds `champion`.
    /// The stages after a transition are what `afterTransition` says.
    private func registry(afterTransition: [String: String] = [:], versionExists: Bool = true) -> FakeTransport {
        let stagesBefore = ["1": "None", "2": "Production", "3": "Staging"]
        let transitioned = SharedFlag()
        return FakeTransport { request in
            switch (request.method, request.path) {
            case ("GET", "/api/2.0/mlflow/registered-models/get"):
                return ok(#"{"registered_model": {"name": "churn", "aliases": [{"alias": "champion", "version": "2"}]}}"#)
            case ("GET", "/api/2.0/mlflow/model-versions/get"):
                guard versionExists else {
                    return TransportResponse(
                        status: 404, body: Data(#"{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "Model Version (name=churn, version=9) not found"}"#.utf8))
                }
                return ok(#"{"model_version": {"name": "churn", "version": "\#(request.queryValue("version") ?? "")"}}"#)
            case ("GET", "/api/2.0/mlflow/model-versions/search"):
                let stages = transitioned.isSet ? stagesBefore.merging(afterTransition) { $1 } : stagesBefore
                let versions = stages.keys.sorted().map { #"{"name": "churn", "version": "\#($0)", "current_stage": "\#(stages[$0]!)"}"# }
                return ok(#"{"model_versions": [\#(versions.joined(separator: ","))]}"#)
            case ("POST", "/api/2.0/mlflow/model-versions/transition-stage"):
                transitioned.set()
                return ok(#"{"model_version": {"name": "churn", "version": "3"}}"#)
            default:
                return ok("{}")
            }
        }
    }

    @Test func promotionMovesTheAliasAndReportsTheStagesThatChanged() async throws {
        let transport = registry(afterTransition: ["3": "Production", "2": "Archived"])
        let promotion = try await RegistryClient(transport: transport).promote(name: "churn", version: "3", stage: "Production")
        #expect(promotion.alias == AliasChange(name: "churn", alias: "champion", previousVersion: "2", version: "3"))
        #expect(promotion.stageChanges == [
            StageChange(name: "churn", version: "3", previousStage: "Staging", stage: "Production"),
            StageChange(name: "churn", version: "2", previousStage: "Production", stage: "Archived"),
        ])
        let requests = await transport.requests
        let transition = try #require(requests.first { $0.path.hasSuffix("transition-stage") })
        #expect(transition.bodyText == #"{"archive_existing_versions":true,"name":"churn","stage":"Production","version":"3"}"#)
        let setAlias = try #require(requests.last)
        #expect(setAlias.method == "POST")
        #expect(setAlias.bodyText == #"{"alias":"champion","name":"churn","version":"3"}"#)
    }

    @Test func keepingExistingVersionsSaysSoToTheServer() async throws {
        let transport = registry(afterTransition: ["3": "Production"])
        let promotion = try await RegistryClient(transport: transport)
            .promote(name: "churn", version: "3", alias: "challenger", stage: "Production", archiveExistingVersions: false)
        #expect(promotion.alias.previousVersion == nil)
        #expect(promotion.stageChanges.map(\.version) == ["3"])
        let transition = try #require(await transport.requests.first { $0.path.hasSuffix("transition-stage") })
        #expect(transition.bodyText?.contains(#""archive_existing_versions":false"#) == true)
    }

    @Test func promotionWithoutAStageOnlyMovesTheAlias() async throws {
        let transport = registry()
        let promotion = try await RegistryClient(transport: transport).promote(name: "churn", version: "3")
        #expect(promotion.stageChanges.isEmpty)
        #expect(promotion.requestedStage == nil)
        #expect(await transport.requests.map(\.method) == ["GET", "GET", "POST"])
    }

    @Test func anUnknownVersionChangesNothing() async throws {
        let transport = registry(versionExists: false)
        await #expect(throws: FerryClientError.self) {
            try await RegistryClient(transport: transport).promote(name: "churn", version: "9", stage: "Production")
        }
        #expect(await transport.requests.allSatisfy { $0.method == "GET" })
    }

    @Test func movingAnAliasReportsItsPreviousVersion() async throws {
        let transport = registry()
        let client = RegistryClient(transport: transport)
        #expect(try await client.moveAlias(name: "churn", alias: "champion", to: "3") == AliasChange(name: "churn", alias: "champion", previousVersion: "2", version: "3"))
        #expect(try await client.moveAlias(name: "churn", alias: "champion", to: "2").isUnchanged)
        #expect(try await client.removeAlias(name: "churn", alias: "champion") == AliasChange(name: "churn", alias: "champion", previousVersion: "2", version: nil))
        #expect(await transport.requests.filter { $0.method != "GET" }.map(\.method) == ["POST", "DELETE"])
    }
}
