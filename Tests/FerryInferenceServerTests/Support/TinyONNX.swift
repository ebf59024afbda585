/// Protocol-buffer bytes written by hand: just the wire types an ONNX `ModelProto` needs.
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    private mutating func rawVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    private mutating func tag(_ field: Int, wireType: UInt64) {
        rawVarint(UInt64(field) << 3 | wireType)
    }

    mutating func varint(_ field: Int, _ value: Int64) {
        tag(field, wireType: 0)
        rawVarint(UInt64(bitPattern: value))
    }

    mutating func bytes(_ field: Int, _ data: [UInt8]) {
        tag(field, wireType: 2)
        rawVarint(UInt64(data.count))
        bytes.append(contentsOf: data)
    }

    mutating func string(_ field: Int, _ text: String) {
        bytes(field, Array(text.utf8))
    }

    /// A packed repeated `float` field.
    mutating func floats(_ field: Int, _ values: [Float]) {
        var packed: [UInt8] = []
        for value in values {
            let bits = value.bitPattern
            packed += [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
        }
        bytes(field, packed)
    }

    /// An embedded message that `build` writes.
    mutating func message(_ field: Int, _ build: (inout ProtobufWriter) -> Void) {
        var inner = ProtobufWriter()
        build(&inner)
        bytes(field, inner.bytes)
    }
}

/// Tiny ONNX models for tests, so that versions can be told apart by their answers.
enum TinyONNX {
    /// An `ai.onnx.ml` LinearRegressor: input `X` float `[N, features]`, output `variable` float `[N, 1]`
    /// = X · coefficients + intercept.
    static func linearRegressor(coefficients: [Float], intercept: Float) -> [UInt8] {
        var model = ProtobufWriter()
        model.varint(1, 8)  // ir_version
        model.string(2, "ferry-tests")  // producer_name
        model.message(8) { opset in  // opset_import
            opset.string(1, "ai.onnx.ml")
            opset.varint(2, 1)
        }
        model.message(8) { opset in
            opset.string(1, "")
            opset.varint(2, 13)
        }
        model.message(7) { graph in  // graph
            graph.message(1) { node in  // node
                node.string(1, "X")
                node.string(2, "variable")
                node.string(3, "regressor")
                node.string(4, "LinearRegressor")
                node.string(7, "ai.onnx.ml")
                node.message(5) { attribute in floatsAttribute(&attribute, "coefficients", coefficients) }
                node.message(5) { attribute in floatsAttribute(&attribute, "intercepts", [intercept]) }
            }
            graph.string(2, "tiny")
            graph.message(11) { input in valueInfo(&input, "X", columns: coefficients.count) }
            graph.message(12) { output in valueInfo(&output, "variable", columns: 1) }
        }
        return model.bytes
    }

    /// `AttributeProto{name, floats, type: FLOATS}`.
    private static func floatsAttribute(_ attribute: inout ProtobufWriter, _ name: String, _ values: [Float]) {
        attribute.string(1, name)
        attribute.floats(7, values)
        attribute.varint(20, 6)
    }

    /// `ValueInfoProto{name, type: tensor_type{elem_type: FLOAT, shape: [N, columns]}}`.
    private static func valueInfo(_ info: inout ProtobufWriter, _ name: String, columns: Int) {
        info.string(1, name)
        info.message(2) { type in
            type.message(1) { tensor in
                tensor.varint(1, 1)
                tensor.message(2) { shape in
                    shape.message(1) { dimension in dimension.string(2, "N") }
                    shape.message(1) { dimension in dimension.varint(1, Int64(columns)) }
                }
            }
        }
    }
}
