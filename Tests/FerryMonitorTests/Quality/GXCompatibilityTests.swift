import FerryTables
import Foundation
import Testing

@testable import FerryMonitor

/// Ferry's results against Great Expectations 1.24.1's own, recorded in `GXReference`.
@Suite("Great Expectations parity")
struct GXCompatibilityTests {
    /// Where Ferry deliberately differs: GX's type check on a missing column dies with an IndexError;
    /// Ferry reports the missing column as GX's other checks do.
    static let knownMessageDifferences = ["list index out of range": "Error: The column \"height\" in BatchData does not exist."]

    static let cases: [String: (suite: String, results: String, table: Table)] = [
        "people": (GXReference.peopleSuite, GXReference.peopleResults, GXReferenceFrames.people),
        "many": (GXReference.manySuite, GXReference.manyResults, GXReferenceFrames.many),
        "empty": (GXReference.emptySuite, GXReference.emptyResults, GXReferenceFrames.empty),
    ]

    @Test("each check's success, result and exception match GX's", arguments: ["people", "many", "empty"])
    func matchesRecordedResults(name: String) throws {
        let (suiteYAML, recorded, table) = try #require(Self.cases[name])
        let suite = try QualitySuite(yaml: suiteYAML, source: name)
        let ours = try JSONTree.parse(suite.evaluate(on: table).jsonData())
        guard case .array(let expected) = try JSONTree.parse(Data(recorded.utf8)), case .array(let actual) = ours["results"]
        else {
            Issue.record("results are not arrays")
            return
        }
        #expect(actual.count == expected.count)
        for (index, (mine, theirs)) in zip(actual, expected).enumerated() {
            let type = theirs["type"]?.description ?? "?"
            #expect(mine["expectation_config"]?["type"] == theirs["type"], "check \(index)")
            #expect(mine["success"] == theirs["success"], "check \(index) \(type): success")
            #expect(mine["result"] == theirs["result"], "check \(index) \(type): result\n ours \(mine["result"]!)\n GX's \(theirs["result"]!)")
            var message = theirs["exception_message"] ?? .null
            if case .string(let text) = message, let replacement = Self.knownMessageDifferences[text] { message = .string(replacement) }
            #expect(mine["exception_info"]?["exception_message"] == message, "check \(index) \(type): exception")
            #expect(mine["exception_info"]?["raised_exception"] == .bool(message != .null), "check \(index) \(type): raised")
        }
    }

    @Test("suite statistics are GX's: counts and success_percent over evaluated checks")
    func statistics() throws {
        let suite = try QualitySuite(yaml: GXReference.peopleSuite)
        let result = suite.evaluate(on: GXReferenceFrames.people)
        guard case .array(let recorded) = try JSONTree.parse(Data(GXReference.peopleResults.utf8)) else { return }
        let passed = recorded.count { $0["success"] == .bool(true) }
        #expect(result.statistics.evaluatedExpectations == recorded.count)
        #expect(result.statistics.successfulExpectations == passed)
        #expect(result.statistics.unsuccessfulExpectations == recorded.count - passed)
        #expect(result.statistics.successPercent == Double(passed) / Double(recorded.count) * 100)
        #expect(result.success == false)
    }
}
