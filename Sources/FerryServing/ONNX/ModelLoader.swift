import Foundation
import SwiftProtobuf

/// Reads an ONNX file (a serialized `ModelProto`) into a ``Model``, refusing what Ferry cannot run:
/// IR versions outside 4...10, operator sets it does not know, and operators it does not implement
/// (all of them named in one message).
enum ModelLoader {
    /// The IR versions read. Before IR 4, initializers were also listed as graph inputs.
    static let irVersions: ClosedRange<Int64> = 4...10
    /// The operator set versions read, by domain.
    static let opsets: [String: ClosedRange<Int64>] = [Node.standardDomain: 1...22, Node.mlDomain: 1...5]

    /// Loads a model from the bytes of an `.onnx` file.
    static func load(_ bytes: [UInt8]) throws -> Model {
        let proto: Onnx_ModelProto
        do {
            proto = try Onnx_ModelProto(serializedBytes: bytes)
        } catch {
            throw ModelLoadError.notONNX("it does not parse as an ONNX ModelProto: \(error)")
        }
        guard proto.hasGraph else { throw ModelLoadError.notONNX("it has no graph") }
        guard irVersions.contains(proto.irVersion) else { throw ModelLoadError.unsupportedIRVersion(proto.irVersion) }
        var opsets: [String: Int64] = [:]
        for opset in proto.opsetImport {
            let domain = normalizedDomain(opset.domain)
            guard let supported = Self.opsets[domain], supported.contains(opset.version) else {
                throw ModelLoadError.unsupportedOpset(domain: domain, version: opset.version)
            }
            opsets[domain] = opset.version
        }
        let graph = proto.graph
        let nodes = try graph.node.map(node)
        let unsupported = nodes.filter { !SupportedOperators.contains($0) }.map(\.qualifiedName)
        if !unsupported.isEmpty {
            throw ModelLoadError.unsupportedOperators(Array(Set(unsupported)).sorted())
        }
        var initializers: [String: Tensor] = [:]
        for tensor in graph.initializer {
            initializers[tensor.name] = try TensorDecoding.tensor(tensor)
        }
        return Model(
            irVersion: proto.irVersion, opsets: opsets, producer: proto.producerName, nodes: nodes, initializers: initializers,
            inputs: graph.input.filter { initializers[$0.name] == nil }.map(valueInfo), outputs: graph.output.map(valueInfo))
    }

    static func normalizedDomain(_ domain: String) -> String {
        domain.isEmpty ? Node.standardDomain : domain
    }

    private static func node(_ proto: Onnx_NodeProto) throws -> Node {
        var attributes: [String: Attribute] = [:]
        for attribute in proto.attribute {
            attributes[attribute.name] = try self.attribute(attribute, node: proto.name)
        }
        return Node(
            name: proto.name, opType: proto.opType, domain: normalizedDomain(proto.domain), inputs: proto.input,
            outputs: proto.output, attributes: attributes)
    }

    private static func attribute(_ proto: Onnx_AttributeProto, node: String) throws -> Attribute {
        switch proto.type {
        case .float: return .float(proto.f)
        case .int: return .int(proto.i)
        case .string: return .string(String(decoding: proto.s, as: UTF8.self))
        case .tensor: return .tensor(try TensorDecoding.tensor(proto.t))
        case .floats: return .floats(proto.floats)
        case .ints: return .ints(proto.ints)
        case .strings: return .strings(proto.strings.map { String(decoding: $0, as: UTF8.self) })
        default: return inferredAttribute(proto)
        }
    }

    /// Attributes written without a `type` (older exporters): the one value field that is set.
    private static func inferredAttribute(_ proto: Onnx_AttributeProto) -> Attribute {
        if !proto.floats.isEmpty { return .floats(proto.floats) }
        if !proto.ints.isEmpty { return .ints(proto.ints) }
        if !proto.strings.isEmpty { return .strings(proto.strings.map { String(decoding: $0, as: UTF8.self) }) }
        if proto.hasF { return .float(proto.f) }
        if proto.hasI { return .int(proto.i) }
        if proto.hasS { return .string(String(decoding: proto.s, as: UTF8.self)) }
        if proto.hasT, let tensor = try? TensorDecoding.tensor(proto.t) { return .tensor(tensor) }
        return .unsupported(kind: "\(proto.type)")
    }

    private static func valueInfo(_ proto: Onnx_ValueInfoProto) -> ValueInfo {
        guard proto.hasType, let value = proto.type.value else { return ValueInfo(name: proto.name, kind: .unspecified) }
        switch value {
        case .tensorType(let tensor):
            let shape: [ValueInfo.Dimension]? = tensor.hasShape ? tensor.shape.dim.map { dimension in
                switch dimension.value {
                case .dimValue(let size): .fixed(Int(size))
                case .dimParam(let name): .symbolic(name)
                case nil: .unknown
                }
            } : nil
            return ValueInfo(name: proto.name, kind: .tensor(elementType: tensor.elemType, shape: shape))
        case .sequenceType: return ValueInfo(name: proto.name, kind: .sequence)
        case .mapType: return ValueInfo(name: proto.name, kind: .map)
        }
    }
}
