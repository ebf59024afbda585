import Foundation

/// Evidently's `anderson` drift test: `scipy.stats.anderson_ksamp([reference, current])[2]`.
///
/// Evidently passes neither `variant` nor `midrank` nor `method`, so SciPy 1.17 warns and runs
/// its backward-compatible path: the midrank statistic A²akN (Scholz and Stephens 1987, eq. 7;
/// SciPy's `midrank` default is a sentinel object, which is truthy), standardised by its null
/// variance, and a p-value *interpolated* from the tabulated critical values (no permutation):
/// a quadratic fitted to log(significance) against the critical values, evaluated at the
/// standardised statistic, capped at 0.25 below the smallest critical value and floored at
/// 0.001 above the largest.
public enum AndersonDarlingTest {
    /// The interpolated p-value, or NaN for a categorical sample, or when reference ∪ current
    /// holds a single distinct value (where SciPy raises).
    public static func score(_ sample: DriftSample) -> Double {
        guard case .numerical(let reference, let current) = sample else { return .nan }
        return pValue(reference: reference, current: current)
    }

    /// The p-value for two ascending, finite, non-empty samples.
    public static func pValue(reference: [Double], current: [Double]) -> Double {
        let standardised = standardisedStatistic(reference: reference, current: current)
        guard let standardised else { return .nan }
        return interpolatedPValue(standardised)
    }

    /// SciPy's normalised statistic (A²akN − (k − 1)) / σ for k = 2 samples, or nil where SciPy
    /// raises: fewer than two distinct pooled values, or fewer than four observations (its
    /// variance formula divides by (N − 1)(N − 2)(N − 3)).
    static func standardisedStatistic(reference: [Double], current: [Double]) -> Double? {
        guard !reference.isEmpty, !current.isEmpty else { return nil }
        let n = reference.count + current.count
        guard n >= 4 else { return nil }
        guard let statistic = midrankStatistic(reference: reference, current: current) else { return nil }
        let variance = nullVariance(sizes: [reference.count, current.count], total: n)
        return (statistic - 1) / variance.squareRoot()
    }

    /// A²akN, the midrank statistic, in one pass over the distinct pooled values.
    ///
    /// For each distinct value z_j with multiplicity l_j, B_j = #{pooled < z_j} + l_j/2 and,
    /// per sample i of size n_i with f_ij copies of z_j, M_ij = #{sample ≤ z_j} − f_ij/2; the
    /// statistic is (N−1)/N · Σᵢ (1/n_i) Σⱼ l_j/N · (N·M_ij − B_j·n_i)² / (B_j(N − B_j) − N·l_j/4).
    static func midrankStatistic(reference: [Double], current: [Double]) -> Double? {
        let total = Double(reference.count + current.count)
        let sizes = (Double(reference.count), Double(current.count))
        var referenceSum = CompensatedSum()
        var currentSum = CompensatedSum()
        var pooledBelow = 0
        var referenceThrough = 0
        var currentThrough = 0
        var distinct = 0
        SortedMerge.forEachTieGroup(reference, current) { _, inReference, inCurrent in
            let multiplicity = Double(inReference + inCurrent)
            let b = Double(pooledBelow) + multiplicity / 2
            referenceThrough += inReference
            currentThrough += inCurrent
            let weight = multiplicity / total
            let denominator = b * (total - b) - total * multiplicity / 4
            let mReference = Double(referenceThrough) - Double(inReference) / 2
            let mCurrent = Double(currentThrough) - Double(inCurrent) / 2
            let dReference = total * mReference - b * sizes.0
            let dCurrent = total * mCurrent - b * sizes.1
            referenceSum.add(weight * (dReference * dReference) / denominator)
            currentSum.add(weight * (dCurrent * dCurrent) / denominator)
            pooledBelow += inReference + inCurrent
            distinct += 1
        }
        guard distinct >= 2 else { return nil }
        var statistic = 0.0
        statistic += referenceSum.value / sizes.0
        statistic += currentSum.value / sizes.1
        return statistic * ((total - 1) / total)
    }

    /// σ², the variance of A²akN under the null (Scholz and Stephens, eq. 4), as SciPy evaluates it.
    static func nullVariance(sizes: [Int], total n: Int) -> Double {
        let k = Double(sizes.count)
        let inverseSizes = sizes.reduce(0.0) { $0 + 1 / Double($1) }
        // SciPy: hs_cs = cumsum(1 / arange(N−1, 1, −1)); h = hs_cs[-1] + 1;
        // g = Σ hs_cs[t] / (t + 2).
        var harmonicTail = 0.0
        var g = CompensatedSum()
        var index = 0
        var denominator = n - 1
        while denominator >= 2 {
            harmonicTail += 1 / Double(denominator)
            g.add(harmonicTail / Double(index + 2))
            denominator -= 1
            index += 1
        }
        let harmonic = harmonicTail + 1
        let gValue = g.value
        let a = (4 * gValue - 6) * (k - 1) + (10 - 6 * gValue) * inverseSizes
        let b = (2 * gValue - 4) * k * k + 8 * harmonic * k + (2 * gValue - 14 * harmonic - 4) * inverseSizes
            - 8 * harmonic + 4 * gValue - 6
        let c = (6 * harmonic + 2 * gValue - 2) * k * k + (4 * harmonic - 4 * gValue + 6) * k
            + (2 * harmonic - 6) * inverseSizes + 4 * harmonic
        let d = (2 * harmonic + 6) * k * k - 4 * harmonic * k
        let big = Int128(n)
        let cubic = a * Double(big * big * big) + b * Double(big * big) + c * Double(n) + d
        let nd = Double(n)
        return cubic / ((nd - 1) * (nd - 2) * (nd - 3))
    }

    /// SciPy's critical values for k = 2 (m = 1): b₀ + b₁/√m + b₂/m from Scholz and Stephens'
    /// table 2, at significance 25%, 10%, 5%, 2.5%, 1%, 0.5%, 0.1%.
    static let criticalValues: [Double] = zip(zip(
        [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085],
        [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615]),
        [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154]
    ).map { pair, b2 in (pair.0 + pair.1 / 1.0) + b2 / 1 }

    /// The significance levels the critical values belong to.
    static let significanceLevels: [Double] = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001]

    /// `np.polyfit(criticalValues, log(significanceLevels), 2)` as NumPy computes it (highest
    /// power first). The fit depends on k alone, so for two samples it is a constant; the test
    /// suite checks it is the least-squares quadratic through those seven points.
    static let logSignificanceQuadratic: (Double, Double, Double) = (
        0x1.2a285742e695ep-6, -0x1.021b22d956316p+0, -0x1.13e8c0c86e03fp+0
    )

    /// SciPy's capped interpolation: 0.25 below the table, 0.001 above it, else
    /// exp(polyval(fit, A)) by Horner's rule.
    static func interpolatedPValue(_ standardised: Double) -> Double {
        if standardised < criticalValues[0] { return 0.25 }
        if standardised > criticalValues[criticalValues.count - 1] { return 0.001 }
        let (p2, p1, p0) = logSignificanceQuadratic
        return exp((p2 * standardised + p1) * standardised + p0)
    }
}
