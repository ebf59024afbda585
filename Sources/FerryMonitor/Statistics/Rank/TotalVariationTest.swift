/// Evidently's `TVD` drift test (categorical columns): the total variation distance between the
/// reference and current category shares, scored by a 1000-round permutation test.
///
/// The score is Evidently's `permutation_test` p-value: with NumPy's legacy generator seeded
/// once by `np.random.seed(0)`, each round draws `np.random.choice(reference + current,
/// len(reference), replace=False)` as the new reference, the rest as the new current, and counts
/// the rounds whose distance is at least the observed one. Ferry replays the same generator
/// stream (see `LegacyMersenneTwister`), so its p-value is Evidently's, not just close to it.
///
/// Only counts matter, so each round runs the shuffle steps that fill the positions after
/// `len(reference)` (whose codes form the new current) and merely draws, without touching
/// memory, for the remaining steps that only reorder the new reference. The distance sums the
/// per-category terms in ascending code order in NumPy's summation order, which is the order
/// Evidently uses for small non-negative integer keys.
public enum TotalVariationTest {
    /// The number of permutation rounds Evidently runs.
    public static let iterations = 1000

    /// The permutation-test p-value, or NaN for a numerical sample (Evidently allows `TVD` on
    /// categorical columns only).
    public static func score(_ sample: DriftSample) -> Double {
        guard case .categorical(let categorical) = sample else { return .nan }
        return pValue(categorical)
    }

    /// The total variation distance, `0.5 · Σ |refShare − curShare|`, as Evidently computes it.
    public static func distance(_ sample: CategoricalSample) -> Double {
        var distance = TotalVariationDistance(
            referenceSize: sample.reference.count,
            currentSize: sample.current.count,
            levelCount: sample.levelCount
        )
        return 0.5 * distance.twiceDistance(
            reference: sample.referenceCounts,
            current: sample.currentCounts
        )
    }

    /// The permutation-test p-value for a categorical sample.
    public static func pValue(_ sample: CategoricalSample) -> Double {
        if sample.levelCount <= Int(UInt8.max) + 1 {
            return pValue(sample, codeType: UInt8.self)
        }
        if sample.levelCount <= Int(UInt16.max) + 1 {
            return pValue(sample, codeType: UInt16.self)
        }
        return pValue(sample, codeType: UInt32.self)
    }

    /// Runs the permutation test with codes stored as `Code`, the narrowest type that holds
    /// them, so the shuffled array stays small enough for the cache.
    private static func pValue<Code: FixedWidthInteger & UnsignedInteger>(
        _ sample: CategoricalSample,
        codeType: Code.Type
    ) -> Double {
        let referenceSize = sample.reference.count
        let currentSize = sample.current.count
        let total = referenceSize + currentSize
        let levels = sample.levelCount
        guard referenceSize > 0, currentSize > 0, levels > 0 else { return .nan }

        var distance = TotalVariationDistance(referenceSize: referenceSize, currentSize: currentSize, levelCount: levels)
        let referenceCounts = sample.referenceCounts
        let currentCounts = sample.currentCounts
        let totals = zip(referenceCounts, currentCounts).map { $0 + $1 }
        let observed = distance.twiceDistance(reference: referenceCounts, current: currentCounts)

        var combined = [Code]()
        combined.reserveCapacity(total)
        for code in sample.reference { combined.append(Code(truncatingIfNeeded: code)) }
        for code in sample.current { combined.append(Code(truncatingIfNeeded: code)) }

        var working = combined
        // The codes that land after position `referenceSize`: the new current sample.
        var landed = [Code](repeating: 0, count: currentSize)
        var roundCurrent = [Int](repeating: 0, count: levels)
        var roundReference = [Int](repeating: 0, count: levels)
        let generator = LegacyMersenneTwister(seed: 0)
        var atLeastObserved = 0

        combined.withUnsafeBufferPointer { original in
            working.withUnsafeMutableBufferPointer { codes in
                landed.withUnsafeMutableBufferPointer { landed in
                    for _ in 0..<iterations {
                        // Steps n−1 … n_ref: the code at the pick lands at the step's position for
                        // good, and the step's code moves to the pick. A rejected draw rewrites the
                        // same slots with what they hold or will be given by the accepted draw, and
                        // the choice between the two is made with a mask, not a branch.
                        generator.drawShuffleStepsBranchFree(from: total - 1, downTo: referenceSize) { step, pick, accepted in
                            let code = codes[pick]
                            let moving = codes[step]
                            landed[step - referenceSize] = code
                            let select = Code.zero &- Code(truncatingIfNeeded: accepted ? 1 : 0)
                            codes[pick] = code ^ ((code ^ moving) & select)
                        }
                        // Steps n_ref−1 … 1 only reorder the new reference: draw, don't move.
                        generator.drawShuffleStepsBranchFree(from: referenceSize - 1, downTo: 1) { _, _, _ in }
                        // Restoring the whole array costs less than the draws of a round.
                        _ = codes.update(fromContentsOf: original)
                        Self.count(UnsafeBufferPointer(landed), into: &roundCurrent)
                        for level in 0..<levels { roundReference[level] = totals[level] - roundCurrent[level] }
                        if observed <= distance.twiceDistance(reference: roundReference, current: roundCurrent) {
                            atLeastObserved += 1
                        }
                    }
                }
            }
        }
        return Double(atLeastObserved) / Double(iterations)
    }
}

extension TotalVariationTest {
    /// Occurrences of each code, with four interleaved tallies so that runs of one code do not
    /// wait on each other's increments.
    static func count<Code: FixedWidthInteger & UnsignedInteger>(_ codes: UnsafeBufferPointer<Code>, into counts: inout [Int]) {
        let levels = counts.count
        var tallies = [Int](repeating: 0, count: 4 * levels)
        tallies.withUnsafeMutableBufferPointer { tally in
            var index = 0
            while index + 4 <= codes.count {
                tally[Int(codes[index])] += 1
                tally[levels + Int(codes[index + 1])] += 1
                tally[2 * levels + Int(codes[index + 2])] += 1
                tally[3 * levels + Int(codes[index + 3])] += 1
                index += 4
            }
            while index < codes.count {
                tally[Int(codes[index])] += 1
                index += 1
            }
        }
        for level in 0..<levels {
            counts[level] = tallies[level] + tallies[levels + level] + tallies[2 * levels + level] + tallies[3 * levels + level]
        }
    }
}

/// Twice Evidently's `_total_variation_distance` for given counts, summed the way NumPy sums it.
///
/// Evidently lists a count for every key seen in either sample (a key absent from both cannot
/// occur), divides by the sample sizes, and sums `|ref/n_ref − cur/n_cur|` with `np.sum`;
/// the factor 0.5 is applied by the caller (halving is exact, so comparisons are unaffected).
struct TotalVariationDistance {
    let referenceSize: Double
    let currentSize: Double
    /// Scratch space for the per-key terms, reused across calls.
    private var terms: [Double]

    init(referenceSize: Int, currentSize: Int, levelCount: Int) {
        self.referenceSize = Double(referenceSize)
        self.currentSize = Double(currentSize)
        terms = [Double](repeating: 0, count: levelCount)
    }

    /// `Σ |reference[k]/n_ref − current[k]/n_cur|` over the keys present in either count.
    mutating func twiceDistance(reference: [Int], current: [Int]) -> Double {
        var used = 0
        for level in 0..<reference.count where reference[level] + current[level] > 0 {
            terms[used] = abs(Double(reference[level]) / referenceSize - Double(current[level]) / currentSize)
            used += 1
        }
        return terms.withUnsafeBufferPointer { PairwiseSummation.sum(UnsafeBufferPointer(rebasing: $0[0..<used])) }
    }
}
