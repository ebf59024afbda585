/// How often each key of reference ∪ current occurs on each side, keys in ascending order.
///
/// Evidently's keyed statistics (chi-square, Z, per-value shares, categorical Hellinger) take the keys as
/// the distinct non-null values of both sides. For a numerical sample those are its distinct values (found
/// by one merge walk over the two sorted arrays); for a categorical sample they are the codes that occur.
struct KeyedCounts: Sendable, Equatable {
    /// The distinct values (numerical) or codes (categorical), ascending.
    var keys: [Double]
    /// Occurrences of each key in the reference.
    var reference: [Int]
    /// Occurrences of each key in the current data.
    var current: [Int]
    /// The reference size.
    var referenceTotal: Int
    /// The current size.
    var currentTotal: Int

    /// Counts for either kind of sample.
    init(_ sample: DriftSample) {
        switch sample {
        case .numerical(let reference, let current): self.init(sortedReference: reference, sortedCurrent: current)
        case .categorical(let categorical): self.init(categorical)
        }
    }

    /// Counts of the codes that occur in reference ∪ current.
    init(_ sample: CategoricalSample) {
        let referenceCounts = sample.referenceCounts
        let currentCounts = sample.currentCounts
        keys = []
        reference = []
        current = []
        for code in 0..<sample.levelCount where referenceCounts[code] + currentCounts[code] > 0 {
            keys.append(Double(code))
            reference.append(referenceCounts[code])
            current.append(currentCounts[code])
        }
        referenceTotal = sample.reference.count
        currentTotal = sample.current.count
    }

    /// Counts of the distinct values of two ascending arrays, by one merge walk.
    init(sortedReference: [Double], sortedCurrent: [Double]) {
        var keys = [Double]()
        var reference = [Int]()
        var current = [Int]()
        SortedMerge.forEachTieGroup(sortedReference, sortedCurrent) { value, inReference, inCurrent in
            keys.append(value)
            reference.append(inReference)
            current.append(inCurrent)
        }
        self.keys = keys
        self.reference = reference
        self.current = current
        referenceTotal = sortedReference.count
        currentTotal = sortedCurrent.count
    }

    /// The number of keys.
    var count: Int { keys.count }
}
