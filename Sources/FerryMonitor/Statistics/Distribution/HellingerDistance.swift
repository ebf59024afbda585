/// Evidently's `hellinger` score, with its own binning (evidently/legacy/calculations/stattests/hellinger_distance.py).
///
/// - Categorical: with pᵢ, qᵢ each side's share of key i (count / size), s = Σ √(pᵢqᵢ).
/// - Numerical: the bins are the Sturges edges of the *distinct values* of reference ∪ current (not of the
///   rows, and regardless of how many there are; a constant column gets one bin [v − ½, v + ½]); each side's
///   `np.histogram(density=True)` value is count / (bin width · size), and s = Σ √(h₁ᵢh₂ᵢ) · w with
///   w = (last edge − first edge) / bins.
///
/// The score is √(1 − clip(s, 0, 1)). NaN where numpy would raise while binning.
public enum HellingerDistance {
    /// The Hellinger distance.
    public static func score(_ sample: DriftSample) -> Double {
        score(sample, integerDtype: false)
    }

    /// The Hellinger distance, binning as numpy does for an integer-typed column when `integerDtype`
    /// (numpy widens Sturges bins narrower than 1 to width 1, e.g. one bin instead of two for keys {0, 1}).
    public static func score(_ sample: DriftSample, integerDtype: Bool) -> Double {
        let overlap: Double
        switch sample {
        case .categorical(let categorical):
            overlap = categoricalOverlap(KeyedCounts(categorical))
        case .numerical(let reference, let current):
            guard let value = numericalOverlap(reference: reference, current: current, integerDtype: integerDtype)
            else { return .nan }
            overlap = value
        }
        return (1 - Swift.min(Swift.max(overlap, 0), 1)).squareRoot()
    }

    private static func categoricalOverlap(_ counts: KeyedCounts) -> Double {
        let n1 = Double(counts.referenceTotal)
        let n2 = Double(counts.currentTotal)
        var sum = 0.0
        for index in 0..<counts.count {
            let p1 = Double(counts.reference[index]) / n1
            let p2 = Double(counts.current[index]) / n2
            sum += (p1 * p2).squareRoot()
        }
        return sum
    }

    private static func numericalOverlap(reference: [Double], current: [Double], integerDtype: Bool) -> Double? {
        // The bins come from the distinct values: their count and the pooled extremes are all numpy uses.
        let distinctCount = SortedMerge.distinctCount(reference, current)
        let minimum = Swift.min(reference[0], current[0])
        let maximum = Swift.max(reference[reference.count - 1], current[current.count - 1])
        guard
            let edges = SturgesHistogram.edges(
                minimum: minimum, maximum: maximum, count: distinctCount, integerDtype: integerDtype)
        else { return nil }
        let referenceDensity = density(SturgesHistogram.counts(sorted: reference, edges: edges), edges: edges)
        let currentDensity = density(SturgesHistogram.counts(sorted: current, edges: edges), edges: edges)
        let binWidth = (edges[edges.count - 1] - edges[0]) / Double(edges.count - 1)
        var sum = 0.0
        for index in referenceDensity.indices {
            sum += (referenceDensity[index] * currentDensity[index]).squareRoot() * binWidth
        }
        return sum
    }

    /// `np.histogram(..., density=True)`: count / bin width / total count.
    private static func density(_ counts: [Int], edges: [Double]) -> [Double] {
        let total = Double(counts.reduce(0, +))
        return counts.indices.map { Double(counts[$0]) / (edges[$0 + 1] - edges[$0]) / total }
    }
}
