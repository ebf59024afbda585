import FerryClient
import Foundation
import Testing

/// `--json`: the server's objects, pretty, with sorted keys.
@Suite struct JSONRenderingTests {
    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aVersionDetailIsModelVersionRunAndDownloadURI() throws {
        let detail = ModelVersionDetail(
            modelVersion: Fixtures.version3, run: Fixtures.run, downloadURI: "s3://x", problems: ["not part of the JSON"])
        let text = try WireJSON.pretty(detail)
        let json = try object(text)
        #expect(Set(json.keys) == ["model_version", "run", "download_uri"])
        let version = try #require(json["model_version"] as? [String: Any])
        #expect(version["current_stage"] as? String == "Production")
        #expect(version["creation_timestamp"] as? Int == 1_795_860_000_000)
        let run = try #require(json["run"] as? [String: Any])
        #expect((run["info"] as? [String: Any])?["run_id"] as? String == Fixtures.runID)
        #expect(text.contains("\n  \""))
        let order = ["\"download_uri\"", "\"model_version\"", "\"run\""].map { text.range(of: $0)?.lowerBound }
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(try WireJSON.pretty(detail).contains("problems") == false)
    }

    @Test func notANumberTravelsAsMLflowWritesIt() throws {
        let text = try WireJSON.pretty(Metric(key: "loss", value: .nan))
        #expect(try object(text)["value"] as? String == "NaN")
    }

    @Test func aliasChangesAlwaysCarryBothVersions() throws {
        let json = try object(try WireJSON.pretty(AliasChange(name: "churn", alias: "champion", previousVersion: nil, version: "3")))
        #expect(json["previous_version"] is NSNull)
        #expect(json["version"] as? String == "3")
    }

    @Test func whatItWritesReadsBackTheSame() throws {
        let overview = ModelOverview(registeredModel: Fixtures.churn, modelVersions: [Fixtures.version3, Fixtures.version4])
        let decoded = try JSONDecoder().decode(ModelOverview.self, from: Data(try WireJSON.pretty(overview).utf8))
        #expect(decoded == overview)
    }
}
