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

    /// The labels of the `chosen` class indices (each below ``count``), one per row.
    func tensor(_ chosen: [Int32]) -> Tensor {
        if let integers {
            return .int64(integers.withUnsafeBufferPointer { labels in chosen.map { labels[Int($0)] } }, shape: [chosen.count])
        }
        let strings = strings ?? []
        return .string(chosen.map { strings[Int($0)] }, shape: [chosen.count])
    }

    /// The first column holding each row's maximum, for [rows × columns] scores (columns > 0).
    static func argMaxPerRow(_ scores: UnsafeBufferPointer<Float>, rows: Int, columns: Int) -> [Int32] {
        [Int32](unsafeUninitializedCapacity: rows) { chosen, initialized in
            for row in 0..<rows {
                let start = row * columns
                var best = 0
                var bestValue = scores[start]
                for column in 1..<max(columns, 1) where scores[start + column] > bestValue {
                    best = column
                    bestValue = scores[start + column]
                }
                chosen.initializeElement(at: row, to: Int32(best))
            }
            initialized = rows
        }
    }
}
