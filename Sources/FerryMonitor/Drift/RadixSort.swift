/// Sorting doubles in linear time: a least-significant-digit radix sort over their order-preserving bit patterns.
///
/// Sorting is the heart of the numerical drift tests (KS, Wasserstein, Anderson-Darling…); on a million values this
/// runs several times faster than a comparison sort. The keys are made in the values' own storage, so the only extra
/// memory is one scratch buffer of the same size. Values must be free of NaN.
enum RadixSort {
    /// Sorts `values` ascending (−0.0 before +0.0, as their bit patterns order them).
    static func sort(_ values: inout [Double]) {
        let count = values.count
        guard count > 1 else { return }
        guard count >= 2048 else {
            values.sort()
            return
        }
        var scratch = [UInt64](repeating: 0, count: count)
        values.withUnsafeMutableBufferPointer { doubles in
            doubles.withMemoryRebound(to: UInt64.self) { keys in
                for index in 0..<count { keys[index] = OrderedDoubleBits.key(Double(bitPattern: keys[index])) }
                scratch.withUnsafeMutableBufferPointer { scratchBuffer in
                    let sortedInScratch = sortKeys(keys, scratch: scratchBuffer)
                    let sorted = sortedInScratch ? scratchBuffer : keys
                    for index in 0..<count { keys[index] = OrderedDoubleBits.value(sorted[index]).bitPattern }
                }
            }
        }
    }

    /// Four 16-bit counting passes between `keys` and `scratch`, skipping a pass whose digit is the same everywhere;
    /// returns whether the sorted keys ended up in `scratch`.
    private static func sortKeys(_ keys: UnsafeMutableBufferPointer<UInt64>, scratch: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        let count = keys.count
        var inKeys = true
        var histogram = [Int](repeating: 0, count: 1 << 16)
        histogram.withUnsafeMutableBufferPointer { counts in
            for pass in 0..<4 {
                let shift = UInt64(pass * 16)
                let source = inKeys ? keys : scratch
                let target = inKeys ? scratch : keys
                for index in counts.indices { counts[index] = 0 }
                for key in source { counts[Int((key >> shift) & 0xFFFF)] += 1 }
                if counts[Int((source[0] >> shift) & 0xFFFF)] == count { continue }
                var running = 0
                for digit in counts.indices {
                    let digitCount = counts[digit]
                    counts[digit] = running
                    running += digitCount
                }
                for key in source {
                    let digit = Int((key >> shift) & 0xFFFF)
                    target[counts[digit]] = key
                    counts[digit] += 1
                }
                inKeys.toggle()
            }
        }
        return !inKeys
    }
}
