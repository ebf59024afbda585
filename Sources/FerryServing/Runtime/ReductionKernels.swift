/// ReduceSum: axes from the attribute (before opset 13) or the optional second input, `keepdims` (default 1),
/// and `noop_with_empty_axes` (opset 13: no axes means every axis, or none when it is set).
enum ReductionKernels {
    static func reduceSum(_ node: Node, _ context: KernelContext) throws -> Kernel {
        let attributeAxes = node.ints("axes")
        let keep = (node.int("keepdims") ?? 1) != 0
        let noopWhenEmpty = (node.int("noop_with_empty_axes") ?? 0) != 0
        return { inputs in
            let input = inputs[0]
            var requested = attributeAxes ?? []
            if inputs.count > 1 {
                guard case .int64(let axes) = inputs[1].values else { throw RuntimeError.node(node, "axes must be INT64") }
                requested = axes
            }
            if requested.isEmpty && noopWhenEmpty { return [input] }
            let rank = input.shape.count
            let axes = requested.isEmpty ? Set(0..<rank) : Set(try requested.map { try Axis.normalized($0, rank: rank, node) })
            var outShape: [Int] = []
            var outStrides = [Int](repeating: 0, count: rank)
            var step = 1
            for axis in (0..<rank).reversed() where !axes.contains(axis) {
                outStrides[axis] = step
                step *= input.shape[axis]
            }
            for axis in 0..<rank {
                if !axes.contains(axis) { outShape.append(input.shape[axis]) } else if keep { outShape.append(1) }
            }
            // Each input element adds into the output element its non-reduced coordinates name.
            func reduce<T: AdditiveArithmetic>(_ values: [T]) -> [T] {
                var out = [T](repeating: .zero, count: step)
                var position = [Int](repeating: 0, count: rank)
                var target = 0
                for value in values {
                    out[target] += value
                    var axis = rank - 1
                    while axis >= 0 {
                        position[axis] += 1
                        target += outStrides[axis]
                        if position[axis] < input.shape[axis] { break }
                        target -= outStrides[axis] * position[axis]
                        position[axis] = 0
                        axis -= 1
                    }
                }
                return out
            }
            switch input.values {
            case .int64(let values): return [.int64(reduce(values), shape: outShape)]
            case .double(let values): return [.of(.double(reduce(values)), shape: outShape)]
            default: return [.float(reduce(try input.floatValues(for: node)), shape: outShape)]
            }
        }
    }
}
