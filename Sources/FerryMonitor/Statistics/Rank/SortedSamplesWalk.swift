/// Walks two ascending samples together, one group of equal values at a time.
///
/// This is the single merge pass that the rank tests share: for every distinct value of
/// reference ∪ current, in ascending order, it reports how many reference and how many current
/// observations equal it. From those counts follow midranks, tie sizes and empirical CDFs,
/// so no rank array is ever built.
enum SortedSamplesWalk {
    /// Calls `body(value, inReference, inCurrent)` for each distinct value, ascending.
    ///
    /// Both arrays must be sorted ascending and free of NaN.
    @inline(__always)
    static func forEachTieGroup(
        reference: [Double],
        current: [Double],
        _ body: (_ value: Double, _ inReference: Int, _ inCurrent: Int) -> Void
    ) {
        reference.withUnsafeBufferPointer { ref in
            current.withUnsafeBufferPointer { cur in
                let nr = ref.count
                let nc = cur.count
                var i = 0
                var j = 0
                while i < nr || j < nc {
                    let value: Double
                    if j == nc || (i < nr && ref[i] <= cur[j]) {
                        value = ref[i]
                    } else {
                        value = cur[j]
                    }
                    let startI = i
                    while i < nr && ref[i] == value { i += 1 }
                    let startJ = j
                    while j < nc && cur[j] == value { j += 1 }
                    body(value, i - startI, j - startJ)
                }
            }
        }
    }

    /// The number of distinct values in reference ∪ current.
    static func distinctCount(reference: [Double], current: [Double]) -> Int {
        var count = 0
        forEachTieGroup(reference: reference, current: current) { _, _, _ in count += 1 }
        return count
    }
}

/// Neumaier's compensated sum: the running error of each addition is kept and added back,
/// so long sums stay within a few ulps of the exact value whatever their length.
struct CompensatedSum {
    private(set) var sum = 0.0
    private var compensation = 0.0

    @inline(__always)
    mutating func add(_ value: Double) {
        let next = sum + value
        if abs(sum) >= abs(value) {
            compensation += (sum - next) + value
        } else {
            compensation += (value - next) + sum
        }
        sum = next
    }

    /// The compensated total.
    var value: Double { sum + compensation }
}
