import Foundation

/// MatMul (2-D), Softmax and ArgMax along an axis.
enum MatrixKernels {
    static func matMul(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        let (a, b) = (inputs[0], inputs[1])
        guard a.shape.count == 2, b.shape.count == 2, a.shape[1] == b.shape[0] else {
            throw RuntimeError.node(node, "cannot multiply shapes \(a.shape) and \(b.shape)")
        }
        let (rows, inner, columns) = (a.shape[0], a.shape[1], b.shape[1])
        let x = try a.floatValues(for: node), y = try b.floatValues(for: node)
        var out = [Float](repeating: 0, count: rows * columns)
        for row in 0..<rows {
            for k in 0..<inner {
                let value = x[row * inner + k]
                if value == 0 { continue }
                for column in 0..<columns { out[row * columns + column] += value * y[k * columns + column] }
            }
        }
        return [.float(out, shape: [rows, columns])]
    }

    /// Softmax over the last axis (the converters' only use), numerically stable.
    static func softmax(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        var x = try inputs[0].floatValues(for: node)
        let shape = inputs[0].shape
        let axis = Int(node.int("axis") ?? -1)
        guard let last = shape.last, axis == -1 || axis == shape.count - 1 else {
            throw RuntimeError.node(node, "Softmax over axis \(axis) of shape \(shape) is not supported")
        }
        guard last > 0 else { return [inputs[0]] }
        for start in stride(from: 0, to: x.count, by: last) {
            let range = start..<(start + last)
            let maximum = x[range].max() ?? 0
            var total: Float = 0
            for index in range {
                x[index] = exp(x[index] - maximum)
                total += x[index]
            }
            for index in range { x[index] /= total }
        }
        return [.float(x, shape: shape)]
    }

    /// ArgMax over the last axis; the first of equal maxima wins.
    static func argMax(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        let x = try inputs[0].floatValues(for: node)
        let shape = inputs[0].shape
        let axis = Int(node.int("axis") ?? 0)
        guard let last = shape.last, axis == -1 || axis == shape.count - 1, last > 0 else {
            throw RuntimeError.node(node, "ArgMax over axis \(axis) of shape \(shape) is not supported")
        }
        var result: [Int64] = []
        for start in stride(from: 0, to: x.count, by: last) {
            var best = 0
            for offset in 1..<last where x[start + offset] > x[start + best] { best = offset }
            result.append(Int64(best))
        }
        let keep = (node.int("keepdims") ?? 1) != 0
        return [.int64(result, shape: Array(shape.dropLast()) + (keep ? [1] : []))]
    }
}
