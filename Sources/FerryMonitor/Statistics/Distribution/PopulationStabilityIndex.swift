import Foundation

/// Evidently's `psi` score: Σᵢ (refᵢ − curᵢ) · ln(refᵢ / curᵢ) over zero-filled ``BinnedShares``
/// (no renormalization). NaN where numpy would raise while binning.
public enum PopulationStabilityIndex {
    /// The population stability index.
    public static func score(_ sample: DriftSample) -> Double {
        score(sample, integerDtype: false)
    }

    /// The population stability index, binning as numpy does for an integer-typed column when `integerDtype`.
    public static func score(_ sample: DriftSample, integerDtype: Bool) -> Double {
        guard let shares = BinnedShares(sample, fillingZeroes: true, integerDtype: integerDtype) else { return .nan }
        return index(shares)
    }

    /// The PSI of two (zero-filled) share vectors of equal length.
    public static func index(_ shares: BinnedShares) -> Double {
        let terms = zip(shares.reference, shares.current).map { reference, current in
            (reference - current) * log(reference / current)
        }
        return PairwiseSummation.sum(terms)
    }
}
