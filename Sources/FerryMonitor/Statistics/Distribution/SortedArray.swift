/// Small helpers on ascending arrays.
enum SortedArray {
    /// Whether an ascending array holds more than `limit` distinct values (stops as soon as it does).
    static func hasMoreDistinct(_ sorted: [Double], than limit: Int) -> Bool {
        guard var previous = sorted.first else { return false }
        var count = 1
        for value in sorted.dropFirst() where value != previous {
            count += 1
            if count > limit { return true }
            previous = value
        }
        return false
    }

    /// How many leading elements of an ascending array equal `value`.
    static func leadingCount(_ sorted: [Double], equalTo value: Double) -> Int {
        upperBound(sorted, value) - lowerBound(sorted, value)
    }

    /// The first index whose element is ≥ `value` (numpy `searchsorted(side="left")`).
    static func lowerBound(_ sorted: [Double], _ value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The first index whose element is > `value` (numpy `searchsorted(side="right")`).
    static func upperBound(_ sorted: [Double], _ value: Double) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
