/// Evidently's `z` test: a two-proportion Z-test on "is the smallest key" versus everything else.
///
/// The keys of reference ∪ current are sorted; each value becomes 0 if it equals the first key and 1
/// otherwise. With p₁, p₂ the shares of 1s and P = (p₁n₁ + p₂n₂)/(n₁ + n₂),
/// z = (p₁ − p₂)/√(P(1 − P)(1/n₁ + 1/n₂)) and the score is Evidently's p = 2·(1 − Φ(|z|)), evaluated in the
/// same order (so p is exactly 0 once Φ(|z|) rounds to 1, near |z| ≈ 8.3, as in Evidently). If both sides hold one and the
/// same value the score is 1. Registered for categorical columns, but Evidently's default selection also
/// applies it to numerical columns with at most two values; numerical samples use their distinct values.
public enum ProportionsZTest {
    /// The two-sided p-value.
    public static func score(_ sample: DriftSample) -> Double {
        let n1: Int
        let n2: Int
        let zeros1: Int
        let zeros2: Int
        switch sample {
        case .numerical(let reference, let current):
            // Sorted: the smallest key is the smaller first element, and its rows lead each array.
            let smallest = Swift.min(reference[0], current[0])
            if reference[reference.count - 1] == smallest && current[current.count - 1] == smallest { return 1 }
            (n1, n2) = (reference.count, current.count)
            zeros1 = SortedArray.leadingCount(reference, equalTo: smallest)
            zeros2 = SortedArray.leadingCount(current, equalTo: smallest)
        case .categorical(let categorical):
            let counts = KeyedCounts(categorical)
            // One key over both (non-empty) sides: both hold the same single value.
            if counts.count == 1 { return 1 }
            (n1, n2) = (counts.referenceTotal, counts.currentTotal)
            (zeros1, zeros2) = (counts.reference[0], counts.current[0])
        }
        return pValue(referenceOnes: n1 - zeros1, referenceCount: n1, currentOnes: n2 - zeros2, currentCount: n2)
    }

    /// Evidently's `proportions_diff_z_stat_ind` and `proportions_diff_z_test` (two-sided) on 0/1 counts.
    public static func pValue(referenceOnes: Int, referenceCount: Int, currentOnes: Int, currentCount: Int) -> Double {
        let n1 = Double(referenceCount)
        let n2 = Double(currentCount)
        let p1 = Double(referenceOnes) / n1
        let p2 = Double(currentOnes) / n2
        let pooled = (p1 * n1 + p2 * n2) / Double(referenceCount + currentCount)
        let z = (p1 - p2) / (pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2)).squareRoot()
        return 2 * (1 - SpecialFunctions.normalCDF(abs(z)))
    }
}
