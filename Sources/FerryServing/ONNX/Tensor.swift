/// A constant tensor from a model (an initializer or a tensor attribute): its shape and its values,
/// decoded into a contiguous array of the element type.
struct Tensor: Sendable, Equatable {
    /// The element types Ferry reads, with ONNX's `TensorProto.DataType` codes.
    enum ElementType: Int32, Sendable, CaseIterable {
        case float = 1
        case uint8 = 2
        case int8 = 3
        case int32 = 6
        case int64 = 7
        case string = 8
        case bool = 9
        case double = 11

        /// The name ONNX gives the type, for messages.
        var name: String {
            switch self {
            case .float: "FLOAT"
            case .uint8: "UINT8"
            case .int8: "INT8"
            case .int32: "INT32"
            case .int64: "INT64"
            case .string: "STRING"
            case .bool: "BOOL"
            case .double: "DOUBLE"
            }
        }
    }

    /// The values, by element type (8- and 32-bit integers widen to `Int64`).
    enum Values: Sendable, Equatable {
        case float([Float])
        case double([Double])
        case int64([Int64])
        case string([String])
        case bool([Bool])

        var count: Int {
            switch self {
            case .float(let values): values.count
            case .double(let values): values.count
            case .int64(let values): values.count
            case .string(let values): values.count
            case .bool(let values): values.count
            }
        }
    }

    var name: String
    var elementType: ElementType
    /// The dimensions; empty for a scalar.
    var shape: [Int]
    var values: Values

    /// How many elements the shape holds.
    var elementCount: Int { shape.reduce(1, *) }
}
