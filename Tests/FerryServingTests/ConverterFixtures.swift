import Foundation
import Testing

@testable import FerryServing

/// The files `compat/onnx_fixtures.py` writes (scripts/test runs it into FERRY_TEST_ONNX_DIR): converter output
/// for every model family, sample inputs and onnxruntime's outputs for them.
enum ConverterFixtures {
    /// A tensor as the fixture script wrote it: shape, dtype (`float32`, `int64`, `string`, ...) and flat values.
    struct Sample: Decodable, Sendable {
        enum Values: Sendable {
            /// Numbers; NaN was written as null.
            case numbers([Double])
            case strings([String])
        }

        let shape: [Int]
        let dtype: String
        let values: Values

        enum CodingKeys: String, CodingKey { case shape, dtype, values }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            shape = try container.decode([Int].self, forKey: .shape)
            dtype = try container.decode(String.self, forKey: .dtype)
            values = dtype == "string"
                ? .strings(try container.decode([String].self, forKey: .values))
                : .numbers(try container.decode([Double?].self, forKey: .values).map { $0 ?? .nan })
        }

        /// The sample as a runtime tensor: float32 numbers or strings.
        var tensor: Tensor {
            switch values {
            case .numbers(let numbers): .float(numbers.map(Float.init), shape: shape)
            case .strings(let strings): .string(strings, shape: shape)
            }
        }
    }

    struct Entry: Decodable, Sendable, CustomTestStringConvertible {
        let file: String
        let family: String
        let ir_version: Int64
        let opsets: [String: Int64]
        let operators: [String]
        let inputs: [String]
        let outputs: [String]
        let samples: [String: Sample]
        let expected: [String: Sample]
        /// For each ZipMap output: its class labels, in column order.
        let class_labels: [String: [String]]
        var testDescription: String { family }

        var bytes: [UInt8] {
            get throws {
                guard let directory = ConverterFixtures.directory else { throw FixtureError("FERRY_TEST_ONNX_DIR is not set") }
                return [UInt8](try Data(contentsOf: directory.appendingPathComponent(file)))
            }
        }
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static let directory = ProcessInfo.processInfo.environment["FERRY_TEST_ONNX_DIR"].map { URL(fileURLWithPath: $0) }

    /// The manifest's entries; empty when FERRY_TEST_ONNX_DIR is not set (a plain `swift test`).
    static let entries: [Entry] = {
        guard let directory, let data = try? Data(contentsOf: directory.appendingPathComponent("manifest.json")) else { return [] }
        return (try? JSONDecoder().decode([Entry].self, from: data)) ?? []
    }()

    /// Whether the manifest exists but did not decode (so the suite fails instead of silently running nothing).
    static var manifestIsUnreadable: Bool {
        guard let directory else { return false }
        return entries.isEmpty || !FileManager.default.fileExists(atPath: directory.appendingPathComponent("manifest.json").path)
    }

    /// Whether `actual` equals onnxruntime's `expected`: labels exactly, floats to 1e-5 relative (1e-6 absolute
    /// near zero), NaN where onnxruntime gave NaN. Returns the first difference, or nil.
    static func difference(_ actual: Tensor, _ expected: Sample) -> String? {
        let shape = actual.shape
        guard shape == expected.shape else { return "shape \(shape), onnxruntime \(expected.shape)" }
        switch (actual.values, expected.values) {
        case (.int64(let values), .numbers(let wanted)):
            return values.map(Double.init) == wanted ? nil : "labels \(values.prefix(8)), onnxruntime \(wanted.prefix(8))"
        case (.string(let values), .strings(let wanted)):
            return values == wanted ? nil : "labels \(values.prefix(8)), onnxruntime \(wanted.prefix(8))"
        case (.float(let values), .numbers(let wanted)):
            guard values.count == wanted.count else { return "\(values.count) values, onnxruntime \(wanted.count)" }
            for (index, (got, want)) in zip(values, wanted).enumerated() {
                let close = want.isNaN ? got.isNaN : Swift.abs(Double(got) - want) <= max(1e-6, 1e-5 * Swift.abs(want))
                if !close { return "value \(index): \(got), onnxruntime \(want)" }
            }
            return nil
        default:
            return "element type \(actual.elementType.name) does not match onnxruntime's \(expected.dtype)"
        }
    }
}
