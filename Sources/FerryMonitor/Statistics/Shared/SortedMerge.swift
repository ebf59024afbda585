/// A merge of two ascending arrays that visits the pooled values in ascending order, one element per step
/// (the reference's first on ties), with no data-dependent branch in the step itself: merging continuous
/// data is otherwise one mispredicted branch per element.
enum SortedMerge {
    /// Calls `body(value, next, referenceCumulative, currentCumulative)` after each step, where `value` was
    /// just consumed, `next` is the smallest value not yet consumed (+∞ at the end) and the cumulative counts
    /// are the elements consumed so far from each side. When `next != value` the step ends the run of
    /// `value`, so the counts are the numbers of elements ≤ value (the two empirical CDFs' numerators);
    /// steps inside a run of ties report partial counts and callers skip them (``forEachTieGroup(_:_:_:)`` does).
    /// Both arrays must be finite.
    @inline(__always)
    static func walk(
        _ reference: [Double], _ current: [Double],
        _ body: (_ value: Double, _ next: Double, _ referenceCumulative: Int, _ currentCumulative: Int) -> Void
    ) {
        reference.withUnsafeBufferPointer { left in
            current.withUnsafeBufferPointer { right in
                let leftCount = left.count
                let rightCount = right.count
                var i = 0
                var j = 0
                var a = leftCount > 0 ? left[0] : Double.infinity
                var b = rightCount > 0 ? right[0] : Double.infinity
                for _ in 0..<(leftCount + rightCount) {
                    let takeLeft = a <= b
                    let value = Swift.min(a, b)
                    let step = takeLeft ? 1 : 0
                    i &+= step
                    j &+= 1 &- step
                    a = i < leftCount ? left[i] : Double.infinity
                    b = j < rightCount ? right[j] : Double.infinity
                    body(value, Swift.min(a, b), i, j)
                }
            }
        }
    }

    /// Calls `body(value, inReference, inCurrent)` once for each distinct value of reference ∪ current, ascending,
    /// with how many elements of each side equal it: the tie groups, from which midranks, tie sizes and the two
    /// empirical CDFs follow without building a rank array. Both arrays must be ascending and finite.
    @inline(__always)
    static func forEachTieGroup(
        _ reference: [Double], _ current: [Double],
        _ body: (_ value: Double, _ inReference: Int, _ inCurrent: Int) -> Void
    ) {
        var referenceSeen = 0
        var currentSeen = 0
        walk(reference, current) { value, next, referenceCumulative, currentCumulative in
            guard next != value else { return }
            body(value, referenceCumulative &- referenceSeen, currentCumulative &- currentSeen)
            referenceSeen = referenceCumulative
            currentSeen = currentCumulative
        }
    }

    /// The number of distinct values in reference ∪ current.
    static func distinctCount(_ reference: [Double], _ current: [Double]) -> Int {
        var count = 0
        walk(reference, current) { value, next, _, _ in count &+= next != value ? 1 : 0 }
        return count
    }
}
