/// A tree ensemble laid out for evaluation: every tree's nodes in depth-first order in one array of 16-byte
/// nodes, where the child a comparison's "true" leads to is the next node and only the other child is stored.
/// Greater-than comparisons are turned into less-than ones with their children swapped, so most ensembles need
/// one comparison for every node. A leaf with one vote holds it inline.
struct TreeEnsemble: Sendable {
    struct Node: Sendable {
        /// A branch's threshold; a one-vote leaf's weight.
        var threshold: Float
        /// A branch's feature; a one-vote leaf's output column; a several-vote leaf's vote count.
        var feature: Int32
        /// A branch's child when the comparison is false; a several-vote leaf's first vote in ``votes``.
        var far: Int32
        var flags: UInt8
    }

    /// ``Node/flags``: the low two bits are the comparison.
    enum Flag {
        static let lessOrEqual: UInt8 = 0, less: UInt8 = 1, equal: UInt8 = 2, notEqual: UInt8 = 3
        static let comparisonMask: UInt8 = 3
        /// A NaN feature value takes the next node.
        static let nanGoesNext: UInt8 = 4
        static let leaf: UInt8 = 8
        static let severalVotes: UInt8 = 16
    }

    /// Which comparisons the branches use, so evaluation can skip the per-node switch.
    enum Comparisons: Sendable {
        case allLessOrEqual, allLess, mixed
    }

    let nodes: [Node]
    /// Each tree's first node.
    let roots: [Int32]
    /// The votes of leaves that vote more than once.
    let votes: [TreeSource.Vote]
    let comparisons: Comparisons
    /// The largest feature a branch reads (-1 without branches).
    let widestFeature: Int
    /// The number of output columns the votes address (the largest column + 1).
    let columns: Int
    /// Whether every vote's weight is ≥ 0 (random forests), which onnxruntime's binary rule depends on.
    let nonNegative: Bool
    /// The distinct output columns voted for.
    let votedColumns: Set<Int>

    init(_ source: TreeSource, _ owner: FerryServing.Node) throws {
        var nodes: [Node] = []
        var votes: [TreeSource.Vote] = []
        var roots: [Int32] = []
        var seen = Set<TreeSource.Child>()
        var used: UInt8 = 0
        // (child to place, the node whose `far` it is or -1 when it is the node just before it)
        var stack: [(child: TreeSource.Child, farOf: Int)] = []
        for root in source.roots {
            roots.append(Int32(nodes.count))
            stack.append((root, -1))
            while let (child, farOf) = stack.popLast() {
                guard seen.insert(child).inserted else { throw RuntimeError.node(owner, "a tree node is reached twice: the trees are not trees") }
                guard nodes.count < Int(Int32.max) else { throw RuntimeError.node(owner, "has too many nodes") }
                if farOf >= 0 { nodes[farOf].far = Int32(nodes.count) }
                switch child {
                case .leaf(let index):
                    guard index < source.leaves.count else { throw RuntimeError.node(owner, "leaf \(index) does not exist") }
                    let leafVotes = source.leaves[index]
                    if leafVotes.count == 1 {
                        nodes.append(Node(threshold: leafVotes[0].weight, feature: Int32(leafVotes[0].column), far: 0, flags: Flag.leaf))
                    } else {
                        nodes.append(Node(threshold: 0, feature: Int32(leafVotes.count), far: Int32(votes.count), flags: Flag.leaf | Flag.severalVotes))
                        votes.append(contentsOf: leafVotes)
                    }
                case .branch(let index):
                    guard index < source.branches.count else { throw RuntimeError.node(owner, "node \(index) does not exist") }
                    let branch = source.branches[index]
                    let (flag, swapped) = Self.flag(branch.comparison)
                    used |= 1 << flag
                    let (next, far) = swapped ? (branch.whenFalse, branch.whenTrue) : (branch.whenTrue, branch.whenFalse)
                    // NaN compares false (true for ≠): it must reach the true child only where missing values track true.
                    let nanNext = swapped ? !branch.missingGoesTrue : branch.missingGoesTrue
                    let position = nodes.count
                    nodes.append(Node(threshold: branch.threshold, feature: Int32(branch.feature), far: 0, flags: flag | (nanNext ? Flag.nanGoesNext : 0)))
                    stack.append((far, position))
                    stack.append((next, -1))
                }
            }
        }
        guard nodes.count == source.branches.count + source.leaves.count else {
            throw RuntimeError.node(owner, "\(source.branches.count + source.leaves.count - nodes.count) tree nodes are not reachable from their tree's root")
        }
        self.nodes = nodes
        self.roots = roots
        self.votes = votes
        self.comparisons = used == 1 << Flag.lessOrEqual || used == 0 ? .allLessOrEqual : used == 1 << Flag.less ? .allLess : .mixed
        self.widestFeature = source.branches.map(\.feature).max() ?? -1
        self.columns = source.widestColumn + 1
        self.nonNegative = source.leaves.allSatisfy { $0.allSatisfy { $0.weight >= 0 } }
        self.votedColumns = Set(source.leaves.flatMap { $0.map(\.column) })
    }

    /// The flag of a comparison, and whether its children are swapped to express it as < or ≤.
    private static func flag(_ comparison: TreeSource.Comparison) -> (UInt8, swapped: Bool) {
        switch comparison {
        case .lessOrEqual: (Flag.lessOrEqual, false)
        case .less: (Flag.less, false)
        case .greaterOrEqual: (Flag.less, true)  // x ≥ t ⇔ ¬(x < t)
        case .greater: (Flag.lessOrEqual, true)  // x > t ⇔ ¬(x ≤ t)
        case .equal: (Flag.equal, false)
        case .notEqual: (Flag.notEqual, false)
        }
    }
}
