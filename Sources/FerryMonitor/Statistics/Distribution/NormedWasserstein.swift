/// Evidently's `wasserstein` score: `scipy.stats.wasserstein_distance(reference, current)` divided by
/// `max(np.std(reference), 0.001)` (population standard deviation, ddof 0).
///
/// The distance is ∫|F_ref − F_cur|, computed as scipy's `_cdf_distance(p=1)` does: over consecutive pooled
/// values, |count_ref/n_ref − count_cur/n_cur| · (next value − value). The sorted sample makes it one merge
/// walk. Numerical columns only (NaN for a categorical sample, which Evidently rejects).
public enum NormedWasserstein {
    /// The normed Wasserstein distance.
    public static func score(_ sample: DriftSample) -> Double {
        guard case .numerical(let reference, let current) = sample else { return .nan }
        let norm = Swift.max(NumpyMoments.populationStandardDeviation(reference), 0.001)
        return distance(sortedReference: reference, sortedCurrent: current) / norm
    }

    /// The first Wasserstein distance between the empirical distributions of two ascending arrays.
    ///
    /// Sums |i·n₂ − j·n₁| · (next − value) at the end of each run and divides by n₁n₂ once: the same
    /// integral as scipy's |i/n₁ − j/n₂| · Δ terms, without a division per element, summed in blocks of
    /// 1024 folded into a compensated total.
    public static func distance(sortedReference: [Double], sortedCurrent: [Double]) -> Double {
        let n1 = sortedReference.count
        let n2 = sortedCurrent.count
        var total = KahanSum()
        var block = 0.0
        var blockLength = 0
        SortedMerge.walk(sortedReference, sortedCurrent) { value, next, i, j in
            // Up to the next pooled value: 0 inside a run of ties, nothing after the last value.
            let width = next < .infinity ? next - value : 0
            block += Double(abs(i &* n2 &- j &* n1)) * width
            blockLength &+= 1
            if blockLength == 1024 {
                total.add(block)
                block = 0
                blockLength = 0
            }
        }
        total.add(block)
        return total.value / (Double(n1) * Double(n2))
    }
}
