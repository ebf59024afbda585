extension Tensor {
    /// A float tensor of `shape`.
    static func float(_ values: [Float], shape: [Int]) -> Tensor {
        Tensor(name: "", elementType: .float, shape: shape, values: .float(values))
    }

    static func int64(_ values: [Int64], shape: [Int]) -> Tensor {
        Tensor(name: "", elementType: .int64, shape: shape, values: .int64(values))
    }

    static func string(_ values: [String], shape: [Int]) -> Tensor {
        Tensor(name: "", elementType: .string, shape: shape, values: .string(values))
    }

    /// A tensor of `shape` holding `values`, typed by them (DOUBLE, BOOL, ...).
    static func of(_ values: Values, shape: [Int]) -> Tensor {
        let type: ElementType = switch values {
        case .float: .float
        case .double: .double
        case .int64: .int64
        case .string: .string
        case .bool: .bool
        }
        return Tensor(name: "", elementType: type, shape: shape, values: values)
    }

    /// The values as floats (numeric types convert), for operators that compute in float32.
    func floatValues(for node: Node) throws -> [Float] {
        switch values {
        case .float(let values): return values
        case .double(let values): return values.map(Float.init)
        case .int64(let values): return values.map(Float.init)
        case .bool(let values): return values.map { $0 ? 1 : 0 }
        case .string: throw RuntimeError.node(node, "expects a numeric tensor, got strings")
        }
    }

    /// Rows and columns of a tensor read as a matrix: [N, F] as is, [F] as one row.
    func matrixShape(for node: Node) throws -> (rows: Int, columns: Int) {
        switch shape.count {
        case 1: return (1, shape[0])
        case 2: return (shape[0], shape[1])
        default: throw RuntimeError.node(node, "expects a 1- or 2-dimensional input, got shape \(shape)")
        }
    }

    /// This tensor's values with another shape of the same element count.
    func reshaped(_ shape: [Int]) -> Tensor {
        Tensor(name: name, elementType: elementType, shape: shape, values: values)
    }
}
