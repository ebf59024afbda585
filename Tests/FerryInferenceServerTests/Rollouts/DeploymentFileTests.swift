import Testing

@testable import FerryInferenceServer

@Suite struct DeploymentFileTests {
    private func parse(_ text: String, folders: Set<String> = []) throws(ServingSetupError) -> [DeploymentSpec] {
        try DeploymentFile.parse(text, origin: "deploy.yaml", baseFolder: "/srv/models", isFolder: { folders.contains($0) })
    }

    /// The message `text` is refused with, or nil when it parses.
    private func refusal(_ text: String) -> String? {
        do throws(ServingSetupError) {
            _ = try parse(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func validFileWithEveryRole() throws {
        let specs = try parse(
            """
            deployments:
              - name: churn
                primary: {model: models:/churn/3}
                canary: {model: ./churn-v4.onnx, version: 4, percent: 10}
                shadow: {model: models:/churn@challenger, percent: 12.5}
                sticky_header: x-user-id
              - primary: fraud.onnx
            """)
        #expect(specs.count == 2)
        let churn = specs[0]
        #expect(churn.name == "churn")
        #expect(churn.primary == .init(source: .registryVersion(name: "churn", version: "3")))
        #expect(churn.canary == .init(source: .file(path: "/srv/models/./churn-v4.onnx"), version: "4", percent: 10))
        #expect(churn.shadow == .init(source: .registryAlias(name: "churn", alias: "challenger"), percent: 12.5))
        #expect(churn.stickyHeader == "x-user-id")
        #expect(specs[1].name == "fraud")
        #expect(specs[1].primary.source == .file(path: "/srv/models/fraud.onnx"))
        #expect(specs[1].canary == nil)
    }

    @Test func defaultPercents() throws {
        let spec = try #require(
            try parse(
                """
                deployments:
                  - {name: a, primary: /m/a.onnx, canary: /m/b.onnx, shadow: /m/c.onnx}
                """
            ).first)
        #expect(spec.canary?.percent == 0)
        #expect(spec.shadow?.percent == 100)
    }

    @Test func relativePathsResolveAgainstTheFilesFolderAndAbsoluteOnesStay() throws {
        let spec = try #require(
            try parse(
                """
                deployments:
                  - name: m
                    primary: {model: models/v1}
                    canary: {model: /abs/v2.onnx}
                """, folders: ["/srv/models/models/v1"]
            ).first)
        #expect(spec.primary.source == .folder(path: "/srv/models/models/v1"))
        #expect(spec.canary?.source == .file(path: "/abs/v2.onnx"))
    }

    @Test(arguments: [
        ("deployments:\n  - primary: a.onnx\n    canray: b.onnx\n", "unknown key(s) canray"),
        ("deployments:\n  - primary: a.onnx\nversion: 2\n", "unknown key(s) version"),
        ("deployments:\n  - primary: {model: a.onnx, percent: 5}\n", "unknown key(s) percent"),
        ("deployments:\n  - primary: a.onnx\n    canary: {model: b.onnx, weight: 5}\n", "unknown key(s) weight"),
    ])
    func unknownKeysAreRefused(text: String, message: String) {
        #expect(refusal(text)?.contains(message) == true, "\(refusal(text) ?? "parsed")")
    }

    @Test(arguments: ["101", "-1", "ten", "\"10\"", ".nan", "true"])
    func badPercentIsRefused(percent: String) {
        let message = refusal("deployments:\n  - primary: a.onnx\n    canary: {model: b.onnx, percent: \(percent)}\n")
        #expect(message?.contains("percent must be a number from 0 to 100") == true, "\(message ?? "parsed")")
    }

    @Test(arguments: [
        ("", "top-level 'deployments' list"),
        ("deployments: []\n", "is empty"),
        ("deployments:\n  - name: a\n", "needs a 'primary'"),
        ("deployments:\n  - primary: {version: 2}\n", "needs 'model'"),
        ("deployments:\n  - 42\n", "must be a mapping"),
        ("deployments:\n  - {name: 'a b', primary: a.onnx}\n", "cannot be a served model name"),
        ("deployments:\n  - {name: [a], primary: a.onnx}\n", "name must be a string"),
        ("deployments:\n  - {primary: a.onnx, sticky_header: 5}\n", "sticky_header must be a string"),
        ("deployments:\n  - {primary: a.onnx, sticky_header: 'x user'}\n", "not a valid HTTP header name"),
        ("deployments:\n  - {primary: {model: a.onnx, version: 'a/b'}}\n", "cannot be a version label"),
        ("deployments:\n  - {primary: models:/churn/latest}\n", "models:/NAME/VERSION"),
        ("deployments: [\n", "not valid YAML"),
    ])
    func badFilesSayWhatIsWrong(text: String, message: String) {
        #expect(refusal(text)?.contains(message) == true, "\(refusal(text) ?? "parsed")")
    }

    @Test func messagesNameTheFileAndTheEntry() {
        #expect(refusal("deployments:\n  - primary: a.onnx\n  - name: b\n")?.hasPrefix("deploy.yaml, deployments[1]") == true)
    }
}
