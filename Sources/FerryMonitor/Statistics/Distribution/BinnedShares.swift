/// The per-bin shares Evidently's PSI, KL divergence and Jensen–Shannon distance compare
/// (`get_binned_data` in evidently/legacy/calculations/stattests/utils.py).
///
/// - A numerical sample whose *reference* has more than 20 distinct values is cut at the Sturges edges of
///   reference ∪ current (``SturgesHistogram``: ⌈log₂(n_ref + n_cur)⌉ + 1-ish equal-width bins over the
///   pooled range), and each side's share of a bin is its count / its size.
/// - Otherwise (any categorical sample, or a numerical one with at most 20 distinct reference values) there is
///   one bucket per distinct value of reference ∪ current, in ascending order of the value or code.
/// - With zero-filling (PSI and KL, not JS), each side's zero shares become (smallest non-zero share) / 10⁶
///   when that smallest share is ≤ 10⁻⁴, else 10⁻⁴, which is why the shares then sum to slightly over 1.
///
/// Evidently's `n_bins` argument (30) is never used.
public struct BinnedShares: Sendable, Equatable {
    /// The reference share of each bin or key.
    public var reference: [Double]
    /// The current share of each bin or key.
    public var current: [Double]

    /// The most distinct reference values for which numerical samples get one bucket per value.
    public static let maximumDistinctForValueBuckets = 20

    /// Evidently's shares for `sample`, or nil where numpy raises (Sturges edges that do not increase, as for
    /// a range of a few ulps around a large value).
    ///
    /// `integerDtype` tells whether the pandas column Evidently would see has an integer dtype (both sides
    /// integer-typed): numpy then widens Sturges bins narrower than 1 to width 1.
    public init?(_ sample: DriftSample, fillingZeroes: Bool, integerDtype: Bool = false) {
        switch sample {
        case .numerical(let reference, let current)
        where SortedArray.hasMoreDistinct(reference, than: Self.maximumDistinctForValueBuckets):
            let minimum = Swift.min(reference[0], current[0])
            let maximum = Swift.max(reference[reference.count - 1], current[current.count - 1])
            guard
                let edges = SturgesHistogram.edges(
                    minimum: minimum, maximum: maximum, count: reference.count + current.count, integerDtype: integerDtype)
            else { return nil }
            self.reference = Self.shares(SturgesHistogram.counts(sorted: reference, edges: edges), total: reference.count)
            self.current = Self.shares(SturgesHistogram.counts(sorted: current, edges: edges), total: current.count)
        default:
            let counts = KeyedCounts(sample)
            self.reference = Self.shares(counts.reference, total: counts.referenceTotal)
            self.current = Self.shares(counts.current, total: counts.currentTotal)
        }
        if fillingZeroes {
            Self.fillZeroes(&self.reference)
            Self.fillZeroes(&self.current)
        }
    }

    /// Makes shares from given values (for tests and callers that binned already).
    public init(reference: [Double], current: [Double]) {
        self.reference = reference
        self.current = current
    }

    private static func shares(_ counts: [Int], total: Int) -> [Double] {
        let size = Double(total)
        return counts.map { Double($0) / size }
    }

    /// Evidently's `np.place(shares, shares == 0, fill)`.
    static func fillZeroes(_ shares: inout [Double]) {
        guard let smallest = shares.filter({ $0 != 0 }).min() else { return }
        let fill = smallest <= 0.0001 ? smallest / 1_000_000 : 0.0001
        for index in shares.indices where shares[index] == 0 { shares[index] = fill }
    }
}
