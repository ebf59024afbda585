extension RowCheckSummary {
    /// GX's `_format_map_output` for a row check that ignores missing values: percentages over all rows and
    /// over the non-missing ones, nil where the denominator is zero.
    static func values(
        elementCount: Int, missingCount: Int, unexpectedCount: Int, partialValues: [QualityValue], partialRows: [Int]
    ) -> RowCheckSummary {
        let nonMissing = elementCount - missingCount
        let total = Double(elementCount)
        let percentNonmissing = elementCount > 0 && nonMissing > 0 ? Double(unexpectedCount) / Double(nonMissing) * 100 : nil
        let missing = MissingSummary(
            missingCount: missingCount,
            missingPercent: elementCount > 0 ? Double(missingCount) / total * 100 : nil,
            unexpectedPercentTotal: elementCount > 0 ? Double(unexpectedCount) / total * 100 : nil,
            unexpectedPercentNonmissing: percentNonmissing)
        return RowCheckSummary(
            elementCount: elementCount, unexpectedCount: unexpectedCount, unexpectedPercent: percentNonmissing,
            partialUnexpectedList: partialValues, missing: missing,
            partialUnexpectedCounts: counts(of: partialValues, nullsAreDistinct: false), partialUnexpectedIndexList: partialRows)
    }

    /// GX's result for `expect_column_values_to_not_be_null`: no missing block, `unexpected_percent` over all
    /// rows. With `nullsAreDistinct` (a float column, whose NaNs Python's `Counter` cannot group) each missing
    /// value is its own `partial_unexpected_counts` entry, as GX reports them.
    static func notNull(elementCount: Int, tally: RowTally, nullsAreDistinct: Bool) -> RowCheckSummary {
        let values = [QualityValue](repeating: .null, count: tally.firstRows.count)
        return RowCheckSummary(
            elementCount: elementCount, unexpectedCount: tally.count,
            unexpectedPercent: elementCount > 0 ? Double(tally.count) / Double(elementCount) * 100 : nil,
            partialUnexpectedList: values, missing: nil,
            partialUnexpectedCounts: counts(of: values, nullsAreDistinct: nullsAreDistinct),
            partialUnexpectedIndexList: tally.firstRows)
    }

    /// GX's `_mostly_success` over non-missing rows; vacuously true when there are none.
    static func valuesSucceed(nonMissing: Int, unexpected: Int, mostly: Double) -> Bool {
        guard nonMissing > 0 else { return true }
        return (Double(nonMissing) - Double(unexpected)) / Double(nonMissing) >= mostly
    }

    /// `not_null` over all rows; vacuously true for an empty table.
    static func notNullSucceeds(rowCount: Int, missing: Int, mostly: Double) -> Bool {
        guard rowCount > 0 else { return true }
        return Double(rowCount - missing) / Double(rowCount) >= mostly
    }

    /// `partial_unexpected_counts` as GX builds it: `Counter(partial_list).most_common(20)` re-sorted by
    /// (−count, value). The counts cover only the partial list (the first 20 unexpected values), not the
    /// whole column; equal counts are ordered by value (numbers ascending, text by code point).
    static func counts(of values: [QualityValue], nullsAreDistinct: Bool) -> [UnexpectedValueCount] {
        var order: [QualityValue] = []
        var counts: [QualityValue: Int] = [:]
        var entries: [UnexpectedValueCount] = []
        for value in values {
            if value == .null && nullsAreDistinct {
                entries.append(UnexpectedValueCount(value: .null, count: 1))
                continue
            }
            if counts[value] == nil { order.append(value) }
            counts[value, default: 0] += 1
        }
        entries = order.map { UnexpectedValueCount(value: $0, count: counts[$0] ?? 0) } + entries
        // A stable sort, as Python's `sorted` is.
        return entries.enumerated().sorted { left, right in
            if left.element.count != right.element.count { return left.element.count > right.element.count }
            if left.element.value.precedesInPythonOrder(right.element.value) { return true }
            if right.element.value.precedesInPythonOrder(left.element.value) { return false }
            return left.offset < right.offset
        }.map(\.element)
    }
}
