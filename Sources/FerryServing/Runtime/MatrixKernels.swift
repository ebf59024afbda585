import Foundation

/// MatMul and Gemm (constant weights arranged once), Softmax and ArgMax along an axis.
enum MatrixKernels {
    /// A [rows × inner] by B [inner × columns], with B constant or computed; A may have leading batch dimensions.
    static func matMul(_ node: Node, _ context: KernelContext) throws -> Kernel {
        let constant = try context.constants[1].map { try Weights(matrix: $0, transposed: false, node) }
        return { inputs in
            let a = inputs[0]
            let weights = try constant ?? Weights(matrix: inputs[1], transposed: false, node)
            guard let inner = a.shape.last, inner == weights.inner else {
                throw RuntimeError.node(node, "cannot multiply shapes \(a.shape) and [\(weights.inner), \(weights.columns)]")
            }
            let rows = a.shape.count <= 1 ? 1 : a.elementCount / max(inner, 1)
            let out = multiply(try a.floatValues(for: node), rows: rows, weights, alpha: 1)
            return [.float(out, shape: Array(a.shape.dropLast()) + [weights.columns])]
        }
    }

    /// Y = alpha · A′ · B′ + beta · C, where ′ transposes when transA / transB is set and C broadcasts to Y.
    static func gemm(_ node: Node, _ context: KernelContext) throws -> Kernel {
        let alpha = node.float("alpha") ?? 1, beta = node.float("beta") ?? 1
        let transposeA = (node.int("transA") ?? 0) != 0, transposeB = (node.int("transB") ?? 0) != 0
        let constant = try context.constants[1].map { try Weights(matrix: $0, transposed: transposeB, node) }
        return { inputs in
            let weights = try constant ?? Weights(matrix: inputs[1], transposed: transposeB, node)
            guard inputs[0].shape.count == 2 else { throw RuntimeError.node(node, "A must be 2-dimensional, got \(inputs[0].shape)") }
            var a = try inputs[0].floatValues(for: node)
            var (rows, inner) = (inputs[0].shape[0], inputs[0].shape[1])
            if transposeA {
                a = transpose(a, rows: rows, columns: inner)
                (rows, inner) = (inner, rows)
            }
            guard inner == weights.inner else {
                throw RuntimeError.node(node, "cannot multiply A′ [\(rows), \(inner)] by B′ [\(weights.inner), \(weights.columns)]")
            }
            var out = multiply(a, rows: rows, weights, alpha: alpha)
            if inputs.count > 2, beta != 0 {
                let c = inputs[2]
                guard Broadcasting.shape(c.shape, [rows, weights.columns]) == [rows, weights.columns] else {
                    throw RuntimeError.node(node, "C of shape \(c.shape) does not broadcast to [\(rows), \(weights.columns)]")
                }
                let scaled = try c.floatValues(for: node).map { $0 * beta }
                out = ElementwiseKernels.combine(out, [rows, weights.columns], scaled, c.shape, into: [rows, weights.columns], +)
            }
            return [.float(out, shape: [rows, weights.columns])]
        }
    }

    /// A right-hand matrix stored [inner × columns] row-major, so a product row is a sum of scaled weight rows.
    struct Weights: Sendable {
        let values: [Float]
        let inner: Int
        let columns: Int

        init(matrix: Tensor, transposed: Bool, _ node: Node) throws {
            guard matrix.shape.count == 2 else { throw RuntimeError.node(node, "B must be 2-dimensional, got \(matrix.shape)") }
            let values = try matrix.floatValues(for: node)
            let (rows, columns) = (matrix.shape[0], matrix.shape[1])
            self.values = transposed ? transpose(values, rows: rows, columns: columns) : values
            (inner, self.columns) = transposed ? (columns, rows) : (rows, columns)
        }
    }

    /// alpha · A [rows × inner] · W, accumulating each output over `inner` in order.
    static func multiply(_ a: [Float], rows: Int, _ weights: Weights, alpha: Float) -> [Float] {
        let (inner, columns) = (weights.inner, weights.columns)
        guard rows > 0, columns > 0 else { return [] }
        return [Float](unsafeUninitializedCapacity: rows * columns) { out, initialized in
            out.initialize(repeating: 0)
            a.withUnsafeBufferPointer { a in
                weights.values.withUnsafeBufferPointer { w in
                    for row in 0..<rows {
                        let target = out.baseAddress! + row * columns
                        for k in 0..<inner {
                            let value = a[row * inner + k]
                            let source = w.baseAddress! + k * columns
                            for column in 0..<columns { target[column] += value * source[column] }
                        }
                        if alpha != 1 { for column in 0..<columns { target[column] *= alpha } }
                    }
                }
            }
            initialized = rows * columns
        }
    }

    static func transpose(_ values: [Float], rows: Int, columns: Int) -> [Float] {
        var out = [Float](repeating: 0, count: values.count)
        for row in 0..<rows { for column in 0..<columns { out[column * rows + row] = values[row * columns + column] } }
        return out
    }

    /// Softmax along `axis`; before opset 13 over the flattened dimensions from `axis` on (default axis 1).
    static func softmax(_ node: Node, _ context: KernelContext) throws -> Kernel {
        let flattens = context.opset < 13
        let requested = node.int("axis") ?? (flattens ? 1 : -1)
        return { inputs in
            var x = try inputs[0].floatValues(for: node)
            let shape = inputs[0].shape
            let axis = try Axis.normalized(requested, rank: shape.count, node)
            var (outer, length, inner) = Axis.split(shape, at: axis)
            if flattens { (length, inner) = (length * inner, 1) }
            guard length > 0 else { return [inputs[0]] }
            x.withUnsafeMutableBufferPointer { x in
                for block in 0..<outer {
                    for offset in 0..<inner {
                        let start = block * length * inner + offset
                        var maximum = -Float.infinity
                        for i in 0..<length { maximum = max(maximum, x[start + i * inner]) }
                        var total: Float = 0
                        for i in 0..<length {
                            let e = exp(x[start + i * inner] - maximum)
                            x[start + i * inner] = e
                            total += e
                        }
                        for i in 0..<length { x[start + i * inner] /= total }
                    }
                }
            }
            return [.float(x, shape: shape)]
        }
    }

    /// ArgMax along `axis` (default 0); the first of equal maxima wins unless `select_last_index` is set.
    static func argMax(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        let x = try inputs[0].floatValues(for: node)
        let shape = inputs[0].shape
        guard !shape.isEmpty else { throw RuntimeError.node(node, "ArgMax needs at least one dimension") }
        let axis = try Axis.normalized(node.int("axis") ?? 0, rank: shape.count, node)
        let (outer, length, inner) = Axis.split(shape, at: axis)
        guard length > 0 else { throw RuntimeError.node(node, "ArgMax over an empty axis of shape \(shape)") }
        let last = (node.int("select_last_index") ?? 0) != 0
        var result = [Int64](repeating: 0, count: outer * inner)
        for block in 0..<outer {
            for offset in 0..<inner {
                let start = block * length * inner + offset
                var best = 0
                for i in 1..<length {
                    let value = x[start + i * inner], current = x[start + best * inner]
                    if value > current || (last && value == current) { best = i }
                }
                result[block * inner + offset] = Int64(best)
            }
        }
        var outShape = shape
        if (node.int("keepdims") ?? 1) != 0 { outShape[axis] = 1 } else { outShape.remove(at: axis) }
        return [.int64(result, shape: outShape)]
    }
}
