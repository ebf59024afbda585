/// pandas' `Series.mean()` and `Series.std()` (which GX's pandas metrics call), bit for bit: pandas fills
/// missing values with 0 and sums with numpy's pairwise summation (`np.add.reduce`, ``PairwiseSummation``), divides by the count,
/// and for the variance sums the squared deviations from that mean the same way (the two-pass algorithm of
/// `nanops.nanvar`, ddof = 1). An int64 column's mean is its exact integer sum over the count.
enum PandasMoments {
    /// The mean of the non-missing values, or nil when there are none or it is not a number.
    static func mean(_ values: [Double], nonMissing count: Int, integers: Bool) -> Double? {
        guard count > 0 else { return nil }
        let mean: Double
        if integers {
            // numpy sums int64 in int64 (wrapping on overflow), then divides as doubles.
            var total: Int64 = 0
            for value in values where !value.isNaN { total &+= Int64(exactly: value) ?? 0 }
            mean = Double(total) / Double(count)
        } else {
            mean = values.withUnsafeBufferPointer { PairwiseSummation.sum(MissingAsZeroTerms(buffer: $0), count: $0.count) }
                / Double(count)
        }
        return mean.isNaN ? nil : mean
    }

    /// The sample standard deviation, or nil with fewer than two values or when it is not a number.
    static func sampleStandardDeviation(_ values: [Double], nonMissing count: Int) -> Double? {
        guard count > 1 else { return nil }
        let variance = values.withUnsafeBufferPointer { buffer in
            let average = PairwiseSummation.sum(MissingAsZeroTerms(buffer: buffer), count: buffer.count) / Double(count)
            let squares = SquaredDeviationTerms(buffer: buffer, mean: average, missingAsZero: true)
            return PairwiseSummation.sum(squares, count: buffer.count) / Double(count - 1)
        }
        let deviation = variance.squareRoot()
        return deviation.isNaN ? nil : deviation
    }
}
