import Foundation

/// ai.onnx.ml TreeEnsembleRegressor and TreeEnsembleClassifier (legacy attributes) and TreeEnsemble (ml opset 5),
/// evaluated as onnxruntime does. The ensemble is laid out once when the kernel is prepared.
enum TreeKernels {
    enum Aggregate: Sendable {
        case sum, average, min, max
    }

    static func regressor(_ node: Node, _ context: KernelContext) throws -> Kernel {
        let ensemble = try TreeEnsemble(TreeSource(legacy: node, votePrefix: "target"), node)
        let targets = Int(node.int("n_targets") ?? 1)
        let aggregate: Aggregate
        switch node.string("aggregate_function") ?? "SUM" {
        case "SUM": aggregate = .sum
        case "AVERAGE": aggregate = .average
        case "MIN": aggregate = .min
        case "MAX": aggregate = .max
        case let other: throw RuntimeError.node(node, "aggregate_function \(other) is not supported")
        }
        let base = node.floatsOrTensor("base_values") ?? []
        let transform = try PostTransform(node)
        try check(ensemble, columns: targets, base: base, node)
        return { inputs in
            var (rows, scores) = try evaluate(ensemble, inputs[0], columns: targets, aggregate, node)
            add(base, to: &scores, columns: targets)
            transform.apply(&scores, rows: rows, columns: targets)
            return [.float(scores, shape: [rows, targets])]
        }
    }

    static func classifier(_ node: Node, _ context: KernelContext) throws -> Kernel {
        let ensemble = try TreeEnsemble(TreeSource(legacy: node, votePrefix: "class"), node)
        let labels = ClassLabels(node, integerKey: "classlabels_int64s")
        let classes = labels.count
        let base = node.floatsOrTensor("base_values") ?? []
        let transform = try PostTransform(node)
        try check(ensemble, columns: classes, base: base, node)
        // onnxruntime's binary case: two labels but votes for a single column, the score of the second class.
        let binaryColumn = classes == 2 && ensemble.votedColumns.count == 1 ? ensemble.votedColumns.first : nil
        return { inputs in
            var (rows, scores) = try evaluate(ensemble, inputs[0], columns: classes, .sum, node)
            let chosen: [Int32]
            if let binaryColumn {
                chosen = binary(&scores, rows: rows, column: binaryColumn, base: base.first ?? 0, nonNegative: ensemble.nonNegative, transform)
            } else {
                add(base, to: &scores, columns: classes)
                // The label comes from the scores before the transform, as onnxruntime's does.
                chosen = scores.withUnsafeMutableBufferPointer { scores in
                    let chosen = ClassLabels.argMaxPerRow(UnsafeBufferPointer(scores), rows: rows, columns: classes)
                    transform.apply(scores, rows: rows, columns: classes)
                    return chosen
                }
            }
            return [labels.tensor(chosen), .float(scores, shape: [rows, classes])]
        }
    }

    /// ml opset 5 TreeEnsemble: Y [N, n_targets] of the input's type; enumerations are integers.
    static func ensemble(_ node: Node, _ context: KernelContext) throws -> Kernel {
        let ensemble = try TreeEnsemble(TreeSource(opset5: node), node)
        let targets = Int(node.int("n_targets") ?? 1)
        let aggregates: [Aggregate] = [.average, .sum, .min, .max]
        let transforms: [PostTransform.Kind] = [.none, .softmax, .logistic, .softmaxZero, .probit]
        let aggregateCode = Int(node.int("aggregate_function") ?? 1), transformCode = Int(node.int("post_transform") ?? 0)
        guard aggregates.indices.contains(aggregateCode), transforms.indices.contains(transformCode) else {
            throw RuntimeError.node(node, "aggregate_function \(aggregateCode) or post_transform \(transformCode) is not valid")
        }
        let transform = PostTransform(transforms[transformCode])
        try check(ensemble, columns: targets, base: [], node)
        return { inputs in
            var (rows, scores) = try evaluate(ensemble, inputs[0], columns: targets, aggregates[aggregateCode], node)
            transform.apply(&scores, rows: rows, columns: targets)
            if case .double = inputs[0].values { return [.of(.double(scores.map(Double.init)), shape: [rows, targets])] }
            return [.float(scores, shape: [rows, targets])]
        }
    }

    private static func check(_ ensemble: TreeEnsemble, columns: Int, base: [Float], _ node: Node) throws {
        guard columns > 0, ensemble.columns <= columns else {
            throw RuntimeError.node(node, "votes address \(ensemble.columns) outputs but the node has \(columns)")
        }
        guard base.isEmpty || base.count == columns || (columns == 2 && base.count == 1) else {
            throw RuntimeError.node(node, "\(base.count) base_values for \(columns) outputs")
        }
    }

    /// Every tree's votes for each row, [rows × columns], aggregated; AVERAGE divides by the number of trees.
    private static func evaluate(_ ensemble: TreeEnsemble, _ input: Tensor, columns: Int, _ aggregate: Aggregate, _ node: Node) throws -> (Int, [Float]) {
        let (rows, features) = try input.matrixShape(for: node)
        guard ensemble.widestFeature < features else {
            throw RuntimeError.node(node, "a tree reads feature \(ensemble.widestFeature) but the input has \(features)")
        }
        let x = try input.floatValues(for: node)
        let initial: Float = switch aggregate {
        case .min: MinAggregation.initial
        case .max: MaxAggregation.initial
        case .sum, .average: 0
        }
        var scores = [Float](repeating: initial, count: rows * columns)
        x.withUnsafeBufferPointer { x in
            scores.withUnsafeMutableBufferPointer { scores in
                switch aggregate {
                case .sum, .average: ensemble.accumulate(x, rows: rows, features: features, into: scores, scoreColumns: columns, SumAggregation.self)
                case .min: ensemble.accumulate(x, rows: rows, features: features, into: scores, scoreColumns: columns, MinAggregation.self)
                case .max: ensemble.accumulate(x, rows: rows, features: features, into: scores, scoreColumns: columns, MaxAggregation.self)
                }
            }
        }
        if aggregate == .average {
            let trees = Float(ensemble.roots.count)
            for index in scores.indices { scores[index] /= trees }
        }
        return (rows, scores)
    }

    private static func add(_ base: [Float], to scores: inout [Float], columns: Int) {
        guard base.count == columns else { return }
        for index in scores.indices { scores[index] += base[index % columns] }
    }

    /// onnxruntime's binary rule on s = the voted column + base: with non-negative weights p = [1 − s, s] and
    /// label 1 when s > 0.5; otherwise label 1 when s > 0 and p = [σ(−s), σ(s)] under LOGISTIC, else [−s, s].
    private static func binary(_ scores: inout [Float], rows: Int, column: Int, base: Float, nonNegative: Bool, _ transform: PostTransform) -> [Int32] {
        [Int32](unsafeUninitializedCapacity: rows) { chosen, initialized in
            scores.withUnsafeMutableBufferPointer { p in
                for row in 0..<rows {
                    let s = p[row * 2 + column] + base
                    if nonNegative {
                        (p[row * 2], p[row * 2 + 1]) = (1 - s, s)
                        chosen.initializeElement(at: row, to: s > 0.5 ? 1 : 0)
                    } else {
                        let logistic = transform.kind == .logistic
                        (p[row * 2], p[row * 2 + 1]) = logistic ? (PostTransform.logistic(-s), PostTransform.logistic(s)) : (-s, s)
                        chosen.initializeElement(at: row, to: s > 0 ? 1 : 0)
                    }
                }
                if nonNegative && transform.kind == .probit { transform.apply(p, rows: rows, columns: 2) }
            }
            initialized = rows
        }
    }
}
