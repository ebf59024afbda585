import Foundation

/// Element-wise arithmetic with broadcasting (Add, Sub, Mul, Div) and unary activations (Relu, Sigmoid, Abs).
enum ElementwiseKernels {
    static let add = binary({ $0 + $1 }, int: { $0 &+ $1 })
    static let sub = binary({ $0 - $1 }, int: { $0 &- $1 })
    static let mul = binary({ $0 * $1 }, int: { $0 &* $1 })
    static let div = binary({ $0 / $1 }, int: { $1 == 0 ? 0 : $0 / $1 })

    static let relu = unary { max($0, 0) }
    static let sigmoid = unary { 1 / (1 + exp(-$0)) }
    static let abs = unary { Swift.abs($0) }

    static func binary(
        _ float: @escaping @Sendable (Float, Float) -> Float, int: @escaping @Sendable (Int64, Int64) -> Int64
    ) -> @Sendable (Node, [Tensor]) throws -> [Tensor] {
        { node, inputs in
            let (a, b) = (inputs[0], inputs[1])
            guard let shape = Broadcasting.shape(a.shape, b.shape) else {
                throw RuntimeError.node(node, "shapes \(a.shape) and \(b.shape) do not broadcast")
            }
            if case .int64(let x) = a.values, case .int64(let y) = b.values {
                return [.int64(combine(x, a.shape, y, b.shape, into: shape, int), shape: shape)]
            }
            let x = try a.floatValues(for: node), y = try b.floatValues(for: node)
            return [.float(combine(x, a.shape, y, b.shape, into: shape, float), shape: shape)]
        }
    }

    /// `x ∘ y` broadcast to `shape`: equal shapes, a repeated trailing block (a scalar or a row over a
    /// matrix) and the general case, each in one pass without per-element index arithmetic where possible.
    @inline(__always)
    static func combine<T: Sendable>(_ x: [T], _ xShape: [Int], _ y: [T], _ yShape: [Int], into shape: [Int], _ op: (T, T) -> T) -> [T] {
        let count = shape.reduce(1, *)
        if let period = Broadcasting.trailingPeriod(yShape, in: shape), x.count == count {
            return tiled(x, y, period: period) { op($0, $1) }
        }
        if let period = Broadcasting.trailingPeriod(xShape, in: shape), y.count == count {
            return tiled(y, x, period: period) { op($1, $0) }
        }
        let left = Broadcasting.sourceIndices(xShape, into: shape)
        let right = Broadcasting.sourceIndices(yShape, into: shape)
        return zip(left, right).map { op(x[$0], y[$1]) }
    }

    /// `op(full[i], block[i % period])` for every element of `full`, without index arithmetic per element.
    @inline(__always)
    private static func tiled<T>(_ full: [T], _ block: [T], period: Int, _ op: (T, T) -> T) -> [T] {
        let count = full.count
        return [T](unsafeUninitializedCapacity: count) { out, initialized in
            full.withUnsafeBufferPointer { full in
                block.withUnsafeBufferPointer { block in
                    var index = 0
                    while index < count {
                        for offset in 0..<period { out.initializeElement(at: index + offset, to: op(full[index + offset], block[offset])) }
                        index += period
                    }
                }
            }
            initialized = count
        }
    }

    static func unary(_ function: @escaping @Sendable (Float) -> Float) -> @Sendable (Node, [Tensor]) throws -> [Tensor] {
        { node, inputs in
            [.float(try inputs[0].floatValues(for: node).map(function), shape: inputs[0].shape)]
        }
    }
}
