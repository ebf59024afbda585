/// Terms of a sum, read by index, for ``PairwiseSummation``: lets a sum of derived terms (squared deviations,
/// missing values as 0) run in numpy's order without building an array of them first.
protocol SummationTerms {
    /// The floating-point type of the terms and of their sum.
    associatedtype Value: BinaryFloatingPoint
    /// The term at `index`.
    func term(at index: Int) -> Value
}

/// numpy's summation order for a contiguous one-dimensional float64 or float32 array, reproduced bit for bit.
///
/// `np.sum` (an `add.reduce`) starts from the identity 0 and adds the result of numpy's `pairwise_sum`: blocks
/// of fewer than eight terms are summed left to right from −0, blocks of at most 128 with eight interleaved
/// accumulators combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) and the tail that is not a multiple of eight
/// added one by one, and longer runs are split in two at a multiple of eight near the middle. Where a statistic
/// is compared for equality (the permutation test's `<=`) or printed to the last digit, summing in exactly
/// this order is what keeps Ferry's results identical to Evidently's and pandas'. The error is O(log n · ε).
enum PairwiseSummation {
    /// `np.sum(values)`.
    static func sum<T: BinaryFloatingPoint>(_ values: [T]) -> T {
        values.withUnsafeBufferPointer { sum($0) }
    }

    /// `np.sum(values)` over a buffer.
    static func sum<T: BinaryFloatingPoint>(_ values: UnsafeBufferPointer<T>) -> T {
        sum(BufferTerms(buffer: values), count: values.count)
    }

    /// `np.sum` of `terms.term(at: 0..<count)`.
    static func sum<Terms: SummationTerms>(_ terms: Terms, count: Int) -> Terms.Value {
        Terms.Value.zero + blockSum(terms, start: 0, count: count)
    }

    private static func blockSum<Terms: SummationTerms>(_ terms: Terms, start: Int, count: Int) -> Terms.Value {
        if count < 8 {
            var result = -Terms.Value.zero
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
struct BufferTerms<Value: BinaryFloatingPoint>: SummationTerms {
    let buffer: UnsafeBufferPointer<Value>

    @inline(__always)
    func term(at index: Int) -> Value { buffer[index] }
}

/// Squared deviations (mean − x)² of a buffer, as numpy's and pandas' two-pass variance sums them; with
/// `missingAsZero`, a NaN element is the term 0 (pandas fills missing values before summing).
struct SquaredDeviationTerms: SummationTerms {
    let buffer: UnsafeBufferPointer<Double>
    let mean: Double
    var missingAsZero = false

    @inline(__always)
    func term(at index: Int) -> Double {
        let value = buffer[index]
        if missingAsZero && value.isNaN { return 0 }
        let deviation = mean - value
        return deviation * deviation
    }
}

/// The elements of a buffer with NaN as 0 (pandas' fill before `Series.sum`/`mean`).
struct MissingAsZeroTerms: SummationTerms {
    let buffer: UnsafeBufferPointer<Double>

    @inline(__always)
    func term(at index: Int) -> Double {
        let value = buffer[index]
        return value.isNaN ? 0 : value
    }
}

/// Population statistics with numpy's formulas.
enum NumpyMoments {
    /// The population standard deviation (`np.std(x)`, ddof 0): mean = Σx / n, then √(Σ(mean − x)² / n),
    /// both sums pairwise. `values` must be non-empty.
    static func populationStandardDeviation(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { buffer in
            let count = Double(buffer.count)
            let mean = PairwiseSummation.sum(buffer) / count
            let squares = PairwiseSummation.sum(SquaredDeviationTerms(buffer: buffer, mean: mean), count: buffer.count)
            return (squares / count).squareRoot()
        }
    }
}
