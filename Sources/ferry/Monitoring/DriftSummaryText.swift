import FerryClient
import FerryMonitor
import Foundation

/// The terminal summary of a drift report: the verdict, then one line per column.
enum DriftSummaryText {
    static func render(_ report: DriftReport) -> String {
        let verdict = report.datasetDrift ? "Dataset drift detected" : "No dataset drift"
        let share = "\(report.driftedColumns) of \(report.testedColumns) columns drifted "
            + "(share \(format(report.driftShare)), threshold \(format(report.driftShareThreshold)))"
        let rows = report.columns.map { column in
            [
                column.name, column.type.rawValue, column.method.rawValue, format(column.threshold),
                format(column.score), column.drifted ? "DRIFT" : "ok",
            ]
        }
        var lines = [
            "\(verdict): \(share)",
            "reference \(report.reference.source) (\(report.reference.rows) rows), current \(report.current.source) (\(report.current.rows) rows)",
            "",
            TextTable(headers: ["COLUMN", "TYPE", "METHOD", "THRESHOLD", "SCORE", "DRIFT"], rows: rows).render(),
        ]
        if !report.skippedColumns.isEmpty {
            lines.append("")
            lines.append("Not tested:")
            lines += report.skippedColumns.map { "  \($0.name): \($0.reason)" }
        }
        return lines.joined(separator: "\n")
    }

    /// Scores as people read them: p-values near 0 in scientific notation, others with 4 significant digits.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : "∞" }
        if value != 0, abs(value) < 1e-3 { return String(format: "%.3e", value) }
        return String(format: "%.4g", value)
    }
}
