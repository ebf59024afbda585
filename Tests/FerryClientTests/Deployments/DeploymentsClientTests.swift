import FerryClient
import Foundation
import Testing

/// `ferry deployments`: the admin API client and what it prints.
@Suite struct DeploymentsClientTests {
    static let churn = #"""
        {"name": "churn", "primary": "3", "canary": {"version": "4", "percent": 10}, "shadow": {"version": "5", "percent": 100},
         "previous": "2", "sticky_header": "x-user-id", "ready": true,
         "versions": [
           {"version": "2", "source": "models:/churn/2", "state": "ready", "role": "previous"},
           {"version": "3", "source": "models:/churn/3", "state": "ready", "role": "primary"},
           {"version": "4", "source": "/models/churn-v4.onnx", "state": "ready", "role": "canary"},
           {"version": "5", "source": "/models/churn-v5.onnx", "state": "failed", "error": "not ONNX", "role": "shadow"}]}
        """#

    @Test func changesSendTheirFieldsAndDecodeTheDeployment() async throws {
        let transport = FakeTransport(json: Self.churn)
        let client = DeploymentsClient(transport: transport, serverURL: "http://127.0.0.1:8080")
        let answer = try await client.setCanary("churn", model: "/models/churn-v4.onnx", version: "4", percent: 10, wait: true)
        #expect(answer.value.canary?.percent == 10)
        #expect(answer.value.version("5")?.error == "not ONNX")
        #expect(answer.value.stickyHeader == "x-user-id")
        _ = try await client.promote("churn")
        _ = try await client.setShadow("churn", model: nil, version: nil, percent: 20, wait: false)
        _ = try await client.removeShadow("churn")
        let requests = await transport.requests
        #expect(requests.map { "\($0.method) \($0.path)" } == [
            "POST /admin/deployments/churn/canary", "POST /admin/deployments/churn/promote", "POST /admin/deployments/churn/shadow",
            "DELETE /admin/deployments/churn/shadow",
        ])
        #expect(requests[0].queryPairs == ["wait=true"])
        let canaryBody = try #require(requests[0].jsonBody.flatMap { try JSONSerialization.jsonObject(with: $0) as? [String: Any] })
        #expect(canaryBody["model"] as? String == "/models/churn-v4.onnx")
        #expect(canaryBody["version"] as? String == "4")
        #expect((canaryBody["percent"] as? NSNumber)?.doubleValue == 10)
        #expect(requests[1].jsonBody == nil)
        #expect(requests[2].bodyText == #"{"percent":20}"#)
    }

    @Test func theServersErrorIsTheMessage() async {
        let client = DeploymentsClient(
            transport: FakeTransport(status: 400, json: #"{"error": "Model 'churn' has no canary to promote."}"#), serverURL: "http://h:8080")
        await #expect { _ = try await client.promote("churn") } throws: { error in
            (error as? ServingAdminError)?.description == "Model 'churn' has no canary to promote. (HTTP 400)"
        }
    }

    @Test func aServerWithoutTheAdminAPIIsNamed() async {
        let client = DeploymentsClient(transport: FakeTransport(status: 404, json: "<html>nope</html>"), serverURL: "http://h:8080")
        await #expect { _ = try await client.list() } throws: { error in
            (error as? ServingAdminError)?.message.contains("is not found; is the server `ferry serve`") == true
        }
    }

    @Test func anUnreachableServerSaysWhereItLooked() async {
        let client = DeploymentsClient(
            transport: FakeTransport { _ in throw FerryClientError.unreachable(request: "GET /admin/deployments", cause: CocoaError(.fileNoSuchFile)) },
            serverURL: "http://127.0.0.1:9")
        await #expect { _ = try await client.list() } throws: { error in
            let text = String(describing: error)
            return text.contains("Could not reach the inference server at http://127.0.0.1:9") && text.contains("FERRY_SERVE_URL")
        }
    }

    @Test func showPrintsRolesSplitAndVersions() throws {
        let status = try JSONDecoder().decode(DeploymentStatus.self, from: Data(Self.churn.utf8))
        #expect(
            TerminalRendering.deployment(status) == """
                Deployment     churn
                Ready          yes
                Primary        3
                Canary         4 (10%)
                Traffic        90% primary, 10% canary (sticky by header x-user-id)
                Shadow         5 (100%, failed)
                Previous       2
                Sticky header  x-user-id

                VERSION  ROLE      STATE   SOURCE                 ERROR
                2        previous  ready   models:/churn/2
                3        primary   ready   models:/churn/3
                4        canary    ready   /models/churn-v4.onnx
                5        shadow    failed  /models/churn-v5.onnx  not ONNX
                """)
    }

    @Test func listPrintsOneRowPerDeployment() throws {
        let churn = try JSONDecoder().decode(DeploymentStatus.self, from: Data(Self.churn.utf8))
        let loading = DeploymentStatusFixture.loading
        #expect(
            TerminalRendering.deploymentList([churn, loading]) == """
                NAME   PRIMARY      CANARY   SHADOW            PREVIOUS  READY
                churn  3            4 (10%)  5 (100%, failed)  2         yes
                fraud  1 (loading)  -        -                 -         no
                """)
        #expect(TerminalRendering.deploymentList([]) == "No deployments.")
    }
}

enum DeploymentStatusFixture {
    static let loading = try! JSONDecoder().decode(
        DeploymentStatus.self,
        from: Data(
            #"{"name": "fraud", "primary": "1", "canary": null, "shadow": null, "previous": null, "sticky_header": null, "ready": false, "versions": [{"version": "1", "source": "/m/fraud.onnx", "state": "loading", "role": "primary"}]}"#
                .utf8))
}
