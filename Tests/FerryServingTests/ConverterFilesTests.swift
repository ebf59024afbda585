import Foundation
import Testing

@testable import FerryServing

/// Files written by skl2onnx (`compat/onnx_fixtures.py`, run by scripts/test into FERRY_TEST_ONNX_DIR):
/// each loads, and what Ferry reads agrees with what the onnx package read from the same file.
@Suite("ONNX files from the converters")
struct ConverterFilesTests {
    struct Entry: Decodable, Sendable, CustomTestStringConvertible {
        let file: String
        let family: String
        let ir_version: Int64
        let opsets: [String: Int64]
        let operators: [String]
        let inputs: [String]
        let outputs: [String]
        var testDescription: String { family }
    }

    static let directory = ProcessInfo.processInfo.environment["FERRY_TEST_ONNX_DIR"].map { URL(fileURLWithPath: $0) }

    static var entries: [Entry] {
        guard let directory, let data = try? Data(contentsOf: directory.appendingPathComponent("manifest.json")) else { return [] }
        return (try? JSONDecoder().decode([Entry].self, from: data)) ?? []
    }

    @Test("The fixture set is present when scripts/test asks for it")
    func fixturesArePresent() {
        guard Self.directory != nil else { return }
        #expect(Self.entries.count >= 12)
    }

    @Test("Each converter file loads as onnx reads it", arguments: entries)
    func loads(_ entry: Entry) throws {
        let url = try #require(Self.directory).appendingPathComponent(entry.file)
        let model = try ModelLoader.load([UInt8](try Data(contentsOf: url)))
        #expect(model.irVersion == entry.ir_version)
        #expect(model.opsets == entry.opsets)
        #expect(Set(model.nodes.map(\.qualifiedName)) == Set(entry.operators))
        #expect(model.inputs.map(\.name) == entry.inputs)
        #expect(model.outputs.map(\.name) == entry.outputs)
        for node in model.nodes where node.opType == "LinearClassifier" || node.opType == "LinearRegressor" {
            guard case .floats(let coefficients)? = node.attributes["coefficients"] else {
                Issue.record("\(entry.family): \(node.opType) without float coefficients")
                continue
            }
            #expect(!coefficients.isEmpty)
        }
    }
}
