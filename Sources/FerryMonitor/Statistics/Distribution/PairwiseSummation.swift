/// Terms of a sum, read by index, for ``PairwiseSummation``.
protocol SummationTerms {
    /// The term at `index`.
    func term(at index: Int) -> Double
}

/// numpy's pairwise summation (`np.sum` over a contiguous float64 array): blocks of at most 128 terms are
/// summed with eight interleaved accumulators, longer runs are split in halves (rounded down to a multiple
/// of 8) and the two partial sums added. Same order as numpy when the terms come in numpy's order, and an
/// error of O(log n · ε) either way.
enum PairwiseSummation {
    /// The sum of `values`, in numpy's order.
    static func sum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { sum(BufferTerms(buffer: $0), count: $0.count) }
    }

    /// The sum of `terms.term(at: 0..<count)`, in numpy's order.
    static func sum<Terms: SummationTerms>(_ terms: Terms, count: Int) -> Double {
        0.0 + blockSum(terms, start: 0, count: count)
    }

    private static func blockSum<Terms: SummationTerms>(_ terms: Terms, start: Int, count: Int) -> Double {
        if count < 8 {
            var result = 0.0
            for index in start..<(start + count) { result += terms.term(at: index) }
            return result
        }
        if count <= 128 {
            var r0 = terms.term(at: start)
            var r1 = terms.term(at: start + 1)
            var r2 = terms.term(at: start + 2)
            var r3 = terms.term(at: start + 3)
            var r4 = terms.term(at: start + 4)
            var r5 = terms.term(at: start + 5)
            var r6 = terms.term(at: start + 6)
            var r7 = terms.term(at: start + 7)
            var offset = 8
            let unrolledEnd = count - count % 8
            while offset < unrolledEnd {
                let base = start + offset
                r0 += terms.term(at: base)
                r1 += terms.term(at: base + 1)
                r2 += terms.term(at: base + 2)
                r3 += terms.term(at: base + 3)
                r4 += terms.term(at: base + 4)
                r5 += terms.term(at: base + 5)
                r6 += terms.term(at: base + 6)
                r7 += terms.term(at: base + 7)
                offset += 8
            }
            var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while offset < count {
                result += terms.term(at: start + offset)
                offset += 1
            }
            return result
        }
        var half = count / 2
        half -= half % 8
        return blockSum(terms, start: start, count: half) + blockSum(terms, start: start + half, count: count - half)
    }
}

/// The elements of a buffer as summation terms.
struct BufferTerms: SummationTerms {
    let buffer: UnsafeBufferPointer<Double>

    @inline(__always)
    func term(at index: Int) -> Double { buffer[index] }
}

/// Squared deviations (mean − x)² of a buffer, as numpy's and pandas' two-pass variance sums them.
struct SquaredDeviationTerms: SummationTerms {
    let buffer: UnsafeBufferPointer<Double>
    let mean: Double

    @inline(__always)
    func term(at index: Int) -> Double {
        let deviation = mean - buffer[index]
        return deviation * deviation
    }
}

/// Population statistics with numpy's formulas.
enum NumpyMoments {
    /// The population standard deviation (`np.std(x)`, ddof 0): mean = Σx / n, then √(Σ(mean − x)² / n),
    /// both sums pairwise. `values` must be non-empty.
    static func populationStandardDeviation(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { buffer in
            let count = Double(buffer.count)
            let mean = PairwiseSummation.sum(BufferTerms(buffer: buffer), count: buffer.count) / count
            let squares = PairwiseSummation.sum(SquaredDeviationTerms(buffer: buffer, mean: mean), count: buffer.count)
            return (squares / count).squareRoot()
        }
    }
}
