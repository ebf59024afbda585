/// pandas' `Series.mean()` and `Series.std()` (which GX's pandas metrics call), bit for bit: pandas fills
/// missing values with 0 and sums with numpy's pairwise summation (`np.add.reduce`), divides by the count,
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
            mean = pairwiseSum(values, MissingAsZero()) / Double(count)
        }
        return mean.isNaN ? nil : mean
    }

    /// The sample standard deviation, or nil with fewer than two values or when it is not a number.
    static func sampleStandardDeviation(_ values: [Double], nonMissing count: Int) -> Double? {
        guard count > 1 else { return nil }
        let average = pairwiseSum(values, MissingAsZero()) / Double(count)
        let variance = pairwiseSum(values, SquaredDeviation(average: average)) / Double(count - 1)
        let deviation = variance.squareRoot()
        return deviation.isNaN ? nil : deviation
    }

    /// numpy's `pairwise_sum_DOUBLE` over `term(value)` for every row: blocks of up to 128 summed with eight
    /// accumulators, longer runs halved (rounded down to a multiple of eight) and the halves added.
    static func pairwiseSum<Term: PairwiseTerm>(_ values: [Double], _ term: Term) -> Double {
        values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return -0.0 }
            return pairwise(base, buffer.count, term)
        }
    }

    private static func pairwise<Term: PairwiseTerm>(_ base: UnsafePointer<Double>, _ count: Int, _ term: Term) -> Double {
        if count < 8 {
            var result = -0.0
            for index in 0..<count { result += term(base[index]) }
            return result
        }
        if count <= 128 {
            var r0 = term(base[0])
            var r1 = term(base[1])
            var r2 = term(base[2])
            var r3 = term(base[3])
            var r4 = term(base[4])
            var r5 = term(base[5])
            var r6 = term(base[6])
            var r7 = term(base[7])
            var index = 8
            let blockEnd = count - count % 8
            while index < blockEnd {
                r0 += term(base[index])
                r1 += term(base[index + 1])
                r2 += term(base[index + 2])
                r3 += term(base[index + 3])
                r4 += term(base[index + 4])
                r5 += term(base[index + 5])
                r6 += term(base[index + 6])
                r7 += term(base[index + 7])
                index += 8
            }
            var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while index < count {
                result += term(base[index])
                index += 1
            }
            return result
        }
        var half = count / 2
        half -= half % 8
        return pairwise(base, half, term) + pairwise(base + half, count - half, term)
    }
}

/// What pairwise summation adds up for one row.
protocol PairwiseTerm {
    func callAsFunction(_ value: Double) -> Double
}

/// The value, with a missing one as 0 (pandas' fill before summing).
struct MissingAsZero: PairwiseTerm {
    @inline(__always)
    func callAsFunction(_ value: Double) -> Double { value.isNaN ? 0 : value }
}

/// `(average − value)²`, with a missing value as 0.
struct SquaredDeviation: PairwiseTerm {
    let average: Double

    @inline(__always)
    func callAsFunction(_ value: Double) -> Double {
        if value.isNaN { return 0 }
        let deviation = average - value
        return deviation * deviation
    }
}
