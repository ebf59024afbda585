/// A classifier node's class labels (`classlabels_ints` / `classlabels_int64s` or `classlabels_strings`), and
/// the label tensor for the class chosen in each row.
struct ClassLabels: Sendable {
    private let integers: [Int64]?
    private let strings: [String]?

    /// Reads the labels; `integerKey` is `classlabels_ints` (linear) or `classlabels_int64s` (trees).
    init(_ node: Node, integerKey: String) {
        integers = node.ints(integerKey)
        strings = integers == nil ? node.strings("classlabels_strings") : nil
    }

    var count: Int { integers?.count ?? strings?.count ?? 0 }

    /// The labels of the `chosen` class indices, one per row.
    func tensor(_ chosen: [Int]) -> Tensor {
        if let integers { return .int64(chosen.map { integers[$0] }, shape: [chosen.count]) }
        return .string(chosen.map { strings![$0] }, shape: [chosen.count])
    }

    /// The first column holding each row's maximum, for [rows × columns] scores.
    static func argMaxPerRow(_ scores: [Float], rows: Int, columns: Int) -> [Int] {
        (0..<rows).map { row in
            var best = 0
            for column in 1..<max(columns, 1) where scores[row * columns + column] > scores[row * columns + best] { best = column }
            return best
        }
    }
}
