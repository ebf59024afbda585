/// Non-missing doubles as order-preserving 64-bit keys, sorted by an LSD radix sort (11-bit digits; digits in
/// which no two keys differ are skipped), for the median and for finding repeated values without hashing every row.
struct SortedDoubleKeys {
    private(set) var keys: [UInt64]

    /// The key of `value`: unsigned order equals numeric order (`-0.0` is keyed as `0.0`, which it equals).
    @inline(__always)
    static func key(_ value: Double) -> UInt64 {
        OrderedDoubleBits.key(value + 0.0)
    }

    /// The double a key stands for.
    static func value(_ key: UInt64) -> Double {
        OrderedDoubleBits.value(key)
    }

    /// Sorts `keys` (as made by ``key(_:)``).
    init(sorting keys: [UInt64]) {
        self.keys = keys
        Self.radixSort(&self.keys)
    }

    /// pandas' median: the middle value, or the mean of the two middle values; nil when there are none.
    var median: Double? {
        guard !keys.isEmpty else { return nil }
        let middle = keys.count / 2
        if keys.count % 2 == 1 { return Self.value(keys[middle]) }
        return (Self.value(keys[middle - 1]) + Self.value(keys[middle])) / 2
    }

    /// How many values occur more than once, counting every occurrence, and the distinct repeated values.
    func repeats() -> (occurrences: Int, values: Set<Double>) {
        var occurrences = 0
        var values = Set<Double>()
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count && keys[end] == keys[start] { end += 1 }
            if end - start > 1 {
                occurrences += end - start
                values.insert(Self.value(keys[start]))
            }
            start = end
        }
        return (occurrences, values)
    }

    private static let digitBits = 11
    private static let bucketCount = 1 << digitBits
    private static let digitCount = (64 + digitBits - 1) / digitBits

    private static func radixSort(_ keys: inout [UInt64]) {
        let count = keys.count
        guard count > 64 else {
            keys.sort()
            return
        }
        let mask = UInt64(bucketCount - 1)
        // Bits that differ between some keys; a digit with none of them never moves a key.
        var anyOne: UInt64 = 0
        var allOnes: UInt64 = ~0
        for key in keys {
            anyOne |= key
            allOnes &= key
        }
        let varying = anyOne ^ allOnes
        let digits = (0..<digitCount).filter { (varying >> UInt64($0 * digitBits)) & mask != 0 }
        guard !digits.isEmpty else { return }
        var histograms = [Int](repeating: 0, count: digits.count * bucketCount)
        keys.withUnsafeBufferPointer { source in
            histograms.withUnsafeMutableBufferPointer { counts in
                for key in source {
                    for (slot, digit) in digits.enumerated() {
                        counts[slot * bucketCount + Int((key >> UInt64(digit * digitBits)) & mask)] += 1
                    }
                }
            }
        }
        var scratch = [UInt64](repeating: 0, count: count)
        var sortedInScratch = false
        for (slot, digit) in digits.enumerated() {
            let base = slot * bucketCount
            var offsets = [Int](repeating: 0, count: bucketCount)
            var running = 0
            for bucket in 0..<bucketCount {
                offsets[bucket] = running
                running += histograms[base + bucket]
            }
            let shift = UInt64(digit * digitBits)
            func scatter(_ source: UnsafeBufferPointer<UInt64>, _ target: UnsafeMutableBufferPointer<UInt64>) {
                offsets.withUnsafeMutableBufferPointer { offsets in
                    for key in source {
                        let bucket = Int((key >> shift) & mask)
                        target[offsets[bucket]] = key
                        offsets[bucket] += 1
                    }
                }
            }
            if sortedInScratch {
                scratch.withUnsafeBufferPointer { source in keys.withUnsafeMutableBufferPointer { scatter(source, $0) } }
            } else {
                keys.withUnsafeBufferPointer { source in scratch.withUnsafeMutableBufferPointer { scatter(source, $0) } }
            }
            sortedInScratch.toggle()
        }
        if sortedInScratch { keys = scratch }
    }
}
