/// Evidently's `ed` drift score: `scipy.stats.energy_distance(reference, current)`.
///
/// SciPy computes it from the two empirical CDFs U and V over the merged sorted values z₀ ≤ … ≤ z_{N−1}:
/// `√2 · √(Σᵢ (U(zᵢ) − V(zᵢ))² · (zᵢ₊₁ − zᵢ))`, with U(z) = #{reference ≤ z} / n_ref. Equal
/// neighbours contribute nothing, so one pass over the distinct values of the sorted samples
/// gives the same sum.
public enum EnergyDistance {
    /// The energy distance, or NaN for a categorical sample (Evidently allows `ed` on numerical
    /// columns only).
    public static func score(_ sample: DriftSample) -> Double {
        guard case .numerical(let reference, let current) = sample else { return .nan }
        return distance(reference: reference, current: current)
    }

    /// The energy distance between two ascending, finite, non-empty samples.
    public static func distance(reference: [Double], current: [Double]) -> Double {
        guard !reference.isEmpty, !current.isEmpty else { return .nan }
        let referenceSize = Double(reference.count)
        let currentSize = Double(current.count)
        var referenceBelow = 0
        var currentBelow = 0
        var previous = 0.0
        var started = false
        var integral = CompensatedSum()
        SortedMerge.forEachTieGroup(reference, current) { value, inReference, inCurrent in
            if started {
                let gap = Double(referenceBelow) / referenceSize - Double(currentBelow) / currentSize
                integral.add(gap * gap * (value - previous))
            }
            started = true
            previous = value
            referenceBelow += inReference
            currentBelow += inCurrent
        }
        return 2.0.squareRoot() * integral.value.squareRoot()
    }
}
