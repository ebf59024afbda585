extension TreeSource {
    /// Reads ai.onnx.ml TreeEnsemble (ml opset 5): `tree_roots`, the `nodes_*` arrays whose children index the
    /// `leaf_*` arrays where `nodes_trueleafs` / `nodes_falseleafs` is set, and one vote per leaf.
    init(opset5 node: Node) throws {
        let roots = node.ints("tree_roots") ?? [], features = node.ints("nodes_featureids") ?? []
        let splits = node.tensor("nodes_splits")?.floatElements ?? []
        let modes = node.tensor("nodes_modes")?.integerElements ?? []
        let trueIDs = node.ints("nodes_truenodeids") ?? [], falseIDs = node.ints("nodes_falsenodeids") ?? []
        let trueLeafs = node.ints("nodes_trueleafs") ?? [], falseLeafs = node.ints("nodes_falseleafs") ?? []
        let missing = node.ints("nodes_missing_value_tracks_true") ?? []
        let count = features.count
        guard !roots.isEmpty, [splits.count, modes.count, trueIDs.count, falseIDs.count, trueLeafs.count, falseLeafs.count].allSatisfy({ $0 == count }),
              missing.isEmpty || missing.count == count else {
            throw RuntimeError.node(node, "tree_roots or the nodes_* attributes are missing or have different lengths")
        }
        let targets = node.ints("leaf_targetids") ?? [], weights = node.tensor("leaf_weights")?.floatElements ?? []
        guard targets.count == weights.count else {
            throw RuntimeError.node(node, "leaf_targetids (\(targets.count)) and leaf_weights (\(weights.count)) differ in length")
        }
        func child(_ id: Int64, isLeaf: Int64) throws -> Child {
            let limit = isLeaf != 0 ? targets.count : count
            guard id >= 0, id < limit else { throw RuntimeError.node(node, "child \(id) is outside the \(isLeaf != 0 ? "leaf" : "node") arrays") }
            return isLeaf != 0 ? .leaf(Int(id)) : .branch(Int(id))
        }
        var branches: [Branch] = []
        branches.reserveCapacity(count)
        for position in 0..<count {
            guard features[position] >= 0, features[position] < Int64(Int32.max) else {
                throw RuntimeError.node(node, "feature id \(features[position]) is not valid")
            }
            branches.append(Branch(
                feature: Int(features[position]), threshold: splits[position], comparison: try Self.comparison(code: modes[position], node),
                whenTrue: try child(trueIDs[position], isLeaf: trueLeafs[position]),
                whenFalse: try child(falseIDs[position], isLeaf: falseLeafs[position]),
                missingGoesTrue: !missing.isEmpty && missing[position] != 0))
        }
        let leaves = try zip(targets, weights).map { target, weight in
            guard target >= 0, target < Int64(Int32.max) else { throw RuntimeError.node(node, "leaf target \(target) is not valid") }
            return [Vote(column: Int(target), weight: weight)]
        }
        self.init(branches: branches, leaves: leaves, roots: try roots.map { try child($0, isLeaf: 0) })
    }

    /// `nodes_modes` codes: 0 LEQ, 1 LT, 2 GTE, 3 GT, 4 EQ, 5 NEQ (6, set membership, is not supported).
    private static func comparison(code: Int64, _ node: Node) throws -> Comparison {
        switch code {
        case 0: .lessOrEqual
        case 1: .less
        case 2: .greaterOrEqual
        case 3: .greater
        case 4: .equal
        case 5: .notEqual
        default: throw RuntimeError.node(node, "node mode \(code) is not supported (6, BRANCH_MEMBER, is not implemented)")
        }
    }
}
