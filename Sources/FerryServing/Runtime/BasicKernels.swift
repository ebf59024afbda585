/// Identity and Cast.
enum BasicKernels {
    static func identity(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        [inputs[0]]
    }

    /// Cast to FLOAT, DOUBLE, INT64 or STRING (the targets the converters use).
    static func cast(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        let input = inputs[0]
        guard let code = node.int("to"), let target = Tensor.ElementType(rawValue: Int32(code)) else {
            throw RuntimeError.node(node, "unsupported target type \(node.int("to").map(String.init) ?? "(none)")")
        }
        let values: Tensor.Values
        switch (target, input.values) {
        case (.float, _): values = .float(try input.floatValues(for: node))
        case (.double, .float(let source)): values = .double(source.map(Double.init))
        case (.double, .int64(let source)): values = .double(source.map(Double.init))
        case (.double, .double(let source)): values = .double(source)
        case (.int64, .float(let source)): values = .int64(source.map { Int64($0.rounded(.towardZero)) })
        case (.int64, .double(let source)): values = .int64(source.map { Int64($0.rounded(.towardZero)) })
        case (.int64, .int64(let source)): values = .int64(source)
        case (.int64, .bool(let source)): values = .int64(source.map { $0 ? 1 : 0 })
        case (.string, .int64(let source)): values = .string(source.map(String.init))
        case (.string, .string(let source)): values = .string(source)
        default: throw RuntimeError.node(node, "cannot cast \(input.elementType.name) to \(target.name)")
        }
        return [Tensor(name: "", elementType: target, shape: input.shape, values: values)]
    }
}
