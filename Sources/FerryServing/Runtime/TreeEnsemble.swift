/// A legacy ai.onnx.ml tree ensemble (TreeEnsembleClassifier / TreeEnsembleRegressor, ml opset 1-3) laid out
/// for evaluation: every tree's nodes in one flat array, children as indices into it, and each leaf's
/// votes as a contiguous range.
struct TreeEnsemble: Sendable {
    enum Mode: Sendable {
        case leaf, lessOrEqual, less, greaterOrEqual, greater, equal, notEqual
    }

    struct TreeNode: Sendable {
        var feature: Int
        var threshold: Float
        var mode: Mode
        var trueChild: Int
        var falseChild: Int
        var missingGoesTrue: Bool
        /// The votes of a leaf: a range of ``TreeEnsemble/votes``.
        var votes: Range<Int>
    }

    var nodes: [TreeNode]
    /// Each tree's root, as an index into ``nodes``.
    var roots: [Int]
    /// (output column, weight) pairs; leaves point at ranges of it.
    var votes: [(column: Int, weight: Float)]

    /// Builds the ensemble from a node's attributes; `votePrefix` is `class` (classifier) or `target` (regressor).
    init(_ node: Node, votePrefix: String) throws {
        let treeIDs = node.ints("nodes_treeids") ?? [], nodeIDs = node.ints("nodes_nodeids") ?? []
        let features = node.ints("nodes_featureids") ?? [], thresholds = node.floats("nodes_values") ?? []
        let modes = node.strings("nodes_modes") ?? [], trueIDs = node.ints("nodes_truenodeids") ?? []
        let falseIDs = node.ints("nodes_falsenodeids") ?? []
        let missing = node.ints("nodes_missing_value_tracks_true") ?? []
        let count = treeIDs.count
        guard count > 0, [nodeIDs.count, features.count, thresholds.count, modes.count, trueIDs.count, falseIDs.count].allSatisfy({ $0 == count }),
              missing.isEmpty || missing.count == count else {
            throw RuntimeError.node(node, "the nodes_* attributes are missing or have different lengths")
        }
        var index: [Int64: [Int64: Int]] = [:]
        for position in 0..<count { index[treeIDs[position], default: [:]][nodeIDs[position]] = position }
        func child(_ tree: Int64, _ id: Int64) throws -> Int {
            guard let position = index[tree]?[id] else { throw RuntimeError.node(node, "tree \(tree) has no node \(id)") }
            return position
        }
        var nodes: [TreeNode] = []
        nodes.reserveCapacity(count)
        for position in 0..<count {
            let mode = try Self.mode(modes[position], node)
            let isLeaf = mode == .leaf
            nodes.append(TreeNode(
                feature: Int(features[position]), threshold: thresholds[position], mode: mode,
                trueChild: isLeaf ? position : try child(treeIDs[position], trueIDs[position]),
                falseChild: isLeaf ? position : try child(treeIDs[position], falseIDs[position]),
                missingGoesTrue: !missing.isEmpty && missing[position] != 0, votes: 0..<0))
        }
        let voteTrees = node.ints(votePrefix + "_treeids") ?? [], voteNodes = node.ints(votePrefix + "_nodeids") ?? []
        let voteColumns = node.ints(votePrefix + "_ids") ?? [], voteWeights = node.floats(votePrefix + "_weights") ?? []
        guard [voteNodes.count, voteColumns.count, voteWeights.count].allSatisfy({ $0 == voteTrees.count }) else {
            throw RuntimeError.node(node, "the \(votePrefix)_* attributes have different lengths")
        }
        var byLeaf: [Int: [(Int, Float)]] = [:]
        for vote in 0..<voteTrees.count {
            byLeaf[try child(voteTrees[vote], voteNodes[vote]), default: []].append((Int(voteColumns[vote]), voteWeights[vote]))
        }
        var votes: [(column: Int, weight: Float)] = []
        for (leaf, leafVotes) in byLeaf.sorted(by: { $0.key < $1.key }) {
            let start = votes.count
            votes.append(contentsOf: leafVotes.map { (column: $0.0, weight: $0.1) })
            nodes[leaf].votes = start..<votes.count
        }
        self.nodes = nodes
        self.votes = votes
        self.roots = try Set(treeIDs).sorted().map { try child($0, index[$0]!.keys.min()!) }
    }

    private static func mode(_ name: String, _ node: Node) throws -> Mode {
        switch name {
        case "LEAF": .leaf
        case "BRANCH_LEQ": .lessOrEqual
        case "BRANCH_LT": .less
        case "BRANCH_GTE": .greaterOrEqual
        case "BRANCH_GT": .greater
        case "BRANCH_EQ": .equal
        case "BRANCH_NEQ": .notEqual
        default: throw RuntimeError.node(node, "node mode \(name) is not supported")
        }
    }

    /// Adds the votes of every tree's leaf for `row` (features starting at `offset` of `x`) into `scores`.
    func accumulate(_ x: UnsafeBufferPointer<Float>, offset: Int, into scores: inout [Float], combine: (inout Float, Float) -> Void) {
        for root in roots {
            var position = root
            var current = nodes[position]
            while current.mode != .leaf {
                let value = x[offset + current.feature]
                let goesTrue: Bool
                if value.isNaN {
                    goesTrue = current.missingGoesTrue
                } else {
                    switch current.mode {
                    case .lessOrEqual: goesTrue = value <= current.threshold
                    case .less: goesTrue = value < current.threshold
                    case .greaterOrEqual: goesTrue = value >= current.threshold
                    case .greater: goesTrue = value > current.threshold
                    case .equal: goesTrue = value == current.threshold
                    case .notEqual: goesTrue = value != current.threshold
                    case .leaf: goesTrue = false
                    }
                }
                position = goesTrue ? current.trueChild : current.falseChild
                current = nodes[position]
            }
            for vote in votes[current.votes] { combine(&scores[vote.column], vote.weight) }
        }
    }
}
