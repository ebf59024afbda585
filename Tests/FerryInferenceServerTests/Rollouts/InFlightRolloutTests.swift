import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FerryInferenceServer

/// Requests keep being answered while the rollout changes under them.
@Suite struct InFlightRolloutTests {
    @Test func noRequestIsDroppedAcrossPromoteAndRollback() async throws {
        let fixture = try RolloutFixture()
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        let app = Application(responder: fixture.responder())
        try await app.test(.live) { client in
            let (status, _) = try await client.json(.post, "/admin/deployments/churn/canary?wait=true", #"{"model": "\#(fixture.path("v2"))", "percent": 50}"#)
            #expect(status == .ok)
            let results = try await withThrowingTaskGroup(of: [(HTTPResponse.Status, TinyAnswer?)].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var answers: [(HTTPResponse.Status, TinyAnswer?)] = []
                        for _ in 0..<40 { answers.append(try await client.infer("churn")) }
                        return answers
                    }
                }
                group.addTask {
                    // Switch back and forth while the requests run: promote, roll back, canary again.
                    for round in 0..<6 {
                        let (promoted, _) = try await client.json(.post, "/admin/deployments/churn/promote")
                        let (rolledBack, _) = try await client.json(.post, "/admin/deployments/churn/rollback")
                        let canaryModel = round.isMultiple(of: 2) ? "v3" : "v2"
                        let (canary, _) = try await client.json(
                            .post, "/admin/deployments/churn/canary?wait=true", #"{"model": "\#(fixture.path(canaryModel))", "percent": 50}"#)
                        #expect([promoted, rolledBack, canary] == [.ok, .ok, .ok])
                    }
                    return []
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(results.count == 160)
            #expect(results.allSatisfy { $0.0 == .ok }, "statuses: \(Set(results.map(\.0.code)))")
            #expect(results.allSatisfy { $0.1 != nil })
        }
    }
}
