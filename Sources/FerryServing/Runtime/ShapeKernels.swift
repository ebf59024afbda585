/// Reshape, Flatten, Concat, Gather and ai.onnx.ml ArrayFeatureExtractor: moving values without computing.
enum ShapeKernels {
    static func reshape(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        let input = inputs[0]
        guard case .int64(let requested) = inputs[1].values else { throw RuntimeError.node(node, "needs an INT64 shape input") }
        let allowZero = (node.int("allowzero") ?? 0) != 0
        var shape = requested.enumerated().map { index, size in
            size == 0 && !allowZero && index < input.shape.count ? input.shape[index] : Int(size)
        }
        if let unknown = shape.firstIndex(of: -1) {
            let known = shape.enumerated().filter { $0.offset != unknown }.reduce(1) { $0 * $1.element }
            guard known > 0, input.elementCount % known == 0 else {
                throw RuntimeError.node(node, "cannot reshape \(input.shape) to \(requested)")
            }
            shape[unknown] = input.elementCount / known
        }
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == input.elementCount else {
            throw RuntimeError.node(node, "cannot reshape \(input.shape) to \(requested)")
        }
        return [input.reshaped(shape)]
    }

    static func flatten(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        let input = inputs[0]
        let axis = Int(node.int("axis") ?? 1)
        let resolved = axis < 0 ? axis + input.shape.count : axis
        guard resolved >= 0, resolved <= input.shape.count else {
            throw RuntimeError.node(node, "axis \(axis) is outside shape \(input.shape)")
        }
        return [input.reshaped([input.shape.prefix(resolved).reduce(1, *), input.shape.dropFirst(resolved).reduce(1, *)])]
    }

    /// Concat along any axis of tensors of one element type whose other dimensions agree.
    static func concat(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        guard let first = inputs.first else { throw RuntimeError.node(node, "needs at least one input") }
        let rank = first.shape.count
        let axis = try Axis.normalized(node.int("axis") ?? 1, rank: rank, node)
        let fits = inputs.allSatisfy { input in
            input.shape.count == rank && input.elementType == first.elementType
                && (0..<rank).allSatisfy { $0 == axis || input.shape[$0] == first.shape[$0] }
        }
        guard rank > 0, fits else {
            throw RuntimeError.node(node, "cannot concatenate \(inputs.map { "\($0.elementType.name)\($0.shape)" }) along axis \(axis)")
        }
        let outer = first.shape[..<axis].reduce(1, *)
        let blocks = inputs.map { $0.shape[axis...].reduce(1, *) }
        var shape = first.shape
        shape[axis] = inputs.map { $0.shape[axis] }.reduce(0, +)
        func join<T>(_ parts: [[T]]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(outer * blocks.reduce(0, +))
            for slice in 0..<outer {
                for (part, block) in zip(parts, blocks) { out.append(contentsOf: part[(slice * block)..<((slice + 1) * block)]) }
            }
            return out
        }
        let values: Tensor.Values
        switch first.values {
        case .float: values = .float(join(try inputs.map { try $0.floatValues(for: node) }))
        case .int64: values = .int64(join(inputs.map { if case .int64(let v) = $0.values { v } else { [] } }))
        case .string: values = .string(join(inputs.map { if case .string(let v) = $0.values { v } else { [] } }))
        case .double: values = .double(join(inputs.map { if case .double(let v) = $0.values { v } else { [] } }))
        case .bool: values = .bool(join(inputs.map { if case .bool(let v) = $0.values { v } else { [] } }))
        }
        return [.of(values, shape: shape)]
    }

    /// Gather along `axis` (default 0) with INT64 indices, negative ones counting from the end.
    static func gather(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        let (data, indexTensor) = (inputs[0], inputs[1])
        guard case .int64(let indices) = indexTensor.values else { throw RuntimeError.node(node, "needs INT64 indices") }
        guard !data.shape.isEmpty else { throw RuntimeError.node(node, "cannot gather from a scalar") }
        let axis = try Axis.normalized(node.int("axis") ?? 0, rank: data.shape.count, node)
        let (outer, length, inner) = Axis.split(data.shape, at: axis)
        let picks = try indices.map { index -> Int in
            let resolved = index < 0 ? Int(index) + length : Int(index)
            guard resolved >= 0, resolved < length else { throw RuntimeError.node(node, "index \(index) is outside 0..<\(length)") }
            return resolved
        }
        let shape = Array(data.shape[..<axis]) + indexTensor.shape + Array(data.shape[(axis + 1)...])
        return [.of(data.values.gathering(outer: outer, length: length, inner: inner, picks: picks), shape: shape)]
    }

    /// Gathers `indices` along the last axis of the first input.
    static func arrayFeatureExtractor(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        let (data, indexTensor) = (inputs[0], inputs[1])
        guard case .int64(let indices) = indexTensor.values, let last = data.shape.last else {
            throw RuntimeError.node(node, "needs INT64 indices and a non-scalar input")
        }
        guard indices.allSatisfy({ $0 >= 0 && $0 < last }) else {
            throw RuntimeError.node(node, "an index is outside 0..<\(last)")
        }
        let shape = (data.shape.count == 1 ? [] : Array(data.shape.dropLast())) + [indices.count]
        let outer = data.elementCount / max(last, 1)
        return [.of(data.values.gathering(outer: outer, length: last, inner: 1, picks: indices.map(Int.init)), shape: shape)]
    }
}

extension Tensor.Values {
    /// For values seen as [outer, length, inner], the [outer, picks.count, inner] values at positions `picks` of
    /// the middle axis (each pick already within 0..<length).
    func gathering(outer: Int, length: Int, inner: Int, picks: [Int]) -> Self {
        func gather<T>(_ values: [T]) -> [T] {
            var out: [T] = []
            out.reserveCapacity(outer * picks.count * inner)
            for block in 0..<outer {
                for pick in picks {
                    let start = (block * length + pick) * inner
                    out.append(contentsOf: values[start..<(start + inner)])
                }
            }
            return out
        }
        switch self {
        case .float(let values): return .float(gather(values))
        case .double(let values): return .double(gather(values))
        case .int64(let values): return .int64(gather(values))
        case .string(let values): return .string(gather(values))
        case .bool(let values): return .bool(gather(values))
        }
    }
}
