import FerryTables

/// Runs every check on one column from a single ``ColumnScan`` pass.
struct ColumnCheckRunner {
    let column: Column
    let checks: [QualityCheck]
    /// Whether the column's values are booleans as pandas holds them: a `.boolean` column, or a `.string`
    /// one whose only levels are `True`/`False` (how the CSV reader keeps a boolean column with missing
    /// values, which pandas reads as an `object` column of Python booleans).
    private let holdsBooleans: Bool
    /// Whether the values are doubles (decided by the storage, so a check never plans a rule the scan lacks).
    private let storesNumbers: Bool

    init(column: Column, checks: [QualityCheck]) {
        self.column = column
        self.checks = checks
        if case .numeric = column.values { storesNumbers = true } else { storesNumbers = false }
        if case .categorical(_, let levels) = column.values {
            holdsBooleans =
                column.kind == .boolean
                || (column.kind == .string && !levels.isEmpty && levels.allSatisfy { $0 == "True" || $0 == "False" })
        } else {
            holdsBooleans = false
        }
    }

    /// What a check needs from the scan.
    private enum Plan {
        case notNull(mostly: Double)
        /// The check's tally is `ruleTallies[index]`.
        case rule(index: Int, mostly: Double)
        case unique(mostly: Double)
        case type(QualityTypeName, mostly: Double)
        case statistic(ColumnStatistic, QualityBounds)
        /// The check cannot run on this column.
        case failure(String)
    }

    func run() -> [ExpectationResult] {
        var request = ScanRequest()
        request.integers = column.kind == .integer
        let plans = checks.map { plan(for: $0, request: &request) }
        let scan: ScanResult
        switch column.values {
        case .numeric(let values):
            scan = ColumnScan.numeric(values, request: request)
        case .categorical(let codes, let levels):
            scan = ColumnScan.categorical(codes, levelCount: levels.count, request: request)
        }
        return zip(checks, plans).map { check, plan in result(of: check, plan: plan, scan: scan) }
    }

    // MARK: Planning

    private func plan(for check: QualityCheck, request: inout ScanRequest) -> Plan {
        switch check {
        case .columnValuesNotNull(_, let mostly):
            return .notNull(mostly: mostly)
        case .columnValuesUnique(_, let mostly):
            request.unique = true
            return .unique(mostly: mostly)
        case .columnValuesOfType(_, let type, let mostly):
            return .type(type, mostly: mostly)
        case .columnValuesBetween(_, let bounds, let mostly):
            guard storesNumbers else { return .failure(notNumeric(check)) }
            request.numericRules.append(.between(bounds))
            return .rule(index: request.numericRules.count - 1, mostly: mostly)
        case .columnValuesInSet(_, let valueSet, let mostly):
            if storesNumbers {
                request.numericRules.append(.inSet(Set(valueSet.compactMap(\.numericValue))))
                return .rule(index: request.numericRules.count - 1, mostly: mostly)
            }
            let members = Set(valueSet)
            let numericMembers = Set(valueSet.compactMap(\.numericValue))
            request.levelRules.append(
                levelValues.map { value in
                    if let number = value.numericValue { !numericMembers.contains(number) } else { !members.contains(value) }
                })
            return .rule(index: request.levelRules.count - 1, mostly: mostly)
        case .columnValuesMatchRegex(_, let regex, let mostly):
            guard let pattern = try? SearchPattern(regex) else { return .failure("regex \"\(regex)\" does not compile") }
            if storesNumbers {
                request.numericRules.append(.regex(pattern, integerText: column.kind == .integer))
                return .rule(index: request.numericRules.count - 1, mostly: mostly)
            }
            request.levelRules.append(levelTexts.map { !pattern.matches($0) })
            return .rule(index: request.levelRules.count - 1, mostly: mostly)
        case .columnStatisticBetween(_, let statistic, let bounds):
            guard storesNumbers else { return .failure(notNumeric(check)) }
            switch statistic {
            case .min, .max: request.extremes = true
            case .mean: request.mean = true
            case .stdev: request.standardDeviation = true
            case .median: request.median = true
            }
            return .statistic(statistic, bounds)
        case .columnToExist, .tableRowCountBetween, .tableColumnsMatchSet:
            preconditionFailure("table-level checks are evaluated by SuiteEvaluator")
        }
    }

    private func notNumeric(_ check: QualityCheck) -> String {
        "Column \"\(column.name)\" holds \(column.kind.rawValue) values; \(check.expectationType) needs a numeric column."
    }

    /// Each level as the value GX would report: `true`/`false` for booleans, text otherwise.
    private var levelValues: [QualityValue] {
        guard case .categorical(_, let levels) = column.values else { return [] }
        return levels.map { level in
            if holdsBooleans, let flag = Self.booleanLevel(level) { return .bool(flag) }
            return .string(level)
        }
    }

    /// Each level as Python's `str()` of the value (`True` / `False` for booleans), for regex matching.
    private var levelTexts: [String] {
        levelValues.map { value in
            switch value {
            case .bool(let flag): flag ? "True" : "False"
            case .string(let text): text
            default: value.description
            }
        }
    }

    /// A boolean level's value, spelled as pandas' `read_csv` accepts (`true`, `True`, `TRUE`, …).
    private static func booleanLevel(_ level: String) -> Bool? {
        switch level.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    // MARK: Results

    private func result(of check: QualityCheck, plan: Plan, scan: ScanResult) -> ExpectationResult {
        let config = ExpectationConfig(type: check.expectationType, kwargs: check.kwargs)
        let nonMissing = scan.rowCount - scan.missing.count
        switch plan {
        case .failure(let message):
            return ExpectationResult(success: false, expectationConfig: config, result: .empty, exceptionInfo: .raised(message))
        case .notNull(let mostly):
            let summary = RowCheckSummary.notNull(
                elementCount: scan.rowCount, tally: scan.missing, nullsAreDistinct: storesNumbers)
            return ExpectationResult(
                success: RowCheckSummary.notNullSucceeds(rowCount: scan.rowCount, missing: scan.missing.count, mostly: mostly),
                expectationConfig: config, result: .rows(summary))
        case .rule(let index, let mostly):
            return rowResult(config, tally: scan.ruleTallies[index], scan: scan, mostly: mostly)
        case .unique(let mostly):
            return rowResult(config, tally: scan.repeats ?? RowTally(), scan: scan, mostly: mostly)
        case .type(let type, let mostly):
            switch type.verdict(kind: column.kind, missingCount: scan.missing.count, holdsBooleans: holdsBooleans) {
            case .whole(let success, let observed):
                return ExpectationResult(success: success, expectationConfig: config, result: .observed(.string(observed)))
            case .perValue(let valuesMatch):
                let tally = valuesMatch ? RowTally() : RowTally(count: nonMissing, firstRows: scan.firstPresentRows)
                return rowResult(config, tally: tally, scan: scan, mostly: mostly)
            }
        case .statistic(let statistic, let bounds):
            let observed = observedValue(statistic, scan: scan)
            let success = observed.numericValue.map(bounds.contains) ?? false
            return ExpectationResult(success: success, expectationConfig: config, result: .observed(observed))
        }
    }

    private func rowResult(_ config: ExpectationConfig, tally: RowTally, scan: ScanResult, mostly: Double) -> ExpectationResult {
        let nonMissing = scan.rowCount - scan.missing.count
        let summary = RowCheckSummary.values(
            elementCount: scan.rowCount, missingCount: scan.missing.count, unexpectedCount: tally.count,
            partialValues: tally.firstRows.map(value(at:)), partialRows: tally.firstRows)
        let success = RowCheckSummary.valuesSucceed(nonMissing: nonMissing, unexpected: tally.count, mostly: mostly)
        return ExpectationResult(success: success, expectationConfig: config, result: .rows(summary))
    }

    private func observedValue(_ statistic: ColumnStatistic, scan: ScanResult) -> QualityValue {
        let extremes = scan.extremes
        let number: Double?
        switch statistic {
        case .mean: number = scan.mean
        case .median: number = scan.median
        case .stdev: number = scan.standardDeviation
        case .min: number = extremes.count > 0 ? extremes.minimum : nil
        case .max: number = extremes.count > 0 ? extremes.maximum : nil
        }
        guard let number else { return .null }
        let keepsIntegers = column.kind == .integer && (statistic == .min || statistic == .max)
        if keepsIntegers, let whole = Int(exactly: number) { return .int(whole) }
        return .double(number)
    }

    /// The value in `row` as GX lists it in `partial_unexpected_list`.
    private func value(at row: Int) -> QualityValue {
        switch column.values {
        case .numeric(let values):
            let value = values[row]
            if value.isNaN { return .null }
            if column.kind == .integer, let whole = Int(exactly: value) { return .int(whole) }
            return .double(value)
        case .categorical(let codes, let levels):
            let code = Int(codes[row])
            guard code >= 0 else { return .null }
            if holdsBooleans, let flag = Self.booleanLevel(levels[code]) { return .bool(flag) }
            return .string(levels[code])
        }
    }
}
