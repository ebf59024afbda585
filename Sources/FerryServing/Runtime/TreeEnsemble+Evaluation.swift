/// How votes for one output column combine across trees (SUM and AVERAGE add; MIN and MAX keep the extreme).
protocol TreeAggregation {
    static var initial: Float { get }
    static func combine(_ score: inout Float, _ vote: Float)
}

enum SumAggregation: TreeAggregation {
    static var initial: Float { 0 }
    @inline(__always) static func combine(_ score: inout Float, _ vote: Float) { score += vote }
}

enum MinAggregation: TreeAggregation {
    static var initial: Float { .infinity }
    @inline(__always) static func combine(_ score: inout Float, _ vote: Float) { score = min(score, vote) }
}

enum MaxAggregation: TreeAggregation {
    static var initial: Float { -.infinity }
    @inline(__always) static func combine(_ score: inout Float, _ vote: Float) { score = max(score, vote) }
}

/// A branch's comparison, chosen once per ensemble so that the traversal loop is specialised for it.
private protocol SplitRule {
    static func goesNext(_ x: Float, _ threshold: Float, _ flags: UInt8) -> Bool
}

private enum LessOrEqualRule: SplitRule {
    @inline(__always) static func goesNext(_ x: Float, _ threshold: Float, _ flags: UInt8) -> Bool { x <= threshold }
}

private enum LessRule: SplitRule {
    @inline(__always) static func goesNext(_ x: Float, _ threshold: Float, _ flags: UInt8) -> Bool { x < threshold }
}

private enum MixedRule: SplitRule {
    @inline(__always) static func goesNext(_ x: Float, _ threshold: Float, _ flags: UInt8) -> Bool {
        switch flags & TreeEnsemble.Flag.comparisonMask {
        case TreeEnsemble.Flag.lessOrEqual: x <= threshold
        case TreeEnsemble.Flag.less: x < threshold
        case TreeEnsemble.Flag.equal: x == threshold
        default: x != threshold
        }
    }
}

extension TreeEnsemble {
    /// Rows evaluated together against one tree before the next tree, so that the tree stays in cache.
    static let rowBlock = 64

    /// Combines every tree's leaf votes for each of `rows` rows of `x` ([rows × features], row-major) into
    /// `scores` ([rows × scoreColumns], already holding `A.initial`). Features must cover ``widestFeature`` and
    /// `scoreColumns` must cover ``columns``.
    func accumulate<A: TreeAggregation>(
        _ x: UnsafeBufferPointer<Float>, rows: Int, features: Int, into scores: UnsafeMutableBufferPointer<Float>, scoreColumns: Int,
        _ aggregation: A.Type
    ) {
        switch comparisons {
        case .allLessOrEqual: accumulate(x, rows, features, scores, scoreColumns, A.self, LessOrEqualRule.self)
        case .allLess: accumulate(x, rows, features, scores, scoreColumns, A.self, LessRule.self)
        case .mixed: accumulate(x, rows, features, scores, scoreColumns, A.self, MixedRule.self)
        }
    }

    private func accumulate<A: TreeAggregation, R: SplitRule>(
        _ x: UnsafeBufferPointer<Float>, _ rows: Int, _ features: Int, _ scores: UnsafeMutableBufferPointer<Float>, _ scoreColumns: Int,
        _: A.Type, _: R.Type
    ) {
        guard rows > 0, let xBase = x.baseAddress, let scoreBase = scores.baseAddress else { return }
        nodes.withUnsafeBufferPointer { nodes in
            votes.withUnsafeBufferPointer { votes in
                guard let nodeBase = nodes.baseAddress else { return }
                var blockStart = 0
                while blockStart < rows {
                    let blockEnd = min(blockStart + Self.rowBlock, rows)
                    for root in roots {
                        for row in blockStart..<blockEnd {
                            let leaf = Self.leaf(nodeBase, root: Int(root), row: xBase + row * features, R.self)
                            Self.vote(nodeBase[leaf], votes, into: scoreBase + row * scoreColumns, A.self)
                        }
                    }
                    blockStart = blockEnd
                }
            }
        }
    }

    @inline(__always)
    private static func vote<A: TreeAggregation>(_ leaf: Node, _ votes: UnsafeBufferPointer<TreeSource.Vote>, into target: UnsafeMutablePointer<Float>, _: A.Type) {
        if leaf.flags & Flag.severalVotes == 0 {
            A.combine(&target[Int(leaf.feature)], leaf.threshold)
        } else {
            let first = Int(leaf.far)
            for vote in first..<(first &+ Int(leaf.feature)) { A.combine(&target[votes[vote].column], votes[vote].weight) }
        }
    }

    /// One step from branch `node` (at `index`) for feature row `row`: the next node or the far child.
    @inline(__always)
    private static func step<R: SplitRule>(_ node: Node, at index: Int, _ row: UnsafePointer<Float>, _: R.Type) -> Int {
        let x = row[Int(node.feature)]
        let next = R.goesNext(x, node.threshold, node.flags) || (node.flags & Flag.nanGoesNext != 0 && x.isNaN)
        return next ? index &+ 1 : Int(node.far)
    }

    /// The index of the leaf `row` reaches from `root`.
    @inline(__always)
    private static func leaf<R: SplitRule>(_ nodes: UnsafePointer<Node>, root: Int, row: UnsafePointer<Float>, _: R.Type) -> Int {
        var index = root
        while true {
            let node = nodes[index]
            if node.flags & Flag.leaf != 0 { return index }
            index = step(node, at: index, row, R.self)
        }
    }
}
