/// One column's data, cleaned for a drift statistic the way Evidently cleans it:
/// ±infinity and missing values are dropped from reference and current separately.
public enum DriftSample: Sendable {
    /// A numerical column: both sides sorted ascending, finite values only, neither empty.
    case numerical(reference: [Double], current: [Double])
    /// A categorical column, as codes in row order.
    case categorical(CategoricalSample)
}

/// A categorical column as codes `0..<levelCount` in row order (missing values dropped).
///
/// Codes are assigned in ascending order of the category keys over reference ∪ current
/// (numeric order for integer keys, code-point order for strings), so code 0 is the smallest key:
/// the Z-test's "first key" and every keyed statistic can work on codes alone.
public struct CategoricalSample: Sendable {
    /// Reference codes, in row order.
    public let reference: [Int32]
    /// Current codes, in row order.
    public let current: [Int32]
    /// The number of distinct keys over reference ∪ current; every code is below it.
    public let levelCount: Int

    /// Makes a sample; codes must lie in `0..<levelCount`, and each side must be non-empty.
    public init(reference: [Int32], current: [Int32], levelCount: Int) {
        self.reference = reference
        self.current = current
        self.levelCount = levelCount
    }

    /// How many times each code occurs in the reference.
    public var referenceCounts: [Int] { Self.counts(of: reference, levels: levelCount) }
    /// How many times each code occurs in the current data.
    public var currentCounts: [Int] { Self.counts(of: current, levels: levelCount) }

    /// Occurrences of each code in `codes`.
    public static func counts(of codes: [Int32], levels: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: levels)
        for code in codes { counts[Int(code)] += 1 }
        return counts
    }
}
