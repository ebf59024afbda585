import Foundation

/// Evidently's `jensenshannon` score: `scipy.spatial.distance.jensenshannon(p, q)` (natural log) on
/// ``BinnedShares`` *without* zero-filling.
///
/// p and q are normalized to sum 1, m = (p + q)/2, and the score is the distance √((KL(p‖m) + KL(q‖m))/2),
/// with 0·log 0 = 0. NaN where numpy would raise while binning.
public enum JensenShannonDistance {
    /// The Jensen–Shannon distance.
    public static func score(_ sample: DriftSample) -> Double {
        score(sample, integerDtype: false)
    }

    /// The Jensen–Shannon distance, binning as numpy does for an integer-typed column when `integerDtype`.
    public static func score(_ sample: DriftSample, integerDtype: Bool) -> Double {
        guard let shares = BinnedShares(sample, fillingZeroes: false, integerDtype: integerDtype) else { return .nan }
        return distance(shares)
    }

    /// The Jensen–Shannon distance between two share vectors of equal length.
    public static func distance(_ shares: BinnedShares) -> Double {
        let p = DivergenceTerms.normalized(shares.reference)
        let q = DivergenceTerms.normalized(shares.current)
        var left = [Double]()
        var right = [Double]()
        left.reserveCapacity(p.count)
        right.reserveCapacity(p.count)
        for index in p.indices {
            let middle = (p[index] + q[index]) / 2.0
            left.append(DivergenceTerms.relativeEntropy(p[index], middle))
            right.append(DivergenceTerms.relativeEntropy(q[index], middle))
        }
        let divergence = PairwiseSummation.sum(left) + PairwiseSummation.sum(right)
        return (divergence / 2.0).squareRoot()
    }
}

/// Element-wise pieces shared by the divergences.
enum DivergenceTerms {
    /// scipy's `rel_entr(x, y)`: x·log(x/y) for x, y > 0; 0 for x = 0, y ≥ 0; +∞ otherwise.
    @inline(__always)
    static func relativeEntropy(_ x: Double, _ y: Double) -> Double {
        if x.isNaN || y.isNaN { return .nan }
        if x > 0 && y > 0 { return x * log(x / y) }
        if x == 0 && y >= 0 { return 0 }
        return .infinity
    }

    /// `values / np.sum(values)`.
    static func normalized(_ values: [Double]) -> [Double] {
        let total = PairwiseSummation.sum(values)
        return values.map { $0 / total }
    }
}
