import Foundation
import Testing

@testable import FerryServing

/// The converter fixtures driven through the public API: signatures as OIP metadata reports them (one input per
/// column, BYTES for strings, ZipMap as FP32 [N, C] with its class labels) and `infer` equal to onnxruntime.
@Suite("ServableModel over the converter files")
struct ServableModelFixtureTests {
    @Test("Signatures name every input and output with its datatype", arguments: ConverterFixtures.entries)
    func signatures(_ entry: ConverterFixtures.Entry) throws {
        let model = try ServableModel(onnx: try entry.bytes)
        #expect(model.inputs.map(\.name) == entry.inputs)
        #expect(model.outputs.map(\.name) == entry.outputs)
        for signature in model.inputs {
            let sample = try #require(entry.samples[signature.name])
            #expect(signature.datatype == (sample.dtype == "string" ? .bytes : .fp32), "\(signature.name)")
        }
        for (name, labels) in entry.class_labels {
            let signature = try #require(model.outputs.first { $0.name == name })
            #expect(signature.datatype == .fp32)
            #expect(signature.shape == [-1, labels.count])
            #expect(signature.classLabels == labels)
        }
    }

    @Test("infer gives onnxruntime's outputs", arguments: ConverterFixtures.entries)
    func infers(_ entry: ConverterFixtures.Entry) throws {
        let model = try ServableModel(onnx: try entry.bytes)
        let request = model.inputs.compactMap { signature in entry.samples[signature.name]?.inferenceTensor(signature.name) }
        let response = try model.infer(request)
        #expect(response.map(\.name) == entry.outputs)
        for tensor in response {
            let expected = try #require(entry.expected[tensor.name])
            let difference = ConverterFixtures.difference(ServableModel.runtimeTensor(tensor), expected)
            #expect(difference == nil, "\(entry.family) \(tensor.name): \(difference ?? "")")
            if entry.class_labels[tensor.name] != nil { #expect(tensor.datatype == .fp32) }
            if case .string = tensor.data { #expect(tensor.datatype == .bytes) }
        }
    }

    @Test("Each row answered alone equals its row of the batch", arguments: ConverterFixtures.entries.filter {
        [
            "logistic_binary", "logistic_multinomial", "random_forest_classifier", "lightgbm_classifier_zipmap", "column_transformer_onehot",
            "mlp_classifier", "torch_mlp",
        ].contains($0.family)
    })
    func rowsAloneMatchTheBatch(_ entry: ConverterFixtures.Entry) throws {
        let model = try ServableModel(onnx: try entry.bytes)
        let batch = try model.infer(model.inputs.compactMap { entry.samples[$0.name]?.inferenceTensor($0.name) })
        for row in [0, 5, 63] {
            let single = try model.infer(model.inputs.compactMap { signature in
                entry.samples[signature.name].map { Self.row(row, of: $0.inferenceTensor(signature.name)) }
            })
            for (alone, together) in zip(single, batch) {
                #expect(alone.data == Self.row(row, of: together).data, "\(entry.family) row \(row) \(alone.name)")
            }
        }
    }

    /// Row `row` of a tensor whose first dimension is the batch.
    static func row(_ row: Int, of tensor: InferenceTensor) -> InferenceTensor {
        let width = tensor.shape.dropFirst().reduce(1, *)
        let range = (row * width)..<((row + 1) * width)
        let data = tensor.data.elements(range)
        return InferenceTensor(name: tensor.name, datatype: tensor.datatype, shape: [1] + tensor.shape.dropFirst(), data: data)
    }
}

extension ConverterFixtures.Sample {
    /// The sample as a request tensor named `name`: FP32 or BYTES.
    func inferenceTensor(_ name: String) -> InferenceTensor {
        switch values {
        case .numbers(let numbers): InferenceTensor(name: name, datatype: .fp32, shape: shape, data: .float(numbers.map(Float.init)))
        case .strings(let strings): InferenceTensor(name: name, datatype: .bytes, shape: shape, data: .string(strings))
        }
    }
}
