import Foundation
import Testing

@testable import FerryInferenceServer

@Suite struct RolloutControllerTests {
    let fixture: RolloutFixture

    init() throws {
        fixture = try RolloutFixture()
    }

    private var controller: RolloutController { fixture.controller }

    /// Adds `model` as the canary of churn and waits for its load.
    @discardableResult
    private func canary(_ model: String, version: String? = nil, percent: Double? = nil) async throws -> Deployment {
        let (_, load) = try await controller.setCanary("churn", .init(source: fixture.source(model), version: version, percent: percent))
        await load.value
        return try #require(fixture.table.deployment("churn"))
    }

    @Test func canaryTrafficPromoteRollback() async throws {
        defer { fixture.remove() }
        let started = try await fixture.start(primary: "v1")
        #expect(started.primary == "1")
        #expect(started.version("1")?.isReady == true)

        let withCanary = try await canary("v2", percent: 10)
        #expect(withCanary.canary == TrafficShare(version: "2", percent: 10))
        #expect(withCanary.version("2")?.isReady == true)
        #expect(withCanary.role(of: "2") == "canary")

        #expect(try controller.setTraffic("churn", percent: 60).canary?.percent == 60)

        let promoted = try controller.promote("churn")
        #expect(promoted.primary == "2")
        #expect(promoted.canary == nil)
        #expect(promoted.previous == "1")
        #expect(promoted.version("1")?.isReady == true, "the previous version stays loaded")
        #expect(promoted.role(of: "1") == "previous")

        let rolledBack = try controller.rollback("churn")
        #expect(rolledBack.primary == "1")
        #expect(rolledBack.previous == nil)
        #expect(rolledBack.canary == nil)
        #expect(rolledBack.versions.map(\.version) == ["1"], "the rolled-back version is unloaded")
    }

    @Test func rollbackWithACanaryDropsItAndKeepsThePrimary() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        try await canary("v2", percent: 50)
        let rolledBack = try controller.rollback("churn")
        #expect(rolledBack.primary == "1")
        #expect(rolledBack.canary == nil)
        #expect(rolledBack.version("2") == nil)
    }

    @Test func rollbackAfterPromoteAndANewCanaryDropsOnlyTheCanary() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        try await canary("v2", percent: 10)
        try controller.promote("churn")
        try await canary("v3", percent: 10)
        let first = try controller.rollback("churn")
        #expect(first.primary == "2")
        #expect(first.previous == "1")
        #expect(first.canary == nil)
        let second = try controller.rollback("churn")
        #expect(second.primary == "1")
        #expect(Set(second.versions.map(\.version)) == ["1"])
    }

    @Test func replacingACanaryUnloadsTheOldOne() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        try await canary("v2", version: "b", percent: 10)
        let replaced = try await canary("v3", version: "c", percent: 20)
        #expect(replaced.canary == TrafficShare(version: "c", percent: 20))
        #expect(replaced.version("b") == nil)
        #expect(replaced.versions.map(\.version) == ["1", "c"])
    }

    @Test func canaryOfTheSameVersionAgainOnlyChangesItsPercent() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        try await canary("v2", version: "2", percent: 10)
        let again = try await canary("v2", version: "2", percent: 40)
        #expect(again.canary == TrafficShare(version: "2", percent: 40))
        #expect(again.versions.count == 2)
    }

    @Test func thePreviousVersionCanComeBackAsACanaryWithoutReloading() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        try await canary("v2", version: "2", percent: 10)
        try controller.promote("churn")
        let (deployment, _) = try await controller.setCanary("churn", .init(source: fixture.source("v1"), version: "1", percent: 5))
        #expect(deployment.canary == TrafficShare(version: "1", percent: 5))
        #expect(deployment.version("1")?.isReady == true, "reused at once, still loaded")
    }

    @Test func promotingACanaryThatIsNotReadyIsRefused() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        try await canary("broken", percent: 50)
        #expect(fixture.table.deployment("churn")?.version("2")?.failure != nil)
        #expect(throws: ServingError.self) { try controller.promote("churn") }
        #expect(fixture.table.deployment("churn")?.primary == "1")
    }

    @Test func errorsSayWhatIsMissing() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        func failure(_ body: () throws -> Deployment) -> ServingError? {
            do {
                _ = try body()
                return nil
            } catch {
                return error as? ServingError
            }
        }
        #expect(failure { try controller.promote("churn") }?.message.contains("no canary") == true)
        #expect(failure { try controller.rollback("churn") }?.status == .badRequest)
        #expect(failure { try controller.setTraffic("churn", percent: 10) }?.message.contains("no canary") == true)
        #expect(failure { try controller.removeShadow("churn") }?.message.contains("no shadow") == true)
        #expect(failure { try controller.promote("nope") }?.status == .notFound)
        try await canary("v2", percent: 10)
        #expect(failure { try controller.setTraffic("churn", percent: 101) }?.status == .badRequest)
        #expect(failure { try controller.setTraffic("churn", percent: -1) }?.status == .badRequest)
        #expect(failure { try controller.setTraffic("churn", percent: .nan) }?.status == .badRequest)
        #expect(fixture.table.deployment("churn")?.canary?.percent == 10, "a refused change changes nothing")
    }

    @Test func canaryAndShadowMustBeOtherVersions() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        await #expect(throws: ServingError.self) {
            _ = try await controller.setCanary("churn", .init(source: fixture.source("v1"), version: "1"))
        }
        await #expect(throws: ServingError.self) {
            _ = try await controller.setShadow("churn", .init(source: fixture.source("v1"), version: "1"))
        }
        try await canary("v2", version: "2")
        await #expect(throws: ServingError.self) {
            _ = try await controller.setShadow("churn", .init(source: fixture.source("v2"), version: "2"))
        }
        await #expect(throws: ServingError.self) {
            _ = try await controller.setCanary("churn", .init(source: fixture.source("v3"), version: "1"))
        }
        await #expect(throws: ServingError.self) {
            _ = try await controller.setCanary("churn", .init(source: fixture.source("v3"), version: "bad/label"))
        }
    }

    @Test func shadowInPercentAndOut() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        let (added, load) = try await controller.setShadow("churn", .init(source: fixture.source("v3")))
        await load.value
        #expect(added.shadow == TrafficShare(version: "2", percent: 100))
        #expect(fixture.table.deployment("churn")?.version("2")?.isReady == true)
        #expect(try controller.setShadowTraffic("churn", percent: 30).shadow?.percent == 30)
        let removed = try controller.removeShadow("churn")
        #expect(removed.shadow == nil)
        #expect(removed.versions.map(\.version) == ["1"])
    }

    @Test func rollingBackToAShadowedPreviousEndsTheShadow() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        try await canary("v2", version: "2", percent: 10)
        try controller.promote("churn")
        _ = try await controller.setShadow("churn", .init(source: fixture.source("v1"), version: "1"))
        let rolledBack = try controller.rollback("churn")
        #expect(rolledBack.primary == "1")
        #expect(rolledBack.shadow == nil)
    }

    @Test func aLoadResultOnlyLandsOnTheVersionItLoaded() throws {
        defer { fixture.remove() }
        let table = DeploymentTable()
        try table.add(Deployment(name: "churn", versions: [ServedVersion(version: "2", source: fixture.source("v2"))], primary: "2"))
        // A slow load of an earlier version "2" from another file (a dropped canary) finishes late.
        table.setState("churn", version: "2", source: fixture.source("broken"), .failed("bad"))
        #expect(table.deployment("churn")?.version("2")?.stateName == "loading")
        table.setState("churn", version: "2", source: fixture.source("v2"), .failed("bad"))
        #expect(table.deployment("churn")?.version("2")?.stateName == "failed")
    }
}
