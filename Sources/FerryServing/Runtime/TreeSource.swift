/// A tree ensemble as its attributes describe it, before it is laid out for evaluation: branch nodes, leaves
/// with their votes, and each tree's root. Both the legacy TreeEnsembleClassifier/Regressor attributes and the
/// ml opset 5 TreeEnsemble attributes are read into this one form.
struct TreeSource {
    /// How a branch compares the feature value x with its threshold t (true: take the true child).
    enum Comparison: Sendable {
        case lessOrEqual, less, greaterOrEqual, greater, equal, notEqual
    }

    enum Child: Hashable {
        case branch(Int)
        case leaf(Int)
    }

    struct Branch {
        var feature: Int
        var threshold: Float
        var comparison: Comparison
        var whenTrue: Child
        var whenFalse: Child
        /// A NaN feature value takes the true child (otherwise it compares, and every comparison but ≠ is false).
        var missingGoesTrue: Bool
    }

    /// One output column (class or target) and the weight a leaf adds to it.
    struct Vote {
        var column: Int
        var weight: Float
    }

    var branches: [Branch] = []
    var leaves: [[Vote]] = []
    var roots: [Child] = []

    /// Reads the legacy attributes; `votePrefix` is `class` (classifier) or `target` (regressor).
    init(legacy node: Node, votePrefix: String) throws {
        let treeIDs = node.ints("nodes_treeids") ?? [], nodeIDs = node.ints("nodes_nodeids") ?? []
        let features = node.ints("nodes_featureids") ?? [], thresholds = node.floatsOrTensor("nodes_values") ?? []
        let modes = node.strings("nodes_modes") ?? [], trueIDs = node.ints("nodes_truenodeids") ?? []
        let falseIDs = node.ints("nodes_falsenodeids") ?? []
        let missing = node.ints("nodes_missing_value_tracks_true") ?? []
        let count = treeIDs.count
        guard count > 0, [nodeIDs.count, features.count, thresholds.count, modes.count, trueIDs.count, falseIDs.count].allSatisfy({ $0 == count }),
              missing.isEmpty || missing.count == count else {
            throw RuntimeError.node(node, "the nodes_* attributes are missing or have different lengths")
        }
        // Each (tree, node id) becomes a branch or a leaf; children are resolved once every node has a place.
        var children: [Int64: [Int64: Child]] = [:]
        var treeOrder: [Int64] = []
        for position in 0..<count {
            let tree = treeIDs[position]
            if children[tree] == nil { treeOrder.append(tree) }
            guard children[tree]?[nodeIDs[position]] == nil else {
                throw RuntimeError.node(node, "tree \(tree) has node \(nodeIDs[position]) twice")
            }
            if modes[position] == "LEAF" {
                children[tree, default: [:]][nodeIDs[position]] = .leaf(leaves.count)
                leaves.append([])
            } else {
                children[tree, default: [:]][nodeIDs[position]] = .branch(branches.count)
                branches.append(Branch(feature: 0, threshold: 0, comparison: .lessOrEqual, whenTrue: .leaf(0), whenFalse: .leaf(0), missingGoesTrue: false))
            }
        }
        func child(_ tree: Int64, _ id: Int64) throws -> Child {
            guard let found = children[tree]?[id] else { throw RuntimeError.node(node, "tree \(tree) has no node \(id)") }
            return found
        }
        var referenced: Set<Child> = []
        for position in 0..<count where modes[position] != "LEAF" {
            guard case .branch(let index) = try child(treeIDs[position], nodeIDs[position]) else { continue }
            guard features[position] >= 0, features[position] < Int64(Int32.max) else {
                throw RuntimeError.node(node, "feature id \(features[position]) is not valid")
            }
            let branch = Branch(
                feature: Int(features[position]), threshold: thresholds[position], comparison: try Self.comparison(modes[position], node),
                whenTrue: try child(treeIDs[position], trueIDs[position]), whenFalse: try child(treeIDs[position], falseIDs[position]),
                missingGoesTrue: !missing.isEmpty && missing[position] != 0)
            branches[index] = branch
            referenced.formUnion([branch.whenTrue, branch.whenFalse])
        }
        for tree in treeOrder {
            let unreferenced = (children[tree] ?? [:]).filter { !referenced.contains($0.value) }
            guard unreferenced.count == 1, let root = unreferenced.first?.value else {
                throw RuntimeError.node(node, "tree \(tree) has \(unreferenced.count) roots")
            }
            roots.append(root)
        }
        let voteTrees = node.ints(votePrefix + "_treeids") ?? [], voteNodes = node.ints(votePrefix + "_nodeids") ?? []
        let voteColumns = node.ints(votePrefix + "_ids") ?? [], voteWeights = node.floatsOrTensor(votePrefix + "_weights") ?? []
        guard [voteNodes.count, voteColumns.count, voteWeights.count].allSatisfy({ $0 == voteTrees.count }) else {
            throw RuntimeError.node(node, "the \(votePrefix)_* attributes have different lengths")
        }
        for vote in 0..<voteTrees.count {
            guard case .leaf(let leaf) = try child(voteTrees[vote], voteNodes[vote]) else {
                throw RuntimeError.node(node, "a vote is on tree \(voteTrees[vote]) node \(voteNodes[vote]), which is not a leaf")
            }
            guard voteColumns[vote] >= 0, voteColumns[vote] < Int64(Int32.max) else {
                throw RuntimeError.node(node, "\(votePrefix) id \(voteColumns[vote]) is not valid")
            }
            leaves[leaf].append(Vote(column: Int(voteColumns[vote]), weight: voteWeights[vote]))
        }
    }

    init(branches: [Branch], leaves: [[Vote]], roots: [Child]) {
        self.branches = branches
        self.leaves = leaves
        self.roots = roots
    }

    /// The largest output column any leaf votes for, or -1 without votes.
    var widestColumn: Int {
        leaves.lazy.flatMap { $0 }.map(\.column).max() ?? -1
    }

    private static func comparison(_ mode: String, _ node: Node) throws -> Comparison {
        switch mode {
        case "BRANCH_LEQ": .lessOrEqual
        case "BRANCH_LT": .less
        case "BRANCH_GTE": .greaterOrEqual
        case "BRANCH_GT": .greater
        case "BRANCH_EQ": .equal
        case "BRANCH_NEQ": .notEqual
        default: throw RuntimeError.node(node, "node mode \(mode) is not supported")
        }
    }
}
