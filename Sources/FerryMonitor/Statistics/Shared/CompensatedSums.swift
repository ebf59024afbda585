/// Kahan's compensated summation, for non-negative streams: an error near one rounding, branch-free.
///
/// Kept apart from ``CompensatedSum`` (Neumaier's variant): the two round differently, and each statistic's
/// results are pinned to the one it was checked against.
struct KahanSum {
    private var sum = 0.0
    private var compensation = 0.0

    /// Adds `term`.
    @inline(__always)
    mutating func add(_ term: Double) {
        let corrected = term - compensation
        let total = sum + corrected
        compensation = (total - sum) - corrected
        sum = total
    }

    /// The sum so far.
    var value: Double { sum }
}

/// Neumaier's compensated sum: the running error of each addition is kept and added back,
/// so long sums stay within a few ulps of the exact value whatever their length and signs.
struct CompensatedSum {
    private(set) var sum = 0.0
    private var compensation = 0.0

    @inline(__always)
    mutating func add(_ value: Double) {
        let next = sum + value
        if abs(sum) >= abs(value) {
            compensation += (sum - next) + value
        } else {
            compensation += (value - next) + sum
        }
        sum = next
    }

    /// The compensated total.
    var value: Double { sum + compensation }
}
