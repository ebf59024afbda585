/// ai.onnx.ml OneHotEncoder, LabelEncoder and ZipMap: categories in, numbers (or other categories) out.
enum EncoderKernels {
    /// Output = input shape + [categories]; an unknown category is all zeros when `zeros` is 1 (the default),
    /// an error otherwise. Numeric inputs are read as INT64 categories.
    static func oneHot(_ node: Node, _ context: KernelContext) throws -> Kernel {
        let integers = node.ints("cats_int64s"), strings = node.strings("cats_strings")
        guard (integers?.isEmpty == false) != (strings?.isEmpty == false) else {
            throw RuntimeError.node(node, "needs exactly one of cats_int64s and cats_strings")
        }
        let count = integers?.count ?? strings?.count ?? 0
        let integerIndex = Dictionary((integers ?? []).enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let stringIndex = Dictionary((strings ?? []).enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let unknownIsZero = (node.int("zeros") ?? 1) != 0
        return { inputs in
            let input = inputs[0]
            let positions: [Int?]
            switch input.values {
            case .string(let values): positions = values.map { stringIndex[$0] }
            case .int64(let values): positions = values.map { integerIndex[$0] }
            case .float, .double, .bool:
                positions = try input.floatValues(for: node).map { value in Int64(exactly: value.rounded(.towardZero)).flatMap { integerIndex[$0] } }
            }
            var out = [Float](repeating: 0, count: positions.count * count)
            for (row, position) in positions.enumerated() {
                if let position { out[row * count + position] = 1 } else if !unknownIsZero {
                    throw RuntimeError.node(node, "an input value is not one of the \(count) categories")
                }
            }
            return [.float(out, shape: input.shape + [count])]
        }
    }

    /// ZipMap's probabilities pass through as a float [N, C] tensor (Ferry serves maps as tensors; the labels
    /// travel in the output's signature).
    static func zipMap(_ node: Node, _ context: KernelContext) throws -> Kernel {
        let labels = node.ints("classlabels_int64s")?.count ?? node.strings("classlabels_strings")?.count ?? 0
        guard labels > 0 else { throw RuntimeError.node(node, "has no class labels") }
        return { inputs in
            let input = inputs[0]
            guard case .float = input.values, input.shape.count == 2, input.shape[1] == labels else {
                throw RuntimeError.node(node, "expects float probabilities [N, \(labels)], got \(input.elementType.name)\(input.shape)")
            }
            return [input]
        }
    }

    /// LabelEncoder: ml opset 2+ maps `keys_*` to `values_*` (strings, int64s or floats, or `*_tensor` at opset 4)
    /// with a `default_*` for unknown keys; ml opset 1 maps strings to their index in `classes_strings` and back.
    static func labelEncoder(_ node: Node, _ context: KernelContext) throws -> Kernel {
        let table = try context.opset < 2 ? LabelTable(classesOf: node) : LabelTable(node)
        return { inputs in
            let input = inputs[0]
            let indices: [Int?]
            switch (table.keys, input.values) {
            case (.strings(let keys), .string(let values)): indices = values.map { keys[$0] }
            case (.integers(let keys), .int64(let values)): indices = values.map { keys[$0] }
            case (.floats(let keys, let nan), .float(let values)): indices = values.map { $0.isNaN ? nan : keys[$0] }
            default: throw RuntimeError.node(node, "its keys do not have the input's type \(input.elementType.name)")
            }
            return [.of(table.values(at: indices), shape: input.shape)]
        }
    }
}

/// A LabelEncoder's keys (each mapped to a position in its values) and its values with the default.
struct LabelTable: Sendable {
    enum Keys: Sendable {
        case strings([String: Int])
        case integers([Int64: Int])
        /// NaN keys cannot be looked up by equality; a NaN key's position is kept apart.
        case floats([Float: Int], nan: Int?)
    }

    let keys: Keys
    private let values: Tensor.Values
    private let fallback: Tensor.Values

    init(_ node: Node) throws {
        let keyTensor = node.tensor("keys_tensor"), valueTensor = node.tensor("values_tensor")
        let keyCount: Int
        if let strings = node.strings("keys_strings") ?? keyTensor?.stringElements {
            (keys, keyCount) = (.strings(Self.positions(strings)), strings.count)
        } else if let integers = node.ints("keys_int64s") ?? keyTensor?.integerElements {
            (keys, keyCount) = (.integers(Self.positions(integers)), integers.count)
        } else if let floats = node.floats("keys_floats") ?? keyTensor?.floatElements {
            (keys, keyCount) = (.floats(Self.positions(floats), nan: floats.firstIndex { $0.isNaN }), floats.count)
        } else {
            throw RuntimeError.node(node, "has no keys_strings, keys_int64s, keys_floats or keys_tensor")
        }
        let defaultTensor = node.tensor("default_tensor")
        if let strings = node.strings("values_strings") ?? valueTensor?.stringElements {
            (values, fallback) = (.string(strings), .string([defaultTensor?.stringElements?.first ?? node.string("default_string") ?? "_Unused"]))
        } else if let integers = node.ints("values_int64s") ?? valueTensor?.integerElements {
            (values, fallback) = (.int64(integers), .int64([defaultTensor?.integerElements?.first ?? node.int("default_int64") ?? -1]))
        } else if let floats = node.floats("values_floats") ?? valueTensor?.floatElements {
            (values, fallback) = (.float(floats), .float([defaultTensor?.floatElements?.first ?? node.float("default_float") ?? -0.0]))
        } else {
            throw RuntimeError.node(node, "has no values_strings, values_int64s, values_floats or values_tensor")
        }
        guard values.count == keyCount else {
            throw RuntimeError.node(node, "has \(keyCount) keys but \(values.count) values")
        }
    }

    /// ml opset 1: `classes_strings`; a string input gives its class index (default_int64 when unknown).
    init(classesOf node: Node) throws {
        guard let classes = node.strings("classes_strings") else { throw RuntimeError.node(node, "has no classes_strings") }
        keys = .strings(Self.positions(classes))
        values = .int64(classes.indices.map(Int64.init))
        fallback = .int64([node.int("default_int64") ?? -1])
    }

    /// The value at each position, or the default where there is none.
    func values(at positions: [Int?]) -> Tensor.Values {
        switch (values, fallback) {
        case (.string(let values), .string(let fallback)): .string(positions.map { $0.map { values[$0] } ?? fallback[0] })
        case (.int64(let values), .int64(let fallback)): .int64(positions.map { $0.map { values[$0] } ?? fallback[0] })
        case (.float(let values), .float(let fallback)): .float(positions.map { $0.map { values[$0] } ?? fallback[0] })
        default: .float([])
        }
    }

    private static func positions<Key: Hashable>(_ keys: [Key]) -> [Key: Int] {
        Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension Tensor {
    var stringElements: [String]? { if case .string(let values) = values { values } else { nil } }
    var integerElements: [Int64]? { if case .int64(let values) = values { values } else { nil } }
    var floatElements: [Float]? {
        switch values {
        case .float(let values): values
        case .double(let values): values.map(Float.init)
        default: nil
        }
    }
}
