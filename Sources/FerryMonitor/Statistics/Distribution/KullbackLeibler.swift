/// Evidently's `kl_div` score: `scipy.stats.entropy(ref, cur)` = Σ pᵢ ln(pᵢ/qᵢ) on zero-filled
/// ``BinnedShares``, after scipy normalizes both vectors to sum 1 (the zero-filling pushes the sums slightly
/// over 1). NaN where numpy would raise while binning.
public enum KullbackLeibler {
    /// The Kullback–Leibler divergence of current from reference.
    public static func score(_ sample: DriftSample) -> Double {
        score(sample, integerDtype: false)
    }

    /// The divergence, binning as numpy does for an integer-typed column when `integerDtype`.
    public static func score(_ sample: DriftSample, integerDtype: Bool) -> Double {
        guard let shares = BinnedShares(sample, fillingZeroes: true, integerDtype: integerDtype) else { return .nan }
        return divergence(shares)
    }

    /// KL(reference ‖ current) of two share vectors of equal length, normalized first.
    public static func divergence(_ shares: BinnedShares) -> Double {
        let p = DivergenceTerms.normalized(shares.reference)
        let q = DivergenceTerms.normalized(shares.current)
        return PairwiseSummation.sum(zip(p, q).map { DivergenceTerms.relativeEntropy($0, $1) })
    }
}
