/// The drift report as one self-contained HTML page: it loads nothing (inline CSS, a small inline script, inline
/// SVG charts, a Content-Security-Policy that forbids every fetch) and opens offline from a file.
///
/// The page is rendered on the server side: the summary, the per-column table and its charts are all in the markup,
/// so it reads the same with scripts off; the script only adds sorting and filtering. The report itself is embedded
/// as JSON (``DriftReportJSON``) in `<script type="application/json" id="ferry-report">` for tools.
public enum DriftReportHTML {
    /// The `id` of the `<script type="application/json">` element that holds the report.
    public static let reportElementID = "ferry-report"

    /// Renders `report` as a complete HTML document.
    public static func render(_ report: DriftReport) -> String {
        var page = ""
        page.reserveCapacity(24_000 + report.columns.count * 5_000 + report.skippedColumns.count * 200)
        page += head(report)
        page += "<body><main>"
        page += "<p class=\"eyebrow\">Ferry · data drift report</p>"
        page += verdict(report)
        page += summaryCards(report)
        page += DriftReportTable.section(report.columns)
        page += skipped(report.skippedColumns)
        page += footer
        page += "</main>"
        page += "<script type=\"application/json\" id=\"\(reportElementID)\">"
        page += DriftReportJSON.embeddable(report)
        page += "</script><script>\n"
        page += DriftReportPageAssets.script
        page += "\n</script></body></html>\n"
        return page
    }

    /// "Dataset drift detected" or "No dataset drift".
    static func verdictTitle(_ report: DriftReport) -> String {
        report.datasetDrift ? "Dataset drift detected" : "No dataset drift"
    }

    private static func head(_ report: DriftReport) -> String {
        let title = "Drift report · \(verdictTitle(report)) · \(report.driftedColumns) of \(report.testedColumns) columns drifted"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; \
            script-src 'unsafe-inline'; img-src data:">
            <link rel="icon" href="data:,">
            <title>\(HTMLEscaping.escaped(title))</title>
            <style>
            \(DriftReportPageAssets.styleSheet)
            </style></head>

            """
    }

    private static func verdict(_ report: DriftReport) -> String {
        let share = ReportNumberFormat.percent(report.driftShare)
        let threshold = ReportNumberFormat.percent(report.driftShareThreshold)
        let sentence: String
        if report.testedColumns == 0 {
            sentence = "No column was tested, so no column could drift."
        } else {
            let relation = report.datasetDrift ? "at or above" : "below"
            sentence = "\(report.driftedColumns) of \(report.testedColumns) tested columns drifted (\(share)), "
                + "\(relation) the \(threshold) threshold for the dataset."
        }
        let kind = report.datasetDrift ? "drift" : "ok"
        let icon = report.datasetDrift ? "⚠" : "✓"
        return "<header class=\"verdict \(kind)\" id=\"verdict\"><div class=\"icon\" aria-hidden=\"true\">\(icon)</div>"
            + "<div><h1>\(verdictTitle(report))</h1><p id=\"verdict-detail\">\(HTMLEscaping.escaped(sentence))</p></div></header>"
    }

    private static func summaryCards(_ report: DriftReport) -> String {
        let share = ReportNumberFormat.percent(report.driftShare)
        let threshold = ReportNumberFormat.percent(report.driftShareThreshold)
        let meterWidth = ReportNumberFormat.svg(min(1, max(0, report.driftShare)) * 100)
        let meterMark = ReportNumberFormat.svg(min(1, max(0, report.driftShareThreshold)) * 100)
        let over = report.datasetDrift ? " over" : ""
        var cards = "<section class=\"cards\" aria-label=\"Summary\">"
        cards += "<div class=\"card\" id=\"summary-drifted\"><h2>Drifted columns</h2>"
        cards += "<div class=\"big\">\(report.driftedColumns) <span class=\"muted\">of \(report.testedColumns) tested</span></div>"
        cards += "<div class=\"meter\(over)\" title=\"drift share \(share), threshold \(threshold)\">"
        cards += "<span style=\"width:\(meterWidth)%\"></span><i style=\"left:\(meterMark)%\"></i></div>"
        cards += "<small>share \(share) · threshold \(threshold)</small></div>"
        cards += datasetCard(title: "Reference", id: "summary-reference", report.reference)
        cards += datasetCard(title: "Current", id: "summary-current", report.current)
        cards += "<div class=\"card\" id=\"summary-generated\"><h2>Generated</h2>"
        cards += "<time datetime=\"\(HTMLEscaping.escaped(report.generatedAt))\">\(HTMLEscaping.escaped(readableTime(report.generatedAt)))</time>"
        cards += "<div><small>\(report.skippedColumns.count) not tested</small></div></div>"
        return cards + "</section>"
    }

    private static func datasetCard(title: String, id: String, _ dataset: DriftReport.Dataset) -> String {
        "<div class=\"card\" id=\"\(id)\"><h2>\(title)</h2><div class=\"src\">\(HTMLEscaping.escaped(dataset.source))</div>"
            + "<div><strong>\(ReportNumberFormat.count(dataset.rows))</strong> rows</div></div>"
    }

    private static func skipped(_ columns: [SkippedColumn]) -> String {
        guard !columns.isEmpty else { return "" }
        var section = "<section class=\"skipped\" id=\"skipped-columns\"><h2>Not tested (\(columns.count))</h2><ul>"
        for column in columns {
            section += "<li><strong>\(HTMLEscaping.escaped(column.name))</strong> — \(HTMLEscaping.escaped(column.reason))</li>"
        }
        return section + "</ul></section>"
    }

    private static let footer = "<footer>Scores are p-values for statistical tests (small means drift) and distances "
        + "otherwise (large means drift); the threshold column shows each column's rule. Charts show each side's share of its "
        + "non-missing values, so tables of different sizes compare; hover a bar for its counts. Missing and infinite "
        + "values are left out of the tests.</footer>"

    /// "2026-12-01T10:20:30Z" (or with fractional seconds) as "2026-12-01 10:20:30 UTC"; anything else unchanged.
    static func readableTime(_ iso: String) -> String {
        let characters = Array(iso)
        guard characters.count >= 20, characters[10] == "T", characters.last == "Z" else { return iso }
        let seconds = characters[11..<19]
        return String(characters[0..<10]) + " " + String(seconds) + " UTC"
    }
}
