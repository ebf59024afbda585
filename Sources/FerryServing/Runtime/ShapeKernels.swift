/// Reshape, Concat, Flatten and ai.onnx.ml ArrayFeatureExtractor: moving values without computing.
enum ShapeKernels {
    static func reshape(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        let input = inputs[0]
        guard inputs.count > 1, case .int64(let requested) = inputs[1].values else {
            throw RuntimeError.node(node, "needs an INT64 shape input")
        }
        var shape = requested.enumerated().map { index, size in size == 0 && index < input.shape.count ? input.shape[index] : Int(size) }
        if let unknown = shape.firstIndex(of: -1) {
            let known = shape.enumerated().filter { $0.offset != unknown }.reduce(1) { $0 * $1.element }
            guard known > 0, input.elementCount % known == 0 else {
                throw RuntimeError.node(node, "cannot reshape \(input.shape) to \(requested)")
            }
            shape[unknown] = input.elementCount / known
        }
        guard shape.reduce(1, *) == input.elementCount else { throw RuntimeError.node(node, "cannot reshape \(input.shape) to \(requested)") }
        var output = input
        output.shape = shape
        return [output]
    }

    static func flatten(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        let input = inputs[0]
        let axis = Int(node.int("axis") ?? 1)
        guard axis >= 0, axis <= input.shape.count else { throw RuntimeError.node(node, "axis \(axis) is out of range") }
        var output = input
        output.shape = [input.shape.prefix(axis).reduce(1, *), input.shape.dropFirst(axis).reduce(1, *)]
        return [output]
    }

    /// Concat along the last axis of 2-D float tensors (what the converters emit).
    static func concat(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        let axis = Int(node.int("axis") ?? 1)
        guard inputs.allSatisfy({ $0.shape.count == 2 }), axis == 1 || axis == -1, let rows = inputs.first?.shape[0],
              inputs.allSatisfy({ $0.shape[0] == rows }) else {
            throw RuntimeError.node(node, "Concat of shapes \(inputs.map(\.shape)) along axis \(axis) is not supported")
        }
        let parts = try inputs.map { try $0.floatValues(for: node) }
        let widths = inputs.map { $0.shape[1] }
        var out: [Float] = []
        out.reserveCapacity(rows * widths.reduce(0, +))
        for row in 0..<rows {
            for (part, width) in zip(parts, widths) { out.append(contentsOf: part[(row * width)..<((row + 1) * width)]) }
        }
        return [.float(out, shape: [rows, widths.reduce(0, +)])]
    }

    /// Gathers `indices` along the last axis of the first input.
    static func arrayFeatureExtractor(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        let (data, indexTensor) = (inputs[0], inputs[1])
        guard case .int64(let indices) = indexTensor.values, let last = data.shape.last else {
            throw RuntimeError.node(node, "needs INT64 indices")
        }
        guard indices.allSatisfy({ $0 >= 0 && Int($0) < last }) else {
            throw RuntimeError.node(node, "an index is outside 0..<\(last)")
        }
        let outer = data.elementCount / max(last, 1)
        let picks = indices.map(Int.init)
        let shape = (data.shape.count == 1 ? [] : Array(data.shape.dropLast())) + [picks.count]
        func gather<T>(_ values: [T]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(outer * picks.count)
            for row in 0..<outer { for pick in picks { out.append(values[row * last + pick]) } }
            return out
        }
        switch data.values {
        case .float(let values): return [.float(gather(values), shape: shape)]
        case .int64(let values): return [.int64(gather(values), shape: shape)]
        case .string(let values): return [.string(gather(values), shape: shape)]
        case .double(let values): return [Tensor(name: "", elementType: .double, shape: shape, values: .double(gather(values)))]
        case .bool(let values): return [Tensor(name: "", elementType: .bool, shape: shape, values: .bool(gather(values)))]
        }
    }
}
