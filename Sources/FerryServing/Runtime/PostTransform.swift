import Foundation

/// The `post_transform` of ai.onnx.ml linear and tree operators, applied to [rows × columns] scores.
struct PostTransform {
    enum Kind: String {
        case none = "NONE"
        case logistic = "LOGISTIC"
        case softmax = "SOFTMAX"
        case softmaxZero = "SOFTMAX_ZERO"
    }

    let kind: Kind

    init(_ node: Node) throws {
        let name = node.string("post_transform") ?? "NONE"
        guard let kind = Kind(rawValue: name) else { throw RuntimeError.node(node, "post_transform \(name) is not supported") }
        self.kind = kind
    }

    func apply(_ scores: inout [Float], rows: Int, columns: Int) throws {
        switch kind {
        case .none:
            return
        case .logistic:
            for index in scores.indices { scores[index] = 1 / (1 + exp(-scores[index])) }
        case .softmax, .softmaxZero:
            for row in 0..<rows {
                let range = (row * columns)..<((row + 1) * columns)
                let skipZeros = kind == .softmaxZero
                let maximum = scores[range].filter { !skipZeros || $0 != 0 }.max() ?? 0
                var total: Float = 0
                for index in range where !(skipZeros && scores[index] == 0) {
                    scores[index] = exp(scores[index] - maximum)
                    total += scores[index]
                }
                if total > 0 {
                    for index in range where !(skipZeros && scores[index] == 0) { scores[index] /= total }
                }
            }
        }
    }
}
