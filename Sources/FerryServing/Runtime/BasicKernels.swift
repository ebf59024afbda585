import Foundation

/// Identity and Cast.
enum BasicKernels {
    static func identity(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        [inputs[0]]
    }

    /// Cast between FLOAT, DOUBLE, INT64 (and the narrower integers, held as INT64), BOOL and STRING. Numbers
    /// become strings as onnxruntime writes them (`%.8g`, `NaN`, `INF`, `-INF`); strings parse as numbers.
    static func cast(_ node: Node, _ context: KernelContext) throws -> Kernel {
        guard let code = node.int("to"), let target = Tensor.ElementType(rawValue: Int32(truncatingIfNeeded: code)) else {
            throw RuntimeError.node(node, "unsupported target type \(node.int("to").map(String.init) ?? "(none)")")
        }
        return { inputs in
            let input = inputs[0]
            let values = try convert(input.values, to: target, node)
            return [Tensor(name: "", elementType: target, shape: input.shape, values: values)]
        }
    }

    private static func convert(_ source: Tensor.Values, to target: Tensor.ElementType, _ node: Node) throws -> Tensor.Values {
        switch (target, source) {
        case (.float, .string(let values)): return .float(try values.map { try parse($0, node, Float.init) })
        case (.float, _): return .float(try Tensor.of(source, shape: []).floatValues(for: node))
        case (.double, .float(let values)): return .double(values.map(Double.init))
        case (.double, .double): return source
        case (.double, .int64(let values)): return .double(values.map(Double.init))
        case (.double, .bool(let values)): return .double(values.map { $0 ? 1 : 0 })
        case (.double, .string(let values)): return .double(try values.map { try parse($0, node, Double.init) })
        case (.int64, .float(let values)): return .int64(try values.map { try integer(Double($0), node) })
        case (.int64, .double(let values)): return .int64(try values.map { try integer($0, node) })
        case (.int64, .int64), (.int32, .int64), (.int8, .int64), (.uint8, .int64): return source
        case (.int64, .bool(let values)), (.int32, .bool(let values)): return .int64(values.map { $0 ? 1 : 0 })
        case (.int64, .string(let values)): return .int64(try values.map { try parse($0, node) { Int64($0) } })
        case (.int32, .float(let values)): return .int64(try values.map { try integer(Double($0), node) })
        case (.bool, .float(let values)): return .bool(values.map { $0 != 0 })
        case (.bool, .double(let values)): return .bool(values.map { $0 != 0 })
        case (.bool, .int64(let values)): return .bool(values.map { $0 != 0 })
        case (.bool, .bool): return source
        case (.string, .float(let values)): return .string(values.map { text(Double($0)) })
        case (.string, .double(let values)): return .string(values.map(text))
        case (.string, .int64(let values)): return .string(values.map(String.init))
        case (.string, .bool(let values)): return .string(values.map { $0 ? "1" : "0" })
        case (.string, .string): return source
        default: throw RuntimeError.node(node, "cannot cast \(Tensor.of(source, shape: []).elementType.name) to \(target.name)")
        }
    }

    /// A number as onnxruntime's Cast writes it.
    static func text(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        return String(format: "%.8g", value)
    }

    private static func parse<T>(_ text: String, _ node: Node, _ make: (String) -> T?) throws -> T {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let value = make(trimmed) { return value }
        throw RuntimeError.node(node, "cannot read '\(text)' as a number")
    }

    /// Truncates toward zero; NaN and values outside INT64 are an error rather than a trap.
    private static func integer(_ value: Double, _ node: Node) throws -> Int64 {
        guard let result = Int64(exactly: value.rounded(.towardZero)) else {
            throw RuntimeError.node(node, "cannot cast \(value) to INT64")
        }
        return result
    }
}
