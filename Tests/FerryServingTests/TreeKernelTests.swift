import Testing

@testable import FerryServing

/// Tree layout and traversal against a direct reading of the attributes: every comparison mode, NaN routing
/// with and without missing-value tracking, values exactly at a threshold, and the ml opset 5 encoding.
@Suite("Tree ensemble kernels")
struct TreeKernelTests {
    typealias H = KernelHarness

    /// One tree over two features: node 0 (mode m0 on f0 at 1.0) → true: node 1, false: node 2; node 1 (m1 on f1
    /// at -0.5) → leaves 3 / 4; node 2 (m2 on f1 at 2.0) → leaves 5 / 6. Leaves 3...6 vote 10, 20, 30, 40.
    struct Tree {
        let modes: [String]
        let missingTrue: [Int64]

        static let thresholds: [Float] = [1.0, -0.5, 2.0]
        static let features: [Int64] = [0, 1, 1]
        static let weights: [Float] = [10, 20, 30, 40]

        var legacyRegressor: Node {
            H.ml("TreeEnsembleRegressor", [
                "nodes_treeids": .ints([0, 0, 0, 0, 0, 0, 0]), "nodes_nodeids": .ints([0, 1, 2, 3, 4, 5, 6]),
                "nodes_featureids": .ints(Self.features + [0, 0, 0, 0]), "nodes_values": .floats(Self.thresholds + [0, 0, 0, 0]),
                "nodes_modes": .strings(modes + ["LEAF", "LEAF", "LEAF", "LEAF"]),
                "nodes_truenodeids": .ints([1, 3, 5, 0, 0, 0, 0]), "nodes_falsenodeids": .ints([2, 4, 6, 0, 0, 0, 0]),
                "nodes_missing_value_tracks_true": .ints(missingTrue + [0, 0, 0, 0]),
                "target_treeids": .ints([0, 0, 0, 0]), "target_nodeids": .ints([3, 4, 5, 6]), "target_ids": .ints([0, 0, 0, 0]),
                "target_weights": .floats(Self.weights), "n_targets": .int(1),
            ])
        }

        var opset5: Node {
            let codes: [String: Int64] = ["BRANCH_LEQ": 0, "BRANCH_LT": 1, "BRANCH_GTE": 2, "BRANCH_GT": 3, "BRANCH_EQ": 4, "BRANCH_NEQ": 5]
            return H.ml("TreeEnsemble", [
                "tree_roots": .ints([0]), "nodes_featureids": .ints(Self.features),
                "nodes_splits": .tensor(.float(Self.thresholds, shape: [3])),
                "nodes_modes": .tensor(.int64(modes.map { codes[$0] ?? -1 }, shape: [3])),
                "nodes_truenodeids": .ints([1, 0, 2]), "nodes_trueleafs": .ints([0, 1, 1]),
                "nodes_falsenodeids": .ints([2, 1, 3]), "nodes_falseleafs": .ints([0, 1, 1]),
                "nodes_missing_value_tracks_true": .ints(missingTrue),
                "leaf_targetids": .ints([0, 0, 0, 0]), "leaf_weights": .tensor(.float(Self.weights, shape: [4])), "n_targets": .int(1),
            ])
        }

        /// onnxruntime's rule, read straight off the attributes: true when the comparison holds, or when x is NaN
        /// and missing values track true.
        func reference(_ x: [Float]) -> Float {
            func goesTrue(_ node: Int) -> Bool {
                let value = x[Int(Self.features[node])], threshold = Self.thresholds[node]
                let holds = switch modes[node] {
                case "BRANCH_LEQ": value <= threshold
                case "BRANCH_LT": value < threshold
                case "BRANCH_GTE": value >= threshold
                case "BRANCH_GT": value > threshold
                case "BRANCH_EQ": value == threshold
                default: value != threshold
                }
                return holds || (missingTrue[node] != 0 && value.isNaN)
            }
            if goesTrue(0) { return goesTrue(1) ? Self.weights[0] : Self.weights[1] }
            return goesTrue(2) ? Self.weights[2] : Self.weights[3]
        }
    }

    static let trees: [Tree] = [
        Tree(modes: ["BRANCH_LEQ", "BRANCH_LEQ", "BRANCH_LEQ"], missingTrue: [1, 0, 1]),
        Tree(modes: ["BRANCH_LT", "BRANCH_LT", "BRANCH_LT"], missingTrue: [0, 1, 0]),
        Tree(modes: ["BRANCH_GTE", "BRANCH_GT", "BRANCH_LEQ"], missingTrue: [1, 0, 0]),
        Tree(modes: ["BRANCH_GT", "BRANCH_GTE", "BRANCH_LT"], missingTrue: [0, 1, 1]),
        Tree(modes: ["BRANCH_EQ", "BRANCH_NEQ", "BRANCH_GTE"], missingTrue: [1, 1, 0]),
        Tree(modes: ["BRANCH_NEQ", "BRANCH_EQ", "BRANCH_GT"], missingTrue: [0, 0, 1]),
    ]

    /// Every combination of values below, at and above each threshold, and NaN, for both features.
    static let rows: [[Float]] = {
        let values: [Float] = [-3, -0.5, 0, 1, 1.5, 2, 3, .nan]
        return values.flatMap { a in values.map { b in [a, b] } }
    }()

    @Test("Legacy and opset 5 trees route every row as the attributes say", arguments: trees.indices)
    func routesLikeTheAttributes(_ index: Int) throws {
        let tree = Self.trees[index]
        let x = Tensor.float(Self.rows.flatMap { $0 }, shape: [Self.rows.count, 2])
        let expected = Self.rows.map(tree.reference)
        #expect(try H.run(tree.legacyRegressor, [x])[0] == .float(expected, shape: [Self.rows.count, 1]), "legacy \(tree.modes)")
        #expect(try H.run(tree.opset5, [x])[0] == .float(expected, shape: [Self.rows.count, 1]), "opset 5 \(tree.modes)")
    }

    @Test("Rows evaluated in blocks give the same scores as rows evaluated one at a time")
    func blocksMatchSingleRows() throws {
        let tree = Self.trees[2]
        let rows = (0..<(TreeEnsemble.rowBlock * 2 + 3)).map { Self.rows[$0 % Self.rows.count] }
        let together = try H.run(tree.legacyRegressor, [.float(rows.flatMap { $0 }, shape: [rows.count, 2])])[0]
        let alone = try rows.map { try H.run(tree.legacyRegressor, [.float($0, shape: [1, 2])])[0].floatElements ?? [] }
        #expect(together.floatElements == alone.flatMap { $0 })
    }

    @Test("Aggregates, base values and the classifier's binary rule follow onnxruntime")
    func aggregationAndClassifiers() throws {
        let twoTrees = H.ml("TreeEnsembleRegressor", [
            "nodes_treeids": .ints([0, 0, 0, 1, 1, 1]), "nodes_nodeids": .ints([0, 1, 2, 0, 1, 2]),
            "nodes_featureids": .ints([0, 0, 0, 0, 0, 0]), "nodes_values": .floats([0, 0, 0, 5, 0, 0]),
            "nodes_modes": .strings(["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_LEQ", "LEAF", "LEAF"]),
            "nodes_truenodeids": .ints([1, 0, 0, 1, 0, 0]), "nodes_falsenodeids": .ints([2, 0, 0, 2, 0, 0]),
            "target_treeids": .ints([0, 0, 1, 1]), "target_nodeids": .ints([1, 2, 1, 2]), "target_ids": .ints([0, 0, 0, 0]),
            "target_weights": .floats([1, 2, 4, 8]), "aggregate_function": .string("AVERAGE"), "base_values": .floats([100]),
        ])
        #expect(try H.run(twoTrees, [.float([-1, 1, 9], shape: [3, 1])])[0] == .float([102.5, 103, 105], shape: [3, 1]))
        var classifierAttributes = twoTrees.attributes
        for key in ["target_treeids", "target_nodeids", "target_ids", "target_weights", "aggregate_function", "base_values"] { classifierAttributes[key] = nil }
        classifierAttributes["class_treeids"] = .ints([0, 0, 1, 1])
        classifierAttributes["class_nodeids"] = .ints([1, 2, 1, 2])
        classifierAttributes["class_ids"] = .ints([0, 0, 0, 0])
        classifierAttributes["class_weights"] = .floats([0.1, 0.3, 0.2, 0.4])
        classifierAttributes["classlabels_int64s"] = .ints([7, 9])
        let forest = try H.run(H.ml("TreeEnsembleClassifier", classifierAttributes), [.float([-1, 9], shape: [2, 1])])
        #expect(forest[0] == .int64([7, 9], shape: [2]))
        let sums: [Float] = [Float(0.1) + Float(0.2), Float(0.3) + Float(0.4)]
        #expect(forest[1] == .float(sums.flatMap { [1 - $0, $0] }, shape: [2, 2]))
        classifierAttributes["class_weights"] = .floats([-1, 0.5, -0.25, 2])
        classifierAttributes["post_transform"] = .string("LOGISTIC")
        let boosted = try H.run(H.ml("TreeEnsembleClassifier", classifierAttributes), [.float([-1, 9], shape: [2, 1])])
        #expect(boosted[0] == .int64([7, 9], shape: [2]))
        let s: [Float] = [-1.25, 2.5]
        #expect(boosted[1] == .float(s.flatMap { [PostTransform.logistic(-$0), PostTransform.logistic($0)] }, shape: [2, 2]))
    }

    @Test("Malformed ensembles are refused when prepared, naming the problem")
    func refusesMalformedTrees() throws {
        func prepare(_ change: (inout [String: Attribute]) -> Void) throws {
            var attributes = Self.trees[0].legacyRegressor.attributes
            change(&attributes)
            _ = try H.run(H.ml("TreeEnsembleRegressor", attributes), [.float([0, 0], shape: [1, 2])])
        }
        #expect(throws: RuntimeError.self) { try prepare { $0["nodes_values"] = .floats([1]) } }
        #expect(throws: RuntimeError.self) { try prepare { $0["nodes_truenodeids"] = .ints([1, 3, 9, 0, 0, 0, 0]) } }
        #expect(throws: RuntimeError.self) { try prepare { $0["nodes_truenodeids"] = .ints([1, 0, 5, 0, 0, 0, 0]) } }
        #expect(throws: RuntimeError.self) { try prepare { $0["nodes_modes"] = .strings(["BRANCH_XX", "LEAF", "LEAF", "LEAF", "LEAF", "LEAF", "LEAF"]) } }
        #expect(throws: RuntimeError.self) { try prepare { $0["target_ids"] = .ints([0, 0, 0, 3]) } }
        let narrow = Self.trees[0].legacyRegressor
        #expect(throws: RuntimeError.self) { try H.run(narrow, [.float([0], shape: [1, 1])]) }
    }
}
