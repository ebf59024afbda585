/// Evidently's `chisquare` test: the p-value of `scipy.stats.chisquare(f_obs, f_exp)` where, over the keys
/// of reference ∪ current, f_obs is the current count and f_exp = reference count · (n_current / n_reference).
///
/// p = Q((k − 1)/2, χ²/2) for k keys. As in scipy: a key seen only in current gives f_exp = 0, so χ² = ∞ and
/// p = 0. A single key gives zero degrees of freedom: p is NaN when f_exp equals f_obs exactly and 0 when it
/// misses by a rounding error (n_reference · (n_current / n_reference) ≠ n_current, e.g. 7 and 29 rows),
/// so a one-value column reads as drifted or as undefined depending on its row counts. Evidently registers
/// the test for categorical columns but also picks it by default for numerical columns with 3–5 values;
/// numerical samples use their distinct values as keys.
public enum ChiSquareTest {
    /// The chi-square p-value.
    public static func score(_ sample: DriftSample) -> Double {
        let counts = KeyedCounts(sample)
        let scale = Double(counts.currentTotal) / Double(counts.referenceTotal)
        var terms = [Double]()
        terms.reserveCapacity(counts.count)
        for index in 0..<counts.count {
            let expected = Double(counts.reference[index]) * scale
            let observed = Double(counts.current[index])
            let gap = observed - expected
            terms.append(gap * gap / expected)
        }
        let statistic = PairwiseSummation.sum(terms)
        return SpecialFunctions.chiSquareSF(statistic, degreesOfFreedom: Double(counts.count - 1))
    }
}
