import Foundation

/// Element-wise arithmetic with broadcasting (Add, Sub, Mul, Div) and unary activations (Relu, Sigmoid, Abs).
enum ElementwiseKernels {
    static let add = binary { $0 + $1 } int: { $0 &+ $1 }
    static let sub = binary { $0 - $1 } int: { $0 &- $1 }
    static let mul = binary { $0 * $1 } int: { $0 &* $1 }
    static let div = binary { $0 / $1 } int: { $1 == 0 ? 0 : $0 / $1 }

    static let relu = unary { max($0, 0) }
    static let sigmoid = unary { 1 / (1 + exp(-$0)) }
    static let abs = unary { Swift.abs($0) }

    static func binary(
        _ float: @escaping @Sendable (Float, Float) -> Float, int: @escaping @Sendable (Int64, Int64) -> Int64
    ) -> GraphExecutor.Kernel {
        { node, inputs in
            let (a, b) = (inputs[0], inputs[1])
            guard let shape = Broadcasting.shape(a.shape, b.shape) else {
                throw RuntimeError.node(node, "shapes \(a.shape) and \(b.shape) do not broadcast")
            }
            let left = Broadcasting.sourceIndices(a.shape, into: shape)
            let right = Broadcasting.sourceIndices(b.shape, into: shape)
            if case .int64(let x) = a.values, case .int64(let y) = b.values {
                return [.int64(zip(left, right).map { int(x[$0], y[$1]) }, shape: shape)]
            }
            let x = try a.floatValues(for: node), y = try b.floatValues(for: node)
            return [.float(zip(left, right).map { float(x[$0], y[$1]) }, shape: shape)]
        }
    }

    static func unary(_ function: @escaping @Sendable (Float) -> Float) -> GraphExecutor.Kernel {
        { node, inputs in
            [.float(try inputs[0].floatValues(for: node).map(function), shape: inputs[0].shape)]
        }
    }
}
