/// Evidently's `cramer_von_mises` drift test: the p-value of Evidently's own two-sample
/// Cramér-von Mises implementation (`_cvm_2samp`, a copy of SciPy's older code; SciPy is only
/// used for `rankdata`, `gammaln` and `kv`).
///
/// With `method="auto"` it is exact when both samples have at most 20 observations and
/// asymptotic otherwise. The statistic uses midranks in the pooled sample:
/// U = n_x Σ (r_i − i)² + n_y Σ (s_j − j)², T = U / (n_x n_y N) − (4 n_x n_y − 1) / (6N). The
/// asymptotic p-value standardises T (Anderson 1962, eqs. 11, 14, 15) and evaluates the limiting
/// distribution: p = 1 when the standardised value is below 0.003, else max(0, 1 − F(t_n)).
/// The exact p-value reproduces Evidently's frequency table including its storage type, so
/// small-sample p-values keep Evidently's float16/float32 rounding (see
/// `CramerVonMisesExactPValue`).
public enum CramerVonMisesTest {
    /// The largest sample size (on either side) for which Evidently uses the exact method.
    public static let exactMaximumSize = 20

    /// The p-value, or NaN for a categorical sample or a side with fewer than two observations
    /// (where Evidently raises).
    public static func score(_ sample: DriftSample) -> Double {
        guard case .numerical(let reference, let current) = sample else { return .nan }
        return pValue(reference: reference, current: current)
    }

    /// The p-value for two ascending, finite samples.
    public static func pValue(reference: [Double], current: [Double]) -> Double {
        let nx = reference.count
        let ny = current.count
        guard nx > 1, ny > 1 else { return .nan }
        let quadruple = quadrupleRankDeviation(reference: reference, current: current)
        if max(nx, ny) <= exactMaximumSize {
            return CramerVonMisesExactPValue(m: nx, n: ny).pValue(quadrupleU: Int(quadruple))
        }
        let t = statistic(quadrupleU: quadruple, nx: nx, ny: ny)
        let size = Int128(nx + ny)
        let k = Int128(nx) * Int128(ny)
        let total = Double(size)
        let expected = (1 + 1 / total) / 6
        let varianceNumerator = Int128(4) * k * size - 3 * (Int128(nx) * Int128(nx) + Int128(ny) * Int128(ny)) - 2 * k
        var variance = (total + 1.0) * Double(varianceNumerator)
        variance /= Double(45 * size * size * 4 * k)
        let standardised = 1.0 / 6 + (t - expected) / (45 * variance).squareRoot()
        if standardised < 0.003 { return 1.0 }
        return max(0, 1.0 - CramerVonMisesLimitDistribution.cdf(standardised))
    }

    /// T = U / (kN) − (4k − 1) / (6N) with k = n_x n_y, from 4U, evaluated exactly in integers
    /// and rounded once at the end.
    static func statistic(quadrupleU: Int128, nx: Int, ny: Int) -> Double {
        let k = Int128(nx) * Int128(ny)
        let size = Int128(nx + ny)
        let numerator = 6 * quadrupleU - 4 * k * (4 * k - 1)
        return Double(numerator) / Double(24 * k * size)
    }

    /// 4U = 4 n_x Σ (r_i − i)² + 4 n_y Σ (s_j − j)², exactly, from one merge pass.
    ///
    /// Within a group of t tied values starting after `before` pooled values, every member's
    /// midrank is before + (t + 1)/2; a reference member that is the reference's q-th value
    /// deviates by (D − 2q)/2 with D = 2·(current values before) + t + 1, and summing
    /// (D − 2q)² over the group's a members gives aD² − 2Da(a+1) + ⅔a(a+1)(2a+1).
    static func quadrupleRankDeviation(reference: [Double], current: [Double]) -> Int128 {
        var referenceBefore = 0
        var currentBefore = 0
        var referenceSquares: Int128 = 0
        var currentSquares: Int128 = 0
        @inline(__always)
        func groupSquares(members: Int, otherBefore: Int, groupSize: Int) -> Int128 {
            if groupSize == 1, members == 1 {
                // A value without ties deviates by exactly the other sample's count before it.
                let deviation = Int128(2 * otherBefore)
                return deviation * deviation
            }
            let a = Int128(members)
            let d = Int128(2 * otherBefore + groupSize + 1)
            return a * d * d - 2 * d * a * (a + 1) + 2 * a * (a + 1) * (2 * a + 1) / 3
        }
        SortedMerge.forEachTieGroup(reference, current) { _, inReference, inCurrent in
            let size = inReference + inCurrent
            if inReference > 0 {
                referenceSquares += groupSquares(members: inReference, otherBefore: currentBefore, groupSize: size)
            }
            if inCurrent > 0 {
                currentSquares += groupSquares(members: inCurrent, otherBefore: referenceBefore, groupSize: size)
            }
            referenceBefore += inReference
            currentBefore += inCurrent
        }
        return Int128(reference.count) * referenceSquares + Int128(current.count) * currentSquares
    }
}
