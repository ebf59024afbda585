import Foundation
import Testing

@testable import FerryMonitor

@Suite("Drift report charts")
struct DriftChartSVGTests {
    @Test("a histogram draws two bars per bin, each bin titled with its range, shares and counts")
    func histogramBars() throws {
        let svg = DriftChartSVG.chart(DriftReportSamples.histogram, name: "age")
        let bars = try #require(barsGroup(svg))
        #expect(occurrences(of: "<path", in: bars) == 8)
        #expect(occurrences(of: "<title>", in: bars) == 4)
        #expect(bars.contains("<title>[0, 0.25): reference 10% (1) · current 40% (4)</title>"))
        #expect(bars.contains("<title>[0.75, 1]: reference 40% (4) · current 10% (1)</title>"))
        #expect(svg.contains("max 40%"))
        #expect(svg.contains("<use href=\"#\(DriftChartSVG.keyID)\""))
    }

    @Test("bar heights are shares of each side's total, so tables of different sizes compare")
    func heightsAreShares() throws {
        // Reference 10 rows, current 1000 rows, same shape: equal heights bin by bin.
        let svg = DriftChartSVG.histogram(edges: [0, 1, 2], reference: [3, 7], current: [300, 700], name: "x")
        #expect(try bars(in: svg) == ["M5 0h77v30.9H5z", "M82 0h77v30.9H82z", "M161 0h77v72H161z", "M238 0h77v72H238z"])
    }

    @Test("a histogram labels its outer and middle edges")
    func histogramAxisLabels() {
        let svg = DriftChartSVG.histogram(edges: [0, 0.25, 0.5, 0.75, 1], reference: [1, 2, 3, 4], current: [4, 3, 2, 1], name: "x")
        #expect(svg.contains(">0</text>"))
        #expect(svg.contains("class=\"mid\" x=\"160\" y=\"104\">0.5</text>"))
        #expect(svg.contains("class=\"end\" x=\"316\" y=\"104\">1</text>"))
    }

    @Test("an empty count draws a zero-height bar, a tiny one stays visible")
    func emptyAndTinyBins() throws {
        let svg = DriftChartSVG.histogram(edges: [0, 1, 2], reference: [0, 100_000], current: [1, 99_999], name: "x")
        #expect(try bars(in: svg) == ["M5 0h77v0H5z", "M82 0h77v0.5H82z", "M161 0h77v72H161z", "M238 0h77v72H238z"])
        #expect(svg.contains("reference 0% (0) · current <0.1% (1)"))
    }

    @Test("categories draw two bars per label, with escaped and shortened labels")
    func categoryBars() throws {
        let long = "a-very-long-category-label-indeed"
        let svg = DriftChartSVG.categories(labels: ["<b>", long], reference: [3, 1], current: [1, 3], name: "c")
        let bars = try #require(barsGroup(svg))
        #expect(try self.bars(in: svg) == ["M0 21h204v6H0z", "M0 27h68v6H0z", "M0 37h68v6H0z", "M0 43h204v6H0z"])
        #expect(bars.contains("<title>&lt;b&gt;: reference 75% (3) · current 25% (1)</title>"))
        #expect(bars.contains(">&lt;b&gt;</text>"))
        #expect(bars.contains("<title>\(long): reference 25% (1)"))
        #expect(bars.contains(">a-very-long-cate…</text>"))
        #expect(!bars.contains("<b>"))
    }

    @Test("a distribution with nothing to draw says so and draws no bars")
    func emptyDistributions() {
        for distribution in [ColumnDistribution.histogram(edges: [], reference: [], current: []), .categories(labels: [], reference: [], current: [])] {
            let svg = DriftChartSVG.chart(distribution, name: "none")
            #expect(svg.contains("no values to draw"))
            #expect(!svg.contains("<path"))
            #expect(svg.hasPrefix("<svg class=\"chart empty\""))
        }
    }

    @Test("bins at least 4 units wide sit on whole units, centred; narrower bins fill the plot")
    func layout() {
        let ten = HistogramLayout(bins: 10, left: 4, right: 316)
        #expect(ten.binWidth == 31)
        #expect(ten.barWidth == 14)
        #expect(ten.inset == 1)
        #expect(ten.edge(0) == 5)
        #expect(ten.edge(10) == 315)
        let many = HistogramLayout(bins: 200, left: 4, right: 316)
        #expect(many.edge(0) == 4)
        #expect(abs(many.edge(200) - 316) < 1e-9)
        #expect(many.barWidth * 2 + many.inset * 2 <= many.binWidth + 1e-9)
    }

    /// The `d` of every bar, in order.
    private func bars(in svg: String) throws -> [String] {
        try #require(barsGroup(svg)).components(separatedBy: "<path d=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    private func barsGroup(_ svg: String) -> String? {
        guard let start = svg.range(of: "<g class=\"bars\"") else { return nil }
        return String(svg[start.lowerBound...])
    }

    private func occurrences(of needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }
}
