import Foundation

/// ai.onnx.ml TreeEnsembleRegressor and TreeEnsembleClassifier (legacy attributes), evaluated as onnxruntime does.
enum TreeKernels {
    static func regressor(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        let ensemble = try TreeEnsemble(node, votePrefix: "target")
        let (rows, features) = try inputs[0].matrixShape(for: node)
        let targets = Int(node.int("n_targets") ?? 1)
        let aggregate = node.string("aggregate_function") ?? "SUM"
        guard ["SUM", "AVERAGE", "MIN", "MAX"].contains(aggregate) else {
            throw RuntimeError.node(node, "aggregate_function \(aggregate) is not supported")
        }
        try checkColumns(ensemble, features: features, node: node)
        let base = node.floats("base_values") ?? []
        let start: Float = aggregate == "MIN" ? .infinity : aggregate == "MAX" ? -.infinity : 0
        let combine: (inout Float, Float) -> Void = switch aggregate {
        case "MIN": { $0 = min($0, $1) }
        case "MAX": { $0 = max($0, $1) }
        default: { $0 += $1 }
        }
        let x = try inputs[0].floatValues(for: node)
        var out = [Float](repeating: 0, count: rows * targets)
        x.withUnsafeBufferPointer { x in
            for row in 0..<rows {
                var scores = [Float](repeating: start, count: targets)
                ensemble.accumulate(x, offset: row * features, into: &scores, combine: combine)
                for target in 0..<targets {
                    var value = scores[target]
                    if aggregate == "AVERAGE" { value /= Float(ensemble.roots.count) }
                    out[row * targets + target] = value + (base.count == targets ? base[target] : 0)
                }
            }
        }
        try PostTransform(node).apply(&out, rows: rows, columns: targets)
        return [.float(out, shape: [rows, targets])]
    }

    static func classifier(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        let ensemble = try TreeEnsemble(node, votePrefix: "class")
        let (rows, features) = try inputs[0].matrixShape(for: node)
        try checkColumns(ensemble, features: features, node: node)
        let labels = ClassLabels(node, integerKey: "classlabels_int64s")
        let classes = labels.count
        guard classes > 0, ensemble.votes.allSatisfy({ $0.column < classes }) else {
            throw RuntimeError.node(node, "class ids do not fit \(classes) class labels")
        }
        let base = node.floats("base_values") ?? []
        let transform = try PostTransform(node)
        let distinctColumns = Set(ensemble.votes.map(\.column))
        let binary = classes == 2 && distinctColumns.count == 1
        let nonNegative = ensemble.votes.allSatisfy { $0.weight >= 0 }
        let x = try inputs[0].floatValues(for: node)
        var probabilities = [Float](repeating: 0, count: rows * classes)
        var chosen = [Int](repeating: 0, count: rows)
        x.withUnsafeBufferPointer { x in
            for row in 0..<rows {
                var scores = [Float](repeating: 0, count: classes)
                ensemble.accumulate(x, offset: row * features, into: &scores) { $0 += $1 }
                if binary {
                    // onnxruntime's binary case: one score column s for the second class.
                    let s = scores[distinctColumns.first!] + (base.first ?? 0)
                    if nonNegative {
                        probabilities[row * 2] = 1 - s
                        probabilities[row * 2 + 1] = s
                        chosen[row] = s > 0.5 ? 1 : 0
                    } else {
                        let logistic = transform.kind == .logistic
                        probabilities[row * 2] = logistic ? 1 / (1 + exp(s)) : -s
                        probabilities[row * 2 + 1] = logistic ? 1 / (1 + exp(-s)) : s
                        chosen[row] = s > 0 ? 1 : 0
                    }
                } else {
                    for column in 0..<classes { probabilities[row * classes + column] = scores[column] + (base.count == classes ? base[column] : 0) }
                }
            }
        }
        if !binary {
            try transform.apply(&probabilities, rows: rows, columns: classes)
            chosen = ClassLabels.argMaxPerRow(probabilities, rows: rows, columns: classes)
        }
        return [labels.tensor(chosen), .float(probabilities, shape: [rows, classes])]
    }

    /// Every feature a tree reads must exist in the input.
    private static func checkColumns(_ ensemble: TreeEnsemble, features: Int, node: Node) throws {
        if let widest = ensemble.nodes.filter({ $0.mode != .leaf }).map(\.feature).max(), widest >= features {
            throw RuntimeError.node(node, "a tree reads feature \(widest) but the input has \(features)")
        }
    }
}
