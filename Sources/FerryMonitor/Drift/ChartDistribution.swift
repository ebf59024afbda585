/// The counts a report's chart draws for one column.
enum ChartDistribution {
    /// Bins in a numerical column's histogram (Evidently draws its histograms with 10 bins too).
    static let histogramBins = 10
    /// Categories drawn before the rest are summed into one "(N others)" bar.
    static let maximumCategories = 20

    /// The chart data for a prepared column.
    static func of(_ column: PreparedColumn) -> ColumnDistribution {
        switch column.sample {
        case .numerical(let reference, let current):
            return histogram(reference: reference, current: current)
        case .categorical(let sample):
            return categories(sample.referenceCounts, sample.currentCounts, labels: column.labels)
        }
    }

    /// Equal-width bins over the combined range of two sorted, non-empty arrays; the last bin is closed.
    static func histogram(reference: [Double], current: [Double]) -> ColumnDistribution {
        var low = min(reference[0], current[0])
        var high = max(reference[reference.count - 1], current[current.count - 1])
        if low == high {
            low -= 0.5
            high += 0.5
        }
        let step = (high - low) / Double(histogramBins)
        let edges = (0...histogramBins).map { $0 == histogramBins ? high : low + Double($0) * step }
        return .histogram(edges: edges, reference: counts(reference, edges: edges), current: counts(current, edges: edges))
    }

    private static func counts(_ sorted: [Double], edges: [Double]) -> [Int] {
        var counts = [Int](repeating: 0, count: edges.count - 1)
        var bin = 0
        for value in sorted {
            while bin < counts.count - 1, value >= edges[bin + 1] { bin += 1 }
            counts[bin] += 1
        }
        return counts
    }

    /// The most frequent categories by combined count (ties by label order), the rest summed into one bar.
    static func categories(_ reference: [Int], _ current: [Int], labels: [String]) -> ColumnDistribution {
        var order = Array(labels.indices)
        order.sort { left, right in
            let leftTotal = reference[left] + current[left]
            let rightTotal = reference[right] + current[right]
            return leftTotal != rightTotal ? leftTotal > rightTotal : left < right
        }
        guard order.count > maximumCategories else {
            return .categories(labels: order.map { labels[$0] }, reference: order.map { reference[$0] }, current: order.map { current[$0] })
        }
        let shown = order.prefix(maximumCategories - 1)
        let rest = order.dropFirst(maximumCategories - 1)
        return .categories(
            labels: shown.map { labels[$0] } + ["(\(rest.count) others)"],
            reference: shown.map { reference[$0] } + [rest.reduce(0) { $0 + reference[$1] }],
            current: shown.map { current[$0] } + [rest.reduce(0) { $0 + current[$1] }])
    }
}
