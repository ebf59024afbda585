/// The drift page's per-column table: one row per tested column, each with its chart.
///
/// Sortable headers carry `data-type` ("num" or "text"); numeric cells carry their exact value in `data-v`, so the
/// script sorts by numbers rather than by the formatted text. A drifted column's row has class `drifted`; its first
/// cell (a row header) holds the column's name.
enum DriftReportTable {
    /// The headers: title, sort kind (nil: not sortable) and a key the page's tests and tools can find them by.
    private static let headers: [(title: String, sort: String?, key: String)] = [
        ("Column", "text", "column"), ("Type", "text", "type"), ("Method", "text", "method"),
        ("Threshold", "num", "threshold"), ("Score", "num", "score"), ("Drift", "num", "drifted"),
        ("Reference", "num", "reference"), ("Current", "num", "current"), ("Distribution", nil, "distribution"),
    ]

    /// The section: heading with the chart legend, the filter controls (shown by the script), the table.
    static func section(_ columns: [ColumnDrift]) -> String {
        var html = "<section class=\"columns\" id=\"columns\"><h2>Columns"
        html += "<span class=\"legend-key\"><span><i class=\"r\"></i>reference</span><span><i class=\"c\"></i>current</span></span></h2>"
        html += "<div class=\"controls\" id=\"controls\" hidden>"
        html += "<label><input type=\"checkbox\" id=\"drifted-only\"> Show drifted only</label>"
        html += "<input type=\"search\" id=\"column-filter\" placeholder=\"Filter by column name\" aria-label=\"Filter by column name\">"
        html += "<span id=\"shown-count\" class=\"muted\" aria-live=\"polite\"></span></div>"
        html += DriftChartSVG.keyDefinition
        html += "<div class=\"table-wrap\"><table id=\"drift-columns\"><thead><tr>"
        for header in headers {
            if let sort = header.sort {
                html += "<th scope=\"col\" data-type=\"\(sort)\" data-key=\"\(header.key)\"><button type=\"button\">\(header.title)</button></th>"
            } else {
                html += "<th scope=\"col\" data-key=\"\(header.key)\">\(header.title)</th>"
            }
        }
        html += "</tr></thead><tbody>"
        for column in columns { html += row(column) }
        html += "</tbody></table>"
        if columns.isEmpty { html += "<p class=\"empty\">No column was tested.</p>" }
        html += "<p class=\"empty\" id=\"no-match\" hidden>No column matches the filter.</p></div></section>"
        return html
    }

    /// One column's row.
    static func row(_ column: ColumnDrift) -> String {
        let name = HTMLEscaping.escaped(column.name)
        var html = column.drifted ? "<tr class=\"drifted\">" : "<tr>"
        html += "<th scope=\"row\">\(name)</th>"
        html += "<td><span class=\"pill\">\(column.type.rawValue)</span></td>"
        html += "<td>\(HTMLEscaping.escaped(column.method.displayName))</td>"
        html += "<td class=\"num\" data-v=\"\(ReportNumberFormat.sortKey(column.threshold))\">"
        html += "<span class=\"muted\">\(comparisonSymbol(column.method.comparison))</span> \(ReportNumberFormat.score(column.threshold))</td>"
        html += "<td class=\"num score\(column.drifted ? " hit" : "")\" data-v=\"\(ReportNumberFormat.sortKey(column.score))\">"
        html += "\(ReportNumberFormat.score(column.score))</td>"
        html += column.drifted
            ? "<td data-v=\"1\"><span class=\"badge yes\">Drifted</span></td>"
            : "<td data-v=\"0\"><span class=\"badge no\">No drift</span></td>"
        html += countCell(count: column.referenceCount, missing: column.referenceMissing)
        html += countCell(count: column.currentCount, missing: column.currentMissing)
        html += "<td class=\"chart-cell\">\(DriftChartSVG.chart(column.distribution, name: column.name))</td></tr>"
        return html
    }

    /// "p ≤" for p-values compared with `<=`, "d ≥" for distances compared with `>=`, and so on.
    static func comparisonSymbol(_ comparison: DriftMethod.Comparison) -> String {
        switch comparison {
        case .pValueAtMost: "p ≤"
        case .pValueBelow: "p &lt;"
        case .distanceAtLeast: "d ≥"
        case .distanceAbove: "d &gt;"
        }
    }

    private static func countCell(count: Int, missing: Int) -> String {
        let missingText: String
        if missing == 0 {
            missingText = "no missing"
        } else {
            let share = ReportNumberFormat.percent(ReportNumberFormat.share(missing, of: count + missing))
            missingText = "\(ReportNumberFormat.count(missing)) missing (\(share))"
        }
        return "<td class=\"num\" data-v=\"\(count)\">\(ReportNumberFormat.count(count))<small>\(missingText)</small></td>"
    }
}
