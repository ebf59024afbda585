/// Evidently's `ks` test: the two-sided p-value of `scipy.stats.ks_2samp(reference, current)` with its
/// defaults (`method="auto"`).
///
/// As scipy 1.17: the statistic D is the largest gap between the two empirical CDFs, each evaluated as
/// `count / n` in floating point. When both sizes are at most 10 000 the exact null distribution is tried
/// (Hodges' lattice-path counts: the "outside the square" series for equal sizes, the "inside" recursion
/// otherwise), with D first rounded to a multiple of 1/lcm(n₁, n₂). If that fails (a result outside [0, 1])
/// or a size exceeds 10 000, the p-value is `kstwo.sf(D, round(n₁n₂/(n₁+n₂)))`, the one-sample two-sided
/// Kolmogorov distribution (see ``KolmogorovDistribution``). The result is clipped to [0, 1].
public enum KolmogorovSmirnovTest {
    /// The largest sample size for which scipy's `method="auto"` tries the exact distribution.
    public static let maximumExactSize = 10_000

    /// The two-sided p-value for a numerical sample; NaN for a categorical one (Evidently accepts `ks`
    /// for numerical columns only).
    public static func score(_ sample: DriftSample) -> Double {
        guard case .numerical(let reference, let current) = sample else { return .nan }
        return pValue(sortedReference: reference, sortedCurrent: current)
    }

    /// The two-sided p-value of two non-empty ascending arrays.
    public static func pValue(sortedReference: [Double], sortedCurrent: [Double]) -> Double {
        let n1 = sortedReference.count
        let n2 = sortedCurrent.count
        precondition(n1 > 0 && n2 > 0, "ks_2samp needs two non-empty samples")
        var d = statistic(sortedReference: sortedReference, sortedCurrent: sortedCurrent)
        if Swift.max(n1, n2) <= maximumExactSize {
            let exact = KolmogorovSmirnovExact.attempt(n1: n1, n2: n2, d: d)
            d = exact.roundedStatistic
            if let probability = exact.probability {
                return clip(probability)
            }
        }
        return clip(asymptoticPValue(d: d, n1: n1, n2: n2))
    }

    /// The two-sided statistic D = max |F₁(x) − F₂(x)| over the pooled values, with each ECDF computed as
    /// `count / n` (numpy's `searchsorted(..., "right") / n`), by one merge walk.
    ///
    /// The walk compares the exact integers i·n₂ − j·n₁ (n₁n₂ times the gap) and evaluates the floating gaps
    /// only at the extremes, so it needs no division per element. Distinct gaps differ by at least 1/(n₁n₂),
    /// far more than the rounding of the floating ones, so the extremes are the ones numpy finds (up to an ulp
    /// when two exact gaps tie).
    public static func statistic(sortedReference: [Double], sortedCurrent: [Double]) -> Double {
        let n1 = sortedReference.count
        let n2 = sortedCurrent.count
        // Gaps inside a run of ties are masked to 0, which cannot change the result: the gap after the
        // last value is 0, so the largest gap is ≥ 0 and the smallest ≤ 0 anyway.
        var largest = 0
        var largestAt = (n1, n2)
        var smallest = 0
        var smallestAt = (n1, n2)
        SortedMerge.walk(sortedReference, sortedCurrent) { value, next, i, j in
            let endsRun = next != value ? 1 : 0
            let scaledGap = (i &* n2 &- j &* n1) &* endsRun
            if scaledGap > largest {
                largest = scaledGap
                largestAt = (i, j)
            }
            if scaledGap < smallest {
                smallest = scaledGap
                smallestAt = (i, j)
            }
        }
        let maxS = Double(largestAt.0) / Double(n1) - Double(largestAt.1) / Double(n2)
        let minS = Swift.min(Swift.max(-(Double(smallestAt.0) / Double(n1) - Double(smallestAt.1) / Double(n2)), 0), 1)
        return minS > maxS ? minS : maxS
    }

    /// scipy's asymptotic branch: `kstwo.sf(d, round(en))` with en = mn/(m+n) in floating point.
    static func asymptoticPValue(d: Double, n1: Int, n2: Int) -> Double {
        let m = Double(Swift.max(n1, n2))
        let n = Double(Swift.min(n1, n2))
        let en = m * n / (m + n)
        let effectiveSize = en.rounded(.toNearestOrEven)
        return KolmogorovDistribution.survival(d, sampleSize: Int(effectiveSize))
    }

    private static func clip(_ p: Double) -> Double {
        if p.isNaN { return p }
        return Swift.min(Swift.max(p, 0), 1)
    }
}
