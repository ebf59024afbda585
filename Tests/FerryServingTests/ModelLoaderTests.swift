import Foundation
import SwiftProtobuf
import Testing

@testable import FerryServing

@Suite("ONNX model loading")
struct ModelLoaderTests {
    /// A LinearRegressor graph: one input `X` [N, 2], one output, a typed and a raw_data initializer.
    static func linearModel(irVersion: Int64 = 8, opsets: [(String, Int64)] = [("", 13), ("ai.onnx.ml", 1)], extraNodes: [Onnx_NodeProto] = []) -> Onnx_ModelProto {
        var model = Onnx_ModelProto()
        model.irVersion = irVersion
        model.producerName = "test"
        model.opsetImport = opsets.map { domain, version in
            var opset = Onnx_OperatorSetIdProto()
            opset.domain = domain
            opset.version = version
            return opset
        }
        var node = Onnx_NodeProto()
        node.opType = "LinearRegressor"
        node.domain = "ai.onnx.ml"
        node.name = "linear"
        node.input = ["X"]
        node.output = ["variable"]
        var coefficients = Onnx_AttributeProto()
        coefficients.name = "coefficients"
        coefficients.type = .floats
        coefficients.floats = [0.5, -1.25]
        node.attribute = [coefficients]
        var typed = Onnx_TensorProto()
        typed.name = "scale"
        typed.dataType = 1
        typed.dims = [2]
        typed.floatData = [2, 3]
        var raw = Onnx_TensorProto()
        raw.name = "offset"
        raw.dataType = 1
        raw.dims = [2]
        raw.rawData = Data([Float(1.5), Float(-2)].flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) })
        var input = Onnx_ValueInfoProto()
        input.name = "X"
        var tensorType = Onnx_TypeProto.Tensor()
        tensorType.elemType = 1
        var batch = Onnx_TensorShapeProto.Dimension()
        batch.dimParam = "N"
        var features = Onnx_TensorShapeProto.Dimension()
        features.dimValue = 2
        tensorType.shape.dim = [batch, features]
        input.type.tensorType = tensorType
        var offsetInput = Onnx_ValueInfoProto()
        offsetInput.name = "offset"  // an initializer also listed as an input, as older exporters do
        var output = Onnx_ValueInfoProto()
        output.name = "variable"
        model.graph.node = [node] + extraNodes
        model.graph.initializer = [typed, raw]
        model.graph.input = [input, offsetInput]
        model.graph.output = [output]
        return model
    }

    static func bytes(_ model: Onnx_ModelProto) throws -> [UInt8] {
        try model.serializedBytes()
    }

    static func node(_ opType: String, domain: String = "") -> Onnx_NodeProto {
        var node = Onnx_NodeProto()
        node.opType = opType
        node.domain = domain
        return node
    }

    @Test("A model loads with its nodes, attributes, initializers and declared inputs")
    func loadsAModel() throws {
        let model = try ModelLoader.load(try Self.bytes(Self.linearModel()))
        #expect(model.irVersion == 8 && model.producer == "test")
        #expect(model.opsets == ["ai.onnx": 13, "ai.onnx.ml": 1])
        #expect(model.nodes.map(\.qualifiedName) == ["ai.onnx.ml.LinearRegressor"])
        #expect(model.nodes[0].attributes["coefficients"] == .floats([0.5, -1.25]))
        #expect(model.initializers["scale"]?.values == .float([2, 3]))
        #expect(model.initializers["offset"]?.values == .float([1.5, -2]))
        #expect(model.inputs == [ValueInfo(name: "X", kind: .tensor(elementType: 1, shape: [.symbolic("N"), .fixed(2)]))])
        #expect(model.outputs.map(\.name) == ["variable"])
    }

    @Test("Repeated attribute values are read packed and unpacked")
    func packedAndUnpacked() throws {
        // AttributeProto{name: "ints", ints: [3, 300], type: INTS} with `ints` unpacked (one tag per value), as Python writes
        let unpacked: [UInt8] = [0x0A, 0x04] + Array("ints".utf8) + [0x40, 0x03, 0x40, 0xAC, 0x02, 0xA0, 0x01, 0x07]
        let packed: [UInt8] = [0x0A, 0x04] + Array("ints".utf8) + [0x42, 0x03, 0x03, 0xAC, 0x02, 0xA0, 0x01, 0x07]
        for encoding in [unpacked, packed] {
            let attribute = try Onnx_AttributeProto(serializedBytes: encoding)
            var model = Self.linearModel()
            model.graph.node[0].attribute.append(attribute)
            let loaded = try ModelLoader.load(try Self.bytes(model))
            #expect(loaded.nodes[0].attributes["ints"] == .ints([3, 300]))
        }
    }

    @Test("Every unsupported operator is named in one error")
    func namesUnsupportedOperators() throws {
        let model = Self.linearModel(extraNodes: [Self.node("LSTM"), Self.node("Conv"), Self.node("Conv"), Self.node("Custom", domain: "com.example")])
        let error = #expect(throws: ModelLoadError.self) { try ModelLoader.load(try Self.bytes(model)) }
        #expect(error?.description == "The model uses operators Ferry does not run: Conv, LSTM, com.example.Custom.")
    }

    /// A file whose IR version or operator sets Ferry does not read, and the start of the expected message.
    struct VersionCase: Sendable, CustomTestStringConvertible {
        let ir: Int64
        let opsets: [Opset]
        let message: String
        var testDescription: String { message }
    }

    struct Opset: Sendable {
        let domain: String
        let version: Int64
    }

    @Test("IR versions and operator sets outside what Ferry reads are refused", arguments: [
        VersionCase(ir: 3, opsets: [Opset(domain: "", version: 13)], message: "ONNX IR version 3 is not supported"),
        VersionCase(ir: 11, opsets: [Opset(domain: "", version: 13)], message: "ONNX IR version 11 is not supported"),
        VersionCase(ir: 8, opsets: [Opset(domain: "", version: 23)], message: "Operator set ai.onnx version 23 is not supported"),
        VersionCase(ir: 8, opsets: [Opset(domain: "ai.onnx.ml", version: 6)], message: "Operator set ai.onnx.ml version 6 is not supported"),
        VersionCase(ir: 8, opsets: [Opset(domain: "com.microsoft", version: 1)], message: "Operator set domain 'com.microsoft' is not supported"),
    ])
    func refusesVersions(_ example: VersionCase) throws {
        let model = Self.linearModel(irVersion: example.ir, opsets: example.opsets.map { ($0.domain, $0.version) })
        let error = #expect(throws: ModelLoadError.self) { try ModelLoader.load(try Self.bytes(model)) }
        #expect(error?.description.hasPrefix(example.message) == true)
    }

    @Test("Garbage, a missing graph and inconsistent tensors are refused with a clear message")
    func refusesBadFiles() throws {
        #expect(throws: ModelLoadError.notONNX("it has no graph")) { try ModelLoader.load(try Self.bytes(Onnx_ModelProto())) }
        let garbage = #expect(throws: ModelLoadError.self) { try ModelLoader.load(Array("definitely not protobuf".utf8)) }
        #expect(garbage?.description.hasPrefix("The file is not an ONNX model") == true)
        var wrongCount = Self.linearModel()
        wrongCount.graph.initializer[0].dims = [3]
        let count = #expect(throws: ModelLoadError.self) { try ModelLoader.load(try Self.bytes(wrongCount)) }
        #expect(count?.description == "Tensor 'scale': shape [3] holds 3 values but the tensor has 2.")
        var ragged = Self.linearModel()
        ragged.graph.initializer[1].rawData = Data([1, 2, 3])
        let raw = #expect(throws: ModelLoadError.self) { try ModelLoader.load(try Self.bytes(ragged)) }
        #expect(raw?.description == "Tensor 'offset': raw_data has 3 bytes, not a multiple of 4.")
    }
}
