/// NumPy's summation order for a contiguous one-dimensional array, reproduced bit for bit.
///
/// `np.sum` (an `add.reduce`) starts from the identity 0 and adds the result of NumPy's
/// pairwise summation: blocks of at most 128 elements are summed with eight interleaved
/// accumulators that are then combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), a tail that
/// is not a multiple of eight is added one by one, blocks under eight elements are summed
/// left to right, and longer arrays are split in two at a multiple of eight near the middle.
/// Where a drift statistic is compared for equality (the permutation test's `<=`), summing
/// in exactly this order is what keeps Ferry's decisions identical to Evidently's.
enum NumpyPairwiseSum {
    /// `np.sum(values)` for float64 (`Double`) or float32 (`Float`) elements.
    static func sum<T: BinaryFloatingPoint>(_ values: UnsafeBufferPointer<T>) -> T {
        T.zero + pairwise(values.baseAddress, values.count)
    }

    /// `np.sum(values)` for an array.
    static func sum<T: BinaryFloatingPoint>(_ values: [T]) -> T {
        values.withUnsafeBufferPointer { sum($0) }
    }

    private static let blockSize = 128

    private static func pairwise<T: BinaryFloatingPoint>(_ base: UnsafePointer<T>?, _ count: Int) -> T {
        guard let base else { return -T.zero }
        if count < 8 {
            var result = -T.zero
            for index in 0..<count { result += base[index] }
            return result
        }
        if count <= blockSize {
            var r0 = base[0], r1 = base[1], r2 = base[2], r3 = base[3]
            var r4 = base[4], r5 = base[5], r6 = base[6], r7 = base[7]
            var index = 8
            let unrolledEnd = count - count % 8
            while index < unrolledEnd {
                r0 += base[index]
                r1 += base[index + 1]
                r2 += base[index + 2]
                r3 += base[index + 3]
                r4 += base[index + 4]
                r5 += base[index + 5]
                r6 += base[index + 6]
                r7 += base[index + 7]
                index += 8
            }
            var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while index < count {
                result += base[index]
                index += 1
            }
            return result
        }
        var half = count / 2
        half -= half % 8
        return pairwise(base, half) + pairwise(base + half, count - half)
    }
}
