import FerryTables

/// How Evidently 0.7 types a column it was given without a data definition (`infer_column_type`),
/// applied to the *current* table's column, as its `DataDriftPreset` does.
public enum ColumnDriftTyping {
    /// The outcome of typing one column.
    public enum Outcome: Sendable, Equatable {
        /// Tested as this type.
        case tested(DriftColumnType)
        /// Not tested, for this reason.
        case skipped(String)
    }

    /// Integer columns with at most this many distinct values are categorical (Evidently's `INTEGER_CARDINALITY_LIMIT`).
    public static let integerCardinalityLimit = 10

    /// Evidently's type for `column`:
    /// - float → numerical;
    /// - integer → categorical with at most 10 distinct values, else numerical;
    /// - boolean → categorical;
    /// - string → text when distinct values exceed half the non-missing count, else categorical.
    ///
    /// Text columns are skipped: Evidently tests them with a trained domain classifier, which Ferry does not compute.
    /// A column with no values at all is skipped too, where Evidently would stop the whole report.
    public static func type(of column: Column) -> Outcome {
        switch (column.kind, column.values) {
        case (.float, _):
            return .tested(.numerical)
        case (.integer, .numeric(let values)):
            return distinctCount(values, atMost: integerCardinalityLimit + 1) <= integerCardinalityLimit
                ? .tested(.categorical) : .tested(.numerical)
        case (.boolean, _):
            return .tested(.categorical)
        case (.string, .categorical(let codes, let levels)):
            var present = [Bool](repeating: false, count: levels.count)
            var nonMissing = 0
            var distinct = 0
            for code in codes where code >= 0 {
                nonMissing += 1
                if !present[Int(code)] {
                    present[Int(code)] = true
                    distinct += 1
                }
            }
            if nonMissing == 0 { return .skipped("no values: every value is missing") }
            if Double(distinct) > Double(nonMissing) * 0.5 {
                return .skipped("text column (\(distinct) distinct values in \(nonMissing)): text drift is not computed")
            }
            return .tested(.categorical)
        case (.integer, .categorical), (.string, .numeric):
            return .skipped("column values do not match its kind")
        }
    }

    /// The number of distinct non-NaN values, counting no further than `limit`.
    static func distinctCount(_ values: [Double], atMost limit: Int) -> Int {
        var seen = Set<Double>()
        for value in values where !value.isNaN {
            seen.insert(value)
            if seen.count >= limit { break }
        }
        return seen.count
    }
}
