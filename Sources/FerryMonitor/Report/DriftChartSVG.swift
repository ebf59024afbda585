/// Inline SVG charts of a column's reference and current distributions, drawn as shares of each side's total so
/// tables of different sizes compare.
///
/// Every bar is a rectangular `<path>` inside a `<g class="bars">`; a bin's or category's two bars (reference first,
/// then current) share a `<g>` whose `<title>` is the tooltip of both, naming the bin and each side's share and count.
/// Colours come from the page's CSS (`path:first-of-type` is the reference bar) and the key is one `<use>` of
/// ``keyDefinition``, so the markup stays small.
enum DriftChartSVG {
    /// The chart of `distribution`, labelled for column `name`.
    static func chart(_ distribution: ColumnDistribution, name: String) -> String {
        switch distribution {
        case .histogram(let edges, let reference, let current):
            histogram(edges: edges, reference: reference, current: current, name: name)
        case .categories(let labels, let reference, let current):
            categories(labels: labels, reference: reference, current: current, name: name)
        }
    }

    static let width = 320.0
    private static let legendHeight = 16.0
    private static let plotLeft = 4.0
    private static let plotRight = width - 4
    private static let histogramPlotTop = 20.0
    private static let histogramPlotBottom = 92.0
    private static let histogramHeight = 108.0
    private static let categoryLabelRight = 104.0
    private static let categoryBarLeft = 108.0
    private static let categoryBarRight = width - 8
    private static let categoryRowHeight = 16.0
    private static let categoryBarHeight = 6.0
    private static let categoryLabelLimit = 17

    /// Side-by-side reference and current bars per bin, with the outer and middle edges under the axis.
    static func histogram(edges: [Double], reference: [Int], current: [Int], name: String) -> String {
        let bins = min(reference.count, current.count, max(0, edges.count - 1))
        guard bins > 0 else { return empty(name: name, height: histogramHeight) }
        let referenceTotal = reference.reduce(0, +), currentTotal = current.reduce(0, +)
        let labels = ReportNumberFormat.edgeLabels(edges)
        let highest = highestShare(reference, referenceTotal, current, currentTotal, count: bins)
        let plotHeight = histogramPlotBottom - histogramPlotTop
        let layout = HistogramLayout(bins: bins, left: plotLeft, right: plotRight)
        let widthText = ReportNumberFormat.svg(layout.barWidth)

        var svg = open(name: name, kind: "histogram", height: histogramHeight)
        svg.reserveCapacity(400 + bins * 200)
        svg += legend(highest: highest)
        let axisY = fmt(histogramPlotBottom)
        svg += "<line class=\"axis\" x1=\"\(fmt(layout.edge(0)))\" y1=\"\(axisY)\" x2=\"\(fmt(layout.edge(bins)))\" y2=\"\(axisY)\"/>"
        // Bars grow up from the axis: the group flips the y axis there, so a bar needs no y.
        svg += "<g class=\"bars\" transform=\"matrix(1 0 0 -1 0 \(fmt(histogramPlotBottom)))\">"
        for bin in 0..<bins {
            let closing = bin == bins - 1 ? "]" : ")"
            let range = "[\(labels[bin]), \(labels[bin + 1])\(closing)"
            let x = layout.edge(bin) + layout.inset
            let referenceShare = ReportNumberFormat.share(reference[bin], of: referenceTotal)
            let currentShare = ReportNumberFormat.share(current[bin], of: currentTotal)
            svg += "<g><title>"
            svg += tooltip(range, reference[bin], referenceShare, current[bin], currentShare)
            svg += "</title>"
            let referenceHeight = barLength(count: reference[bin], share: referenceShare, highest: highest, full: plotHeight)
            let currentHeight = barLength(count: current[bin], share: currentShare, highest: highest, full: plotHeight)
            svg += bar(x: fmt(x), y: "0", width: widthText, height: fmt(referenceHeight))
            svg += bar(x: fmt(x + layout.barWidth), y: "0", width: widthText, height: fmt(currentHeight))
            svg += "</g>"
        }
        svg += "</g>"
        let labelY = fmt(histogramPlotBottom + 12)
        svg += "<text x=\"\(fmt(layout.edge(0)))\" y=\"\(labelY)\">\(HTMLEscaping.escaped(labels[0]))</text>"
        if bins > 1 {
            let middle = bins / 2
            svg += "<text class=\"mid\" x=\"\(fmt(layout.edge(middle)))\" y=\"\(labelY)\">\(HTMLEscaping.escaped(labels[middle]))</text>"
        }
        svg += "<text class=\"end\" x=\"\(fmt(layout.edge(bins)))\" y=\"\(labelY)\">\(HTMLEscaping.escaped(labels[bins]))</text>"
        return svg + "</svg>"
    }

    /// One row per category: its label, then the reference bar above the current bar.
    static func categories(labels: [String], reference: [Int], current: [Int], name: String) -> String {
        let rows = min(labels.count, reference.count, current.count)
        let height = legendHeight + 6 + Double(max(rows, 1)) * categoryRowHeight
        guard rows > 0 else { return empty(name: name, height: height) }
        let referenceTotal = reference.reduce(0, +), currentTotal = current.reduce(0, +)
        let highest = highestShare(reference, referenceTotal, current, currentTotal, count: rows)
        let full = categoryBarRight - categoryBarLeft
        let barLeft = fmt(categoryBarLeft), barHeight = fmt(categoryBarHeight)

        var svg = open(name: name, kind: "categories", height: height)
        svg.reserveCapacity(400 + rows * 260)
        svg += legend(highest: highest)
        svg += "<line class=\"axis\" x1=\"\(barLeft)\" y1=\"\(fmt(legendHeight + 2))\" x2=\"\(barLeft)\" y2=\"\(fmt(height - 2))\"/>"
        // Bars start at the axis: the group moves the origin there, so a bar needs no x.
        svg += "<g class=\"bars\" transform=\"translate(\(barLeft) 0)\">"
        for row in 0..<rows {
            let top = legendHeight + 4 + Double(row) * categoryRowHeight
            let label = HTMLEscaping.escaped(labels[row])
            let referenceShare = ReportNumberFormat.share(reference[row], of: referenceTotal)
            let currentShare = ReportNumberFormat.share(current[row], of: currentTotal)
            svg += "<g><title>"
            svg += tooltip(label, reference[row], referenceShare, current[row], currentShare)
            svg += "</title>"
            let referenceLength = barLength(count: reference[row], share: referenceShare, highest: highest, full: full)
            let currentLength = barLength(count: current[row], share: currentShare, highest: highest, full: full)
            svg += bar(x: "0", y: fmt(top + 1), width: fmt(referenceLength), height: barHeight)
            svg += bar(x: "0", y: fmt(top + 1 + categoryBarHeight), width: fmt(currentLength), height: barHeight)
            let shortLabel = HTMLEscaping.escaped(HTMLEscaping.truncated(labels[row], to: categoryLabelLimit))
            svg += "<text class=\"end\" x=\"\(fmt(categoryLabelRight - categoryBarLeft))\" y=\"\(fmt(top + 11))\">\(shortLabel)</text></g>"
        }
        return svg + "</g></svg>"
    }

    private static func open(name: String, kind: String, height: Double) -> String {
        let label = HTMLEscaping.escaped("\(name): reference and current shares")
        let h = fmt(height)
        return "<svg class=\"chart \(kind)\" viewBox=\"0 0 \(fmt(width)) \(h)\""
            + " width=\"\(fmt(width))\" height=\"\(h)\" role=\"img\" aria-label=\"\(label)\">"
    }

    /// The `id` of the chart key that ``keyDefinition`` defines and every chart shows with `<use>`.
    static let keyID = "chart-key"

    /// The key (reference, current), defined once per page in a hidden SVG; each chart places it at its top right.
    static let keyDefinition = "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs><g id=\"\(keyID)\">"
        + "<rect class=\"key-ref\" y=\"3\" width=\"9\" height=\"9\"/><text class=\"key\" x=\"12\" y=\"11\">reference</text>"
        + "<rect class=\"key-cur\" x=\"70\" y=\"3\" width=\"9\" height=\"9\"/><text class=\"key\" x=\"82\" y=\"11\">current</text>"
        + "</g></defs></svg>"

    /// The share of the tallest bar at the top left, and the page's chart key at the top right.
    private static func legend(highest: Double) -> String {
        "<g class=\"legend\"><text x=\"\(fmt(plotLeft))\" y=\"11\">max \(ReportNumberFormat.percent(highest))</text>"
            + "<use href=\"#\(keyID)\" x=\"\(fmt(width - 128))\"/></g>"
    }

    private static func empty(name: String, height: Double) -> String {
        open(name: name, kind: "empty", height: height)
            + "<text class=\"mid\" x=\"\(fmt(width / 2))\" y=\"\(fmt(height / 2))\">no values to draw</text></svg>"
    }

    /// "[0.1, 0.2): reference 12.3% (1,234) · current 10.1% (1,010)"; `subject` is already escaped.
    private static func tooltip(_ subject: String, _ referenceCount: Int, _ referenceShare: Double, _ currentCount: Int, _ currentShare: Double)
        -> String
    {
        "\(subject): reference \(ReportNumberFormat.percent(referenceShare)) (\(ReportNumberFormat.count(referenceCount)))"
            + " · current \(ReportNumberFormat.percent(currentShare)) (\(ReportNumberFormat.count(currentCount)))"
    }

    /// The largest share among the first `count` entries of either side (at least a tiny positive number).
    private static func highestShare(_ reference: [Int], _ referenceTotal: Int, _ current: [Int], _ currentTotal: Int, count: Int) -> Double {
        var highest = 0.0
        for index in 0..<count {
            highest = max(
                highest, ReportNumberFormat.share(reference[index], of: referenceTotal),
                ReportNumberFormat.share(current[index], of: currentTotal))
        }
        return max(highest, 1e-12)
    }

    /// A bar's length: proportional to its share of the tallest, and at least half a unit when its count is not zero.
    private static func barLength(count: Int, share: Double, highest: Double, full: Double) -> Double {
        guard count > 0 else { return 0 }
        return max(0.5, share / highest * full)
    }

    /// A bar as the shortest markup that draws it: a closed path around the rectangle.
    private static func bar(x: String, y: String, width: String, height: String) -> String {
        "<path d=\"M\(x) \(y)h\(width)v\(height)H\(x)z\"/>"
    }

    private static func fmt(_ value: Double) -> String { ReportNumberFormat.svg(value) }
}

/// Where a histogram's bins and bars go across the plot.
///
/// While a bin is at least 4 units wide, bins and bars get whole-unit widths (crisp edges, short coordinates) and
/// the bins are centred in the plot; narrower bins share the plot exactly.
struct HistogramLayout {
    /// The x of the first edge.
    let origin: Double
    /// The width of one bin.
    let binWidth: Double
    /// The width of each of a bin's two bars.
    let barWidth: Double
    /// The space between a bin's left edge and its reference bar.
    let inset: Double

    init(bins: Int, left: Double, right: Double) {
        let exact = (right - left) / Double(bins)
        if exact >= 4 {
            binWidth = exact.rounded(.down)
            barWidth = ((binWidth - 2) / 2).rounded(.down)
            inset = ((binWidth - 2 * barWidth) / 2).rounded(.down)
            origin = left + ((right - left - binWidth * Double(bins)) / 2).rounded(.down)
        } else {
            binWidth = exact
            inset = exact * 0.1
            barWidth = max(0.2, (exact - 2 * inset) / 2)
            origin = left
        }
    }

    /// The x of edge `index` (0 is the left end, `bins` the right end).
    func edge(_ index: Int) -> Double { origin + Double(index) * binWidth }
}
