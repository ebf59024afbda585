import Foundation

extension SuiteResult {
    /// A plain-text report for terminals: a header line, then one line per check with ✓ or ✗, the check
    /// type, the column (`-` for table checks) and what was observed or how many values were unexpected.
    ///
    /// ```text
    /// churn-input: 2 of 3 checks passed (66.7%)
    /// ✓ expect_column_values_to_not_be_null  age    0 missing of 1000 rows (0%)
    /// ✗ expect_column_values_to_be_between   age    3 unexpected of 998 non-missing (0.3%), e.g. 130, -1, 150
    /// ✓ expect_table_row_count_to_be_between -      observed 1000
    /// ```
    public func summaryText() -> String {
        let passed = statistics.successfulExpectations
        let total = statistics.evaluatedExpectations
        var lines = ["\(suiteName): \(passed) of \(total) checks passed" + (statistics.successPercent.map { " (\(Self.percent($0)))" } ?? "")]
        let typeWidth = results.map(\.expectationConfig.type.count).max() ?? 0
        let columnWidth = results.map { ($0.expectationConfig.kwargs.column ?? "-").count }.max() ?? 0
        for result in results {
            let type = result.expectationConfig.type
            let column = result.expectationConfig.kwargs.column ?? "-"
            let detail = Self.detail(of: result)
            var line = "\(result.success ? "✓" : "✗") \(Self.padded(type, to: typeWidth)) \(Self.padded(column, to: columnWidth))"
            if !detail.isEmpty { line += " " + detail }
            lines.append(line.trimmingTrailingSpaces())
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func detail(of result: ExpectationResult) -> String {
        if result.exceptionInfo.raisedException {
            return "error: " + (result.exceptionInfo.exceptionMessage ?? "the check could not run")
        }
        switch result.result {
        case .empty:
            return result.success ? "" : "not found"
        case .observed(let value, let mismatch):
            var text = "observed " + shown(value)
            if let missing = mismatch?.missing { text += "; missing: " + missing.joined(separator: ", ") }
            if let unexpected = mismatch?.unexpected { text += "; unexpected: " + unexpected.joined(separator: ", ") }
            return text
        case .rows(let summary):
            let share = summary.unexpectedPercent.map { " (\(percent($0)))" } ?? ""
            guard let missing = summary.missing else {
                return "\(summary.unexpectedCount) missing of \(summary.elementCount) rows\(share)"
            }
            var text = "\(summary.unexpectedCount) unexpected of \(summary.elementCount - missing.missingCount) non-missing\(share)"
            let examples = summary.partialUnexpectedCounts.prefix(3).map { shown($0.value) }
            if !examples.isEmpty { text += ", e.g. " + examples.joined(separator: ", ") }
            return text
        }
    }

    /// Numbers to six significant digits, text unquoted.
    private static func shown(_ value: QualityValue) -> String {
        switch value {
        case .double(let number) where number.isFinite: String(format: "%.6g", number)
        case .string(let text): text
        case .array(let items): "[" + items.map(shown).joined(separator: ", ") + "]"
        default: value.description
        }
    }

    private static func percent(_ value: Double) -> String {
        String(format: "%.3g", value) + "%"
    }

    private static func padded(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
