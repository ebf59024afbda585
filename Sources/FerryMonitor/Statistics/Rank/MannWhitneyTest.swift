import Foundation

/// Evidently's `mannw` drift test: the p-value of
/// `scipy.stats.mannwhitneyu(x=reference, y=current, alternative="less")`.
///
/// SciPy's defaults apply: continuity correction on, and `method="auto"`, which takes the exact
/// null distribution when at least one sample has at most 8 observations and there are no ties
/// (anywhere in the pooled sample), and the tie-corrected normal approximation otherwise.
/// With `alternative="less"` the p-value is the upper tail of U₂ = n_ref·n_cur − U₁, where U₁
/// is the reference's rank-sum statistic.
public enum MannWhitneyTest {
    /// The p-value, or NaN for a categorical sample (Evidently allows `mannw` on numerical
    /// columns only).
    public static func score(_ sample: DriftSample) -> Double {
        guard case .numerical(let reference, let current) = sample else { return .nan }
        return pValue(reference: reference, current: current)
    }

    /// The one-sided ("less") p-value for two ascending, finite, non-empty samples.
    public static func pValue(reference: [Double], current: [Double]) -> Double {
        let ranks = RankSums(reference: reference, current: current)
        guard let ranks else { return .nan }
        let n1 = reference.count
        let n2 = current.count
        let u1 = ranks.referenceRankSum - Double(n1 * (n1 + 1)) / 2
        let u2 = Double(n1 * n2) - u1
        let p: Double
        if (n1 > 8 && n2 > 8) || ranks.hasTies {
            p = asymptoticUpperTail(u: u2, n1: n1, n2: n2, tieTerm: ranks.tieTerm)
        } else {
            p = MannWhitneyExactDistribution(n1: n1, n2: n2).upperTail(atLeast: Int(u2))
        }
        return min(max(p, 0), 1)
    }

    /// `ndtr(−z)` for SciPy's standardised U with continuity correction and tie correction.
    static func asymptoticUpperTail(u: Double, n1: Int, n2: Int, tieTerm: Double) -> Double {
        let n = n1 + n2
        let mean = Double(n1 * n2) / 2
        let spread = (Double(n1 * n2) / 12 * (Double(n + 1) - tieTerm / Double(n * (n - 1)))).squareRoot()
        let z = (u - mean - 0.5) / spread
        return SpecialFunctions.normalCDF(-z)
    }

    /// The reference's midrank sum in the pooled sample, and SciPy's tie term Σ(t³ − t).
    struct RankSums {
        /// Σ of the reference's average ranks (exact: kept as twice the sum in integers).
        let referenceRankSum: Double
        /// Σ (t³ − t) over groups of t tied values in the pooled sample.
        let tieTerm: Double
        /// Whether any value occurs more than once in the pooled sample.
        let hasTies: Bool

        init?(reference: [Double], current: [Double]) {
            guard !reference.isEmpty, !current.isEmpty else { return nil }
            var before = 0
            var twiceRankSum = 0
            var ties = CompensatedSum()
            var hasTies = false
            SortedMerge.forEachTieGroup(reference, current) { _, inReference, inCurrent in
                let size = inReference + inCurrent
                // A group's ranks are before+1 … before+size; each member gets their average.
                twiceRankSum += inReference * (2 * before + size + 1)
                if size > 1 {
                    hasTies = true
                    let t = Double(size)
                    ties.add(pow(t, 3) - t)
                }
                before += size
            }
            referenceRankSum = Double(twiceRankSum) / 2
            tieTerm = ties.value
            self.hasTies = hasTies
        }
    }
}
