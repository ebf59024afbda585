import FerryTables

/// Runs a suite on a table: table-level checks directly, column checks grouped so that each column is
/// scanned once, results put back in suite order.
struct SuiteEvaluator {
    let suite: QualitySuite
    let table: Table

    func run() -> SuiteResult {
        var results = [ExpectationResult?](repeating: nil, count: suite.checks.count)
        var columnOrder: [String] = []
        var checksByColumn: [String: [Int]] = [:]
        for (index, check) in suite.checks.enumerated() {
            switch check {
            case .columnToExist, .tableRowCountBetween, .tableColumnsMatchSet:
                results[index] = tableResult(check)
            default:
                guard let name = check.column else { continue }
                if checksByColumn[name] == nil { columnOrder.append(name) }
                checksByColumn[name, default: []].append(index)
            }
        }
        var columnsByName: [String: Column] = [:]
        for column in table.columns where columnsByName[column.name] == nil {
            columnsByName[column.name] = column
        }
        for name in columnOrder {
            let indexes = checksByColumn[name] ?? []
            guard let column = columnsByName[name] else {
                for index in indexes { results[index] = Self.missingColumnResult(suite.checks[index], column: name) }
                continue
            }
            let columnResults = ColumnCheckRunner(column: column, checks: indexes.map { suite.checks[$0] }).run()
            for (index, result) in zip(indexes, columnResults) { results[index] = result }
        }
        return SuiteResult(suiteName: suite.name, results: results.compactMap(\.self))
    }

    /// GX's failure for a check on a column the table lacks: no result, `exception_info` set.
    static func missingColumnResult(_ check: QualityCheck, column: String) -> ExpectationResult {
        ExpectationResult(
            success: false, expectationConfig: ExpectationConfig(type: check.expectationType, kwargs: check.kwargs),
            result: .empty, exceptionInfo: .raised("Error: The column \"\(column)\" in BatchData does not exist."))
    }

    private func tableResult(_ check: QualityCheck) -> ExpectationResult {
        let config = ExpectationConfig(type: check.expectationType, kwargs: check.kwargs)
        let names = table.columnNames
        switch check {
        case .columnToExist(let column, let columnIndex):
            return ExpectationResult(success: Self.columnExists(column, at: columnIndex, in: names), expectationConfig: config, result: .empty)
        case .tableRowCountBetween(let bounds):
            return ExpectationResult(
                success: bounds.contains(Double(table.rowCount)), expectationConfig: config, result: .observed(.int(table.rowCount)))
        case .tableColumnsMatchSet(let columnSet, let exactMatch):
            let (success, observed, mismatch) = Self.matchColumns(names, to: columnSet, exactMatch: exactMatch)
            return ExpectationResult(
                success: success, expectationConfig: config, result: .observed(.array(observed.map(QualityValue.string)), mismatch: mismatch))
        default:
            preconditionFailure("column checks are evaluated by ColumnCheckRunner")
        }
    }

    /// GX's rule, quirk included: a `column_index` of 0 (falsy in Python) checks membership only;
    /// negative indexes count from the end.
    static func columnExists(_ column: String, at columnIndex: Int?, in names: [String]) -> Bool {
        guard let columnIndex, columnIndex != 0 else { return names.contains(column) }
        let position = columnIndex < 0 ? names.count + columnIndex : columnIndex
        return names.indices.contains(position) && names[position] == column
    }

    /// GX's `expect_table_columns_to_match_set`: the observed set sorted, mismatches listed either way;
    /// without `exactMatch`, extra table columns pass but missing ones fail.
    static func matchColumns(_ names: [String], to columnSet: [String], exactMatch: Bool) -> (Bool, [String], ColumnSetMismatch?) {
        let actual = Set(names)
        let expected = Set(columnSet)
        let observed = pythonSorted(actual)
        let unexpected = pythonSorted(actual.subtracting(expected))
        let missing = pythonSorted(expected.subtracting(actual))
        if unexpected.isEmpty && missing.isEmpty { return (true, observed, nil) }
        let mismatch = ColumnSetMismatch(unexpected: unexpected.isEmpty ? nil : unexpected, missing: missing.isEmpty ? nil : missing)
        return (exactMatch ? false : missing.isEmpty, observed, mismatch)
    }

    /// Python's `sorted` on text: by code point.
    static func pythonSorted(_ names: Set<String>) -> [String] {
        names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
