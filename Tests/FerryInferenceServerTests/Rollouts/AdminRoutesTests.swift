import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import FerryInferenceServer

/// The admin API end to end through ``InferenceResponder``, with real tiny ONNX models: model `vk`
/// answers `k`, so each answer says which file served it.
@Suite struct AdminRoutesTests {
    let fixture: RolloutFixture

    init() throws {
        fixture = try RolloutFixture()
    }

    private func withApp(_ access: AdminAccess = .open, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(responder: fixture.responder(access))
        try await app.test(.router, body)
    }

    @Test func listAndShowDescribeEveryRole() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1", canary: "v2", percent: 10, stickyHeader: "x-user-id")
        try await withApp { client in
            let (status, list) = try await client.json(.get, "/admin/deployments")
            #expect(status == .ok)
            let deployments = try #require(list["deployments"] as? [[String: Any]])
            #expect(deployments.count == 1)
            let (showStatus, churn) = try await client.json(.get, "/admin/deployments/churn")
            #expect(showStatus == .ok)
            #expect(churn["name"] as? String == "churn")
            #expect(churn["primary"] as? String == "1")
            #expect(churn.object("canary")?["version"] as? String == "2")
            #expect(churn.object("canary")?["percent"] as? Double == 10)
            #expect(churn["shadow"] is NSNull)
            #expect(churn["previous"] is NSNull)
            #expect(churn["sticky_header"] as? String == "x-user-id")
            #expect(churn["ready"] as? Bool == true)
            #expect(churn.versionEntry("1")?["role"] as? String == "primary")
            #expect(churn.versionEntry("2")?["role"] as? String == "canary")
            #expect(churn.versionEntry("2")?["state"] as? String == "ready")
            #expect(churn.versionEntry("2")?["source"] as? String == fixture.path("v2"))
            #expect(churn.versionEntry("1")?["error"] == nil)
        }
    }

    @Test func canaryTrafficPromoteRollbackChangeWhoAnswers() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        try await withApp { client in
            #expect(try await client.infer("churn").1 == TinyAnswer(version: "1", value: 1))

            let (status, added) = try await client.json(.post, "/admin/deployments/churn/canary?wait=true", #"{"model": "\#(fixture.path("v2"))", "version": 7}"#)
            #expect(status == .ok)
            #expect(added.object("canary")?["version"] as? String == "7")
            #expect(added.object("canary")?["percent"] as? Double == 0)
            #expect(added.versionEntry("7")?["state"] as? String == "ready")
            // 0%: the primary answers, but the canary can be called directly.
            #expect(try await client.infer("churn").1?.version == "1")
            #expect(try await client.infer("churn", version: "7").1 == TinyAnswer(version: "7", value: 2))

            let (trafficStatus, traffic) = try await client.json(.post, "/admin/deployments/churn/traffic", #"{"percent": 100}"#)
            #expect(trafficStatus == .ok)
            #expect(traffic.object("canary")?["percent"] as? Double == 100)
            for _ in 0..<5 { #expect(try await client.infer("churn").1 == TinyAnswer(version: "7", value: 2)) }

            let (promoteStatus, promoted) = try await client.json(.post, "/admin/deployments/churn/promote")
            #expect(promoteStatus == .ok)
            #expect(promoted["primary"] as? String == "7")
            #expect(promoted["previous"] as? String == "1")
            #expect(promoted["canary"] is NSNull)
            #expect(promoted.versionEntry("1")?["role"] as? String == "previous")
            #expect(try await client.infer("churn").1?.version == "7")
            #expect(try await client.infer("churn", version: "1").1 == TinyAnswer(version: "1", value: 1))

            let (rollbackStatus, rolledBack) = try await client.json(.post, "/admin/deployments/churn/rollback", "{}")
            #expect(rollbackStatus == .ok)
            #expect(rolledBack["primary"] as? String == "1")
            #expect(try await client.infer("churn").1 == TinyAnswer(version: "1", value: 1))
            #expect(try await client.infer("churn", version: "7").0 == .notFound)
        }
    }

    @Test func waitingForACanaryThatFailsToLoadAnswers503() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        try await withApp { client in
            let (status, body) = try await client.json(.post, "/admin/deployments/churn/canary?wait=true", #"{"model": "\#(fixture.path("broken"))", "percent": 50}"#)
            #expect(status == .serviceUnavailable)
            #expect((body["error"] as? String)?.contains("failed to load") == true)
            let (_, churn) = try await client.json(.get, "/admin/deployments/churn")
            #expect(churn.versionEntry("2")?["state"] as? String == "failed")
            #expect((churn.versionEntry("2")?["error"] as? String)?.isEmpty == false)
            // A failed canary gets none of its 50%.
            for _ in 0..<10 { #expect(try await client.infer("churn").1?.version == "1") }
            let (promoteStatus, _) = try await client.json(.post, "/admin/deployments/churn/promote")
            #expect(promoteStatus == .serviceUnavailable)
        }
    }

    @Test func stickyHeaderKeepsACallerOnOneVersion() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1", canary: "v2", percent: 50, stickyHeader: "x-user-id")
        try await withApp { client in
            var seen: Set<String> = []
            for user in 0..<12 {
                let headers: HTTPFields = [HTTPField.Name("X-User-Id")!: "user-\(user)"]
                let versions = try await (0..<6).asyncMap { _ in try await client.infer("churn", headers: headers).1?.version }
                #expect(Set(versions).count == 1, "user-\(user) was answered by \(versions)")
                if let version = versions.first, let version { seen.insert(version) }
            }
            #expect(seen == ["1", "2"], "50% should put some of 12 users on each side")
        }
    }

    @Test func shadowGetsCopiesButNeverAnswers() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        try await withApp { client in
            let (status, added) = try await client.json(.post, "/admin/deployments/churn/shadow?wait=true", #"{"model": "\#(fixture.path("v3"))"}"#)
            #expect(status == .ok)
            #expect(added.object("shadow")?["version"] as? String == "2")
            #expect(added.object("shadow")?["percent"] as? Double == 100)
            for _ in 0..<10 { #expect(try await client.infer("churn").1 == TinyAnswer(version: "1", value: 1)) }
            #expect(try await client.infer("churn", version: "2").1?.value == 3)

            let (percentStatus, changed) = try await client.json(.post, "/admin/deployments/churn/shadow", #"{"percent": 25}"#)
            #expect(percentStatus == .ok)
            #expect(changed.object("shadow")?["percent"] as? Double == 25)

            let (removeStatus, removed) = try await client.json(.delete, "/admin/deployments/churn/shadow")
            #expect(removeStatus == .ok)
            #expect(removed["shadow"] is NSNull)
            #expect((removed["versions"] as? [Any])?.count == 1)
        }
    }

    @Test(arguments: [
        (HTTPRequest.Method.get, "/admin/deployments/nope", nil as String?, HTTPResponse.Status.notFound, "No deployment named 'nope'"),
        (.post, "/admin/deployments/nope/promote", nil, .notFound, "No deployment named 'nope'"),
        (.post, "/admin/deployments/churn/promote", nil, .badRequest, "no canary to promote"),
        (.post, "/admin/deployments/churn/rollback", nil, .badRequest, "no canary and no previous"),
        (.post, "/admin/deployments/churn/traffic", #"{"percent": 10}"#, .badRequest, "has no canary"),
        (.delete, "/admin/deployments/churn/shadow", nil, .badRequest, "has no shadow"),
        (.post, "/admin/deployments/churn/canary", #"{"model": "/no/such/file.onnx"}"#, .badRequest, "no file or folder"),
        (.post, "/admin/deployments/churn/canary", #"{"model": 5}"#, .badRequest, "'model' must be a non-empty string"),
        (.post, "/admin/deployments/churn/canary", #"{"percent": 5}"#, .badRequest, "Give the model"),
        (.post, "/admin/deployments/churn/canary", #"{"model": "models:/x/latest"}"#, .badRequest, "is not models:/NAME/VERSION"),
        (.post, "/admin/deployments/churn/canary", "{not json", .badRequest, "not valid JSON"),
        (.post, "/admin/deployments/churn/canary", "[1]", .badRequest, "must be a JSON object"),
        (.post, "/admin/deployments/churn/traffic", #"{"percentage": 10}"#, .badRequest, "Unknown field(s) percentage"),
        (.post, "/admin/deployments/churn/traffic", #"{"percent": 150}"#, .badRequest, "from 0 to 100, got 150"),
        (.post, "/admin/deployments/churn/traffic", #"{"percent": "10"}"#, .badRequest, "from 0 to 100"),
        (.post, "/admin/deployments/churn/traffic", "{}", .badRequest, "{\"percent\": 25}"),
        (.post, "/admin/deployments/churn/promote", #"{"force": true}"#, .badRequest, "takes no fields"),
        (.post, "/admin/deployments/churn/canary?wait=maybe", #"{"model": "x"}"#, .badRequest, "wait must be true or false"),
        (.get, "/admin/deployments/churn/promote", nil, .methodNotAllowed, "use POST"),
        (.delete, "/admin/deployments/churn", nil, .methodNotAllowed, "use GET"),
        (.post, "/admin/deployments/churn/explode", nil, .notFound, "No admin action 'explode'"),
        (.get, "/admin/other", nil, .notFound, "No admin endpoint"),
        (.get, "/admin/deployments/churn/canary/x", nil, .notFound, "No admin endpoint"),
    ])
    func refusalsAreJSONErrorsWithTheirStatus(method: HTTPRequest.Method, uri: String, body: String?, status: HTTPResponse.Status, message: String)
        async throws
    {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        try await withApp { client in
            let (answered, object) = try await client.json(method, uri, body)
            #expect(answered == status)
            let error = object["error"] as? String
            #expect(error?.contains(message) == true, "\(error ?? "no error member")")
        }
        #expect(fixture.table.deployment("churn")?.versions.map(\.version) == ["1"], "a refusal changes nothing")
    }

    @Test func aTokenGuardsTheAdminAPIButNotInference() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        try await withApp(.bearerToken("s3cret")) { client in
            for headers: HTTPFields in [[:], [.authorization: "Bearer wrong"], [.authorization: "Bearer s3cret2"], [.authorization: "s3cret"]] {
                try await client.execute(uri: "/admin/deployments", method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                    #expect(String(buffer: response.body).contains("Authorization: Bearer TOKEN"))
                }
            }
            let (status, _) = try await client.json(.post, "/admin/deployments/churn/promote", nil, headers: [.authorization: "Bearer wrong"])
            #expect(status == .unauthorized)
            let (allowed, _) = try await client.json(.get, "/admin/deployments", nil, headers: [.authorization: "Bearer s3cret"])
            #expect(allowed == .ok)
            #expect(try await client.infer("churn").0 == .ok)
        }
    }

    @Test func withoutAdminAccessTheAdminPathsAreUnknown() async throws {
        defer { fixture.remove() }
        try await fixture.start(primary: "v1")
        try await withApp(.disabled) { client in
            let (status, object) = try await client.json(.get, "/admin/deployments")
            #expect(status == .notFound)
            #expect((object["error"] as? String)?.contains("No endpoint") == true)
        }
    }

    @Test func constantTimeComparison() {
        #expect(AdminAPI.constantTimeEqual("abc", "abc"))
        #expect(!AdminAPI.constantTimeEqual("abc", "abd"))
        #expect(!AdminAPI.constantTimeEqual("abc", "abcd"))
        #expect(!AdminAPI.constantTimeEqual("", "a"))
        #expect(AdminAPI.constantTimeEqual("", ""))
    }
}

extension Sequence {
    /// `transform` applied to each element in turn.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
