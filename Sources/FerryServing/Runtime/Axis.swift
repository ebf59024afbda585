/// Axis arithmetic shared by the kernels that work along one axis (Softmax, ArgMax, Gather, Concat, ReduceSum).
enum Axis {
    /// `axis` in 0..<rank (negative counts from the end), or an error naming the node.
    static func normalized(_ axis: Int64, rank: Int, _ node: Node) throws -> Int {
        let resolved = axis < 0 ? Int(axis) + rank : Int(axis)
        guard resolved >= 0, resolved < max(rank, 1) else {
            throw RuntimeError.node(node, "axis \(axis) is outside a rank-\(rank) tensor")
        }
        return resolved
    }

    /// A shape seen as [outer, length, inner] around `axis`: how many slices come before it, its own size, and
    /// the contiguous block each of its positions holds.
    static func split(_ shape: [Int], at axis: Int) -> (outer: Int, length: Int, inner: Int) {
        guard !shape.isEmpty else { return (1, 1, 1) }
        return (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }
}
