import Foundation
import Testing

@testable import FerryServing

/// Files written by skl2onnx (`compat/onnx_fixtures.py`, run by scripts/test into FERRY_TEST_ONNX_DIR):
/// each loads, and what Ferry reads agrees with what the onnx package read from the same file.
@Suite("ONNX files from the converters")
struct ConverterFilesTests {
    /// A tensor as the fixture script wrote it: shape, numpy dtype and flat values.
    struct Sample: Decodable, Sendable {
        let shape: [Int]
        let dtype: String?
        let values: [Double]
    }

    struct Entry: Decodable, Sendable, CustomTestStringConvertible {
        let file: String
        let family: String
        let ir_version: Int64
        let opsets: [String: Int64]
        let operators: [String]
        let inputs: [String]
        let outputs: [String]
        let sample: Sample?
        let expected: [String: Sample]?
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

    /// The families whose every operator has a kernel; each must match onnxruntime.
    static let runnable: Set<String> = [
        "logistic_binary", "logistic_multinomial", "linear_regression", "ridge", "pipeline_scaler_logistic",
        "pipeline_minmax_ridge", "mlp_classifier", "random_forest_classifier", "random_forest_regressor",
        "gradient_boosting_classifier",
    ]

    @Test("Runnable families give onnxruntime's outputs", arguments: entries.filter { runnable.contains($0.family) })
    func matchesOnnxRuntime(_ entry: Entry) throws {
        let url = try #require(Self.directory).appendingPathComponent(entry.file)
        let model = try ModelLoader.load([UInt8](try Data(contentsOf: url)))
        let executor = try GraphExecutor(model: model)
        let sample = try #require(entry.sample)
        let input = Tensor.float(sample.values.map(Float.init), shape: sample.shape)
        let outputs = try executor.run([try #require(model.inputs.first).name: input])
        for (name, expected) in try #require(entry.expected) {
            let actual = try #require(outputs[name], "no output \(name)")
            #expect(actual.shape == expected.shape, "\(name) shape")
            switch actual.values {
            case .int64(let values):
                #expect(values == expected.values.map { Int64($0) }, "\(name) labels")
            case .float(let values):
                #expect(values.count == expected.values.count)
                for (got, want) in zip(values, expected.values) {
                    #expect(abs(Double(got) - want) <= max(1e-6, 1e-5 * abs(want)), "\(name): \(got) vs \(want)")
                }
            default:
                Issue.record("\(name): unexpected element type \(actual.elementType.name)")
            }
        }
    }

    @Test("The runnable set is every fixture family the runtime can run")
    func runnableSetIsComplete() throws {
        guard let directory = Self.directory else { return }
        for entry in Self.entries {
            let model = try ModelLoader.load([UInt8](try Data(contentsOf: directory.appendingPathComponent(entry.file))))
            let runs = (try? GraphExecutor(model: model)) != nil
            #expect(runs == Self.runnable.contains(entry.family), "\(entry.family)")
        }
    }
}
