import Foundation

/// The `post_transform` of ai.onnx.ml linear and tree operators, applied in place to [rows × columns] scores.
struct PostTransform: Sendable {
    enum Kind: String, Sendable {
        case none = "NONE"
        case logistic = "LOGISTIC"
        case softmax = "SOFTMAX"
        case softmaxZero = "SOFTMAX_ZERO"
        case probit = "PROBIT"
    }

    let kind: Kind

    init(_ kind: Kind) {
        self.kind = kind
    }

    /// Reads the node's `post_transform` string (default NONE).
    init(_ node: Node) throws {
        let name = node.string("post_transform") ?? "NONE"
        guard let kind = Kind(rawValue: name) else { throw RuntimeError.node(node, "post_transform \(name) is not supported") }
        self.kind = kind
    }

    func apply(_ scores: inout [Float], rows: Int, columns: Int) {
        guard kind != .none, columns > 0 else { return }
        scores.withUnsafeMutableBufferPointer { apply($0, rows: rows, columns: columns) }
    }

    func apply(_ scores: UnsafeMutableBufferPointer<Float>, rows: Int, columns: Int) {
        let scores = UnsafeMutableBufferPointer(rebasing: scores[0..<(rows * columns)])
        switch kind {
        case .none:
            return
        case .logistic:
            VectorMath.map(scores, VectorMath.logistic)
        case .probit:
            for index in scores.indices { scores[index] = Self.probit(scores[index]) }
        case .softmax:
            // Shift each row by its maximum, exponentiate everything at once, then divide each row by its sum.
            for row in 0..<rows {
                let start = row * columns
                var maximum = -Float.infinity
                for index in start..<(start + columns) { maximum = max(maximum, scores[index]) }
                for index in start..<(start + columns) { scores[index] -= maximum }
            }
            VectorMath.map(scores, VectorMath.exp)
            for row in 0..<rows {
                let start = row * columns
                var total: Float = 0
                for index in start..<(start + columns) { total += scores[index] }
                for index in start..<(start + columns) { scores[index] /= total }
            }
        case .softmaxZero:
            // As SOFTMAX, but exact zeros neither count nor change.
            for row in 0..<rows {
                let start = row * columns
                var maximum = -Float.infinity
                for index in start..<(start + columns) where scores[index] != 0 { maximum = max(maximum, scores[index]) }
                var total: Float = 0
                for index in start..<(start + columns) where scores[index] != 0 {
                    scores[index] = VectorMath.exp(VectorMath.Lanes(repeating: scores[index] - maximum))[0]
                    total += scores[index]
                }
                guard total > 0 else { continue }
                for index in start..<(start + columns) where scores[index] != 0 { scores[index] /= total }
            }
        }
    }

    /// The logistic function of one value, computed as ``VectorMath/logistic(_:)`` computes each lane.
    @inline(__always)
    static func logistic(_ x: Float) -> Float {
        VectorMath.logistic(VectorMath.Lanes(repeating: x))[0]
    }

    /// √2 · erfinv(2p − 1), as onnxruntime computes PROBIT (Winitzki's approximation).
    static func probit(_ p: Float) -> Float {
        let x = 2 * p - 1
        let sign: Float = x < 0 ? -1 : 1
        let a: Float = 0.147
        let ln = log((1 - x) * (1 + x))
        let first = 2 / (3.14159 * a) + ln / 2
        let value = sign * ((first * first - ln / a).squareRoot() - first).squareRoot()
        return value * Float(2).squareRoot()
    }
}
