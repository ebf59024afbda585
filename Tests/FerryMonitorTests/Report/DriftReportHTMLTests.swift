import Foundation
import Testing

@testable import FerryMonitor

@Suite("Drift report HTML page")
struct DriftReportHTMLTests {
    @Test("one table row and one chart per tested column, server-rendered")
    func rowsAndChartsPerColumn() throws {
        let report = DriftReportSamples.drifting
        let html = DriftReportHTML.render(report)
        let body = try #require(section(of: html, from: "<tbody>", to: "</tbody>"))
        #expect(occurrences(of: "<tr", in: body) == report.columns.count)
        #expect(occurrences(of: "<svg class=\"chart", in: html) == report.columns.count)
        #expect(occurrences(of: "<tr class=\"drifted\">", in: body) == report.driftedColumns)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test("the verdict is the headline, with its share against the threshold")
    func verdictHeadline() {
        let drifting = DriftReportHTML.render(DriftReportSamples.drifting)
        #expect(drifting.contains("<header class=\"verdict drift\""))
        #expect(drifting.contains("<h1>Dataset drift detected</h1>"))
        #expect(drifting.contains("3 of 5 tested columns drifted (60%), at or above the 50% threshold"))
        #expect(drifting.contains("<title>Drift report · Dataset drift detected · 3 of 5 columns drifted</title>"))

        let steady = DriftReportHTML.render(DriftReportSamples.steady)
        #expect(steady.contains("<header class=\"verdict ok\""))
        #expect(steady.contains("<h1>No dataset drift</h1>"))
        #expect(steady.contains("0 of 2 tested columns drifted (0%), below the 50% threshold"))
        #expect(!steady.contains("Dataset drift detected"))
    }

    @Test("sources, row counts and the generation time appear in the summary")
    func summaryFacts() {
        let html = DriftReportHTML.render(DriftReportSamples.drifting)
        #expect(html.contains("data/ref &amp; &lt;old&gt;.csv"))
        #expect(html.contains("<strong>12,345</strong> rows"))
        #expect(html.contains("<strong>1,000,000</strong> rows"))
        #expect(html.contains("<time datetime=\"2026-12-01T10:20:30Z\">2026-12-01 10:20:30 UTC</time>"))
    }

    @Test("user text is escaped everywhere: names, labels, sources, skipped reasons")
    func escapesUserText() throws {
        let html = DriftReportHTML.render(DriftReportSamples.drifting)
        // Only the page's own two script elements open a script; the hostile name never does.
        #expect(occurrences(of: "<script", in: html) == 2)
        #expect(!html.contains("<b>&amp;</b>"))
        #expect(!html.contains("comment <i>"))
        let escapedName = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; Ωμέγα 日本"
        #expect(html.contains("<th scope=\"row\">\(escapedName)</th>"))
        #expect(html.contains("aria-label=\"\(escapedName): reference and current shares\""))
        #expect(html.contains("&lt;b&gt;&amp;amp;&lt;/b&gt;: reference 30% (3) · current 30% (3)"))
        #expect(html.contains("<strong>comment &lt;i&gt;</strong> — text column: Evidently&#39;s text drift is not computed"))
    }

    @Test("the page references nothing outside itself")
    func noExternalReferences() {
        let html = DriftReportHTML.render(DriftReportSamples.drifting)
        for forbidden in ["http://", "https://", "src=", "url(", "@import", "//cdn", "rel=\"stylesheet\""] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        for target in attributeValues(named: "href", in: html) {
            #expect(target.hasPrefix("#") || target.hasPrefix("data:"), "href=\(target)")
        }
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"))
    }

    @Test("the embedded JSON decodes back to the same report, with a JSONDecoder reading snake_case keys")
    func embeddedJSONRoundTrips() throws {
        let report = DriftReportSamples.drifting
        let json = try #require(embeddedJSON(in: DriftReportHTML.render(report)))
        #expect(!json.contains("<"))
        #expect(json.contains("\\u003cscript>"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let decoded = try decoder.decode(DriftReport.self, from: Data(json.utf8))
        #expect(decoded == report)
        #expect(json.contains("\"drift_share_threshold\":"))
    }

    @Test("non-finite scores show as ∞ and n/a, sort as Infinity and NaN, and survive the JSON")
    func nonFiniteScores() throws {
        let report = DriftReportSamples.report([
            DriftReportSamples.numerical("endless", method: .psi, score: .infinity),
            DriftReportSamples.numerical("unknown", method: .psi, score: .nan),
        ])
        let html = DriftReportHTML.render(report)
        #expect(html.contains("data-v=\"Infinity\">∞</td>"))
        #expect(html.contains("data-v=\"NaN\">n/a</td>"))
        let json = try #require(embeddedJSON(in: html))
        let decoded = try DriftReportJSON.decoder().decode(DriftReport.self, from: Data(json.utf8))
        #expect(decoded.columns[0].score == .infinity)
        #expect(decoded.columns[1].score.isNaN)
        #expect(decoded.columns[0].name == "endless")
    }

    @Test("cells show formatted numbers and carry exact sort keys")
    func formattedCells() {
        let html = DriftReportHTML.render(DriftReportSamples.drifting)
        #expect(html.contains("<td class=\"num score hit\" data-v=\"1.18935e-07\">1.19e-7</td>"))
        #expect(html.contains("<td class=\"num score hit\" data-v=\"0.259721\">0.2597</td>"))
        #expect(html.contains("<td class=\"num score\" data-v=\"0.41\">0.41</td>"))
        #expect(html.contains("<td class=\"num\" data-v=\"0.05\"><span class=\"muted\">p ≤</span> 0.05</td>"))
        #expect(html.contains("<td class=\"num\" data-v=\"0.1\"><span class=\"muted\">d ≥</span> 0.1</td>"))
        #expect(html.contains("<td class=\"num\" data-v=\"10\">10<small>2 missing (16.7%)</small></td>"))
        #expect(html.contains("<td>K-S p_value</td>"))
        #expect(html.contains("<td>Wasserstein distance (normed)</td>"))
        #expect(html.contains("<td data-v=\"1\"><span class=\"badge yes\">Drifted</span></td>"))
        #expect(html.contains("<td data-v=\"0\"><span class=\"badge no\">No drift</span></td>"))
    }

    @Test("sortable headers say how they sort; none is marked sorted before a click")
    func sortableHeaders() throws {
        let html = DriftReportHTML.render(DriftReportSamples.steady)
        let head = try #require(section(of: html, from: "<thead>", to: "</thead>"))
        #expect(occurrences(of: "data-type=\"num\"", in: head) == 5)
        #expect(occurrences(of: "data-type=\"text\"", in: head) == 3)
        #expect(head.contains("<th scope=\"col\" data-type=\"num\" data-key=\"score\"><button type=\"button\">Score</button></th>"))
        #expect(!head.contains("aria-sort"))
    }

    @Test("skipped columns are listed with their reasons; none means no section")
    func skippedColumns() {
        #expect(DriftReportHTML.render(DriftReportSamples.drifting).contains("<h2>Not tested (1)</h2>"))
        #expect(!DriftReportHTML.render(DriftReportSamples.steady).contains("id=\"skipped-columns\""))
    }

    @Test("a report without tested columns still renders a verdict and an empty table")
    func nothingTested() throws {
        let html = DriftReportHTML.render(DriftReportSamples.report([]))
        #expect(html.contains("<h1>No dataset drift</h1>"))
        #expect(html.contains("No column was tested, so no column could drift."))
        let body = try #require(section(of: html, from: "<tbody>", to: "</tbody>"))
        #expect(occurrences(of: "<tr", in: body) == 0)
    }

    @Test("100 columns of 10-bin histograms stay under 300 KB")
    func sizeStaysSmall() {
        let html = DriftReportHTML.render(DriftReportSamples.wide(columns: 100))
        #expect(occurrences(of: "<svg class=\"chart", in: html) == 100)
        #expect(html.utf8.count < 300_000, "\(html.utf8.count) bytes")
    }

    // MARK: - Helpers

    private func occurrences(of needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    private func section(of html: String, from start: String, to end: String) -> String? {
        guard let open = html.range(of: start), let close = html.range(of: end, range: open.upperBound..<html.endIndex) else {
            return nil
        }
        return String(html[open.upperBound..<close.lowerBound])
    }

    private func embeddedJSON(in html: String) -> String? {
        section(of: html, from: "<script type=\"application/json\" id=\"\(DriftReportHTML.reportElementID)\">", to: "</script>")
    }

    private func attributeValues(named name: String, in html: String) -> [String] {
        html.components(separatedBy: " \(name)=\"").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
    }
}
