import Foundation

/// numpy's `np.histogram_bin_edges(a, bins="sturges")` and `np.histogram(a, bins=edges)`, reproduced with
/// the same floating-point operations.
enum SturgesHistogram {
    /// The Sturges edges for data of `count` values spanning [`minimum`, `maximum`], or nil where numpy
    /// raises ("Too many bins for data range": consecutive edges that do not increase).
    ///
    /// numpy: width = ptp / (log₂(count) + 1) (raised to 1 for integer arrays), bin count =
    /// ⌈(max − min) / width⌉ (1 when the width is 0), then `np.linspace(min, max, bins + 1)`: edge i is
    /// i·((max − min)/bins) + min and the last edge is max itself. A constant array gets the range
    /// [value − 0.5, value + 0.5] and one bin.
    static func edges(minimum: Double, maximum: Double, count: Int, integerDtype: Bool) -> [Double]? {
        var first = minimum
        var last = maximum
        if first == last {
            first -= 0.5
            last += 0.5
        }
        let range = maximum - minimum
        var width = range / (log2(Double(count)) + 1.0)
        let binCount: Int
        if width != 0 {
            if integerDtype && width < 1 { width = 1 }
            binCount = Int(ceil((last - first) / width))
        } else {
            binCount = 1
        }
        return linspace(from: first, to: last, intervals: binCount)
    }

    /// `np.linspace(start, stop, intervals + 1)`, or nil when two consecutive edges fail to increase.
    static func linspace(from start: Double, to stop: Double, intervals: Int) -> [Double]? {
        let step = (stop - start) / Double(intervals)
        var edges = [Double]()
        edges.reserveCapacity(intervals + 1)
        for index in 0..<intervals {
            edges.append(step == 0 ? Double(index) / Double(intervals) * (stop - start) + start : Double(index) * step + start)
        }
        edges.append(stop)
        for index in 1..<edges.count where !(edges[index - 1] < edges[index]) { return nil }
        return edges
    }

    /// Bin counts of an ascending array as `np.histogram` counts with array bins: bin i holds
    /// edgeᵢ ≤ x < edgeᵢ₊₁, the last bin also x = last edge; values outside the edges are not counted.
    /// Binary searches, since the data is sorted.
    static func counts(sorted values: [Double], edges: [Double]) -> [Int] {
        var cumulative = [Int]()
        cumulative.reserveCapacity(edges.count)
        for edge in edges.dropLast() { cumulative.append(SortedArray.lowerBound(values, edge)) }
        cumulative.append(SortedArray.upperBound(values, edges[edges.count - 1]))
        return (0..<(edges.count - 1)).map { cumulative[$0 + 1] - cumulative[$0] }
    }
}
