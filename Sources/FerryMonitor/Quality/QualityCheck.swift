/// A lower and an upper bound, either of which may be absent, as Great Expectations' `min_value` /
/// `max_value` / `strict_min` / `strict_max`: inclusive unless made strict.
public struct QualityBounds: Sendable, Equatable {
    /// The lower bound; nil for none.
    public var minValue: Double?
    /// The upper bound; nil for none.
    public var maxValue: Double?
    /// Whether a value equal to `minValue` is outside (GX `strict_min`).
    public var strictMin: Bool
    /// Whether a value equal to `maxValue` is outside (GX `strict_max`).
    public var strictMax: Bool

    /// Makes bounds; both inclusive by default.
    public init(minValue: Double? = nil, maxValue: Double? = nil, strictMin: Bool = false, strictMax: Bool = false) {
        self.minValue = minValue
        self.maxValue = maxValue
        self.strictMin = strictMin
        self.strictMax = strictMax
    }

    /// Whether `value` lies within the bounds. An absent bound admits everything on its side.
    public func contains(_ value: Double) -> Bool {
        if let minValue, strictMin ? !(value > minValue) : !(value >= minValue) { return false }
        if let maxValue, strictMax ? !(value < maxValue) : !(value <= maxValue) { return false }
        return true
    }
}

/// A statistic of a numeric column that `expect_column_<statistic>_to_be_between` bounds.
public enum ColumnStatistic: String, Sendable, CaseIterable {
    /// The arithmetic mean of the non-missing values.
    case mean
    /// pandas' median: the middle value, or the mean of the two middle values.
    case median
    /// The smallest non-missing value.
    case min
    /// The largest non-missing value.
    case max
    /// The sample standard deviation (ddof = 1), as pandas' `std()`.
    case stdev

    /// The GX expectation type, `expect_column_mean_to_be_between` and so on.
    public var expectationType: String { "expect_column_\(rawValue)_to_be_between" }
}

/// One expectation of a ``QualitySuite``, named and parameterised as in Great Expectations 1.x.
///
/// Row-level checks (`columnValues…`) count unexpected values among the non-missing ones and pass when
/// `(non-missing − unexpected) / non-missing ≥ mostly`; `columnValuesNotNull` counts missing values over all
/// rows instead. A check on a column the table lacks fails with `exception_info` set.
public enum QualityCheck: Sendable, Equatable {
    /// `expect_column_to_exist`; with `columnIndex`, the column must sit at that (Python-style) position.
    case columnToExist(column: String, columnIndex: Int? = nil)
    /// `expect_column_values_to_be_of_type` with GX's `type_` (see ``QualityTypeName``).
    case columnValuesOfType(column: String, type: QualityTypeName, mostly: Double = 1)
    /// `expect_column_values_to_not_be_null`.
    case columnValuesNotNull(column: String, mostly: Double = 1)
    /// `expect_column_values_to_be_between`: every non-missing value within `bounds`.
    case columnValuesBetween(column: String, bounds: QualityBounds, mostly: Double = 1)
    /// `expect_column_values_to_be_in_set`: numbers compare as numbers (`1 == 1.0 == true`), text as text.
    case columnValuesInSet(column: String, valueSet: [QualityValue], mostly: Double = 1)
    /// `expect_column_values_to_be_unique`: every occurrence of a repeated value is unexpected.
    case columnValuesUnique(column: String, mostly: Double = 1)
    /// `expect_column_values_to_match_regex`: a match anywhere in the value's text (`re.search`).
    case columnValuesMatchRegex(column: String, regex: String, mostly: Double = 1)
    /// `expect_column_{mean,median,min,max,stdev}_to_be_between`.
    case columnStatisticBetween(column: String, statistic: ColumnStatistic, bounds: QualityBounds)
    /// `expect_table_row_count_to_be_between`.
    case tableRowCountBetween(bounds: QualityBounds)
    /// `expect_table_columns_to_match_set`; without `exactMatch`, extra columns are allowed.
    case tableColumnsMatchSet(columnSet: [String], exactMatch: Bool = true)

    /// The GX expectation type name, as written in suite files and results.
    public var expectationType: String {
        switch self {
        case .columnToExist: "expect_column_to_exist"
        case .columnValuesOfType: "expect_column_values_to_be_of_type"
        case .columnValuesNotNull: "expect_column_values_to_not_be_null"
        case .columnValuesBetween: "expect_column_values_to_be_between"
        case .columnValuesInSet: "expect_column_values_to_be_in_set"
        case .columnValuesUnique: "expect_column_values_to_be_unique"
        case .columnValuesMatchRegex: "expect_column_values_to_match_regex"
        case .columnStatisticBetween(_, let statistic, _): statistic.expectationType
        case .tableRowCountBetween: "expect_table_row_count_to_be_between"
        case .tableColumnsMatchSet: "expect_table_columns_to_match_set"
        }
    }

    /// The column the check is about; nil for table-level checks.
    public var column: String? {
        switch self {
        case .columnToExist(let column, _), .columnValuesOfType(let column, _, _), .columnValuesNotNull(let column, _),
            .columnValuesBetween(let column, _, _), .columnValuesInSet(let column, _, _), .columnValuesUnique(let column, _),
            .columnValuesMatchRegex(let column, _, _), .columnStatisticBetween(let column, _, _):
            column
        case .tableRowCountBetween, .tableColumnsMatchSet:
            nil
        }
    }

    /// The `mostly` of a row-level check; nil for the others.
    public var mostly: Double? {
        switch self {
        case .columnValuesOfType(_, _, let mostly), .columnValuesNotNull(_, let mostly), .columnValuesBetween(_, _, let mostly),
            .columnValuesInSet(_, _, let mostly), .columnValuesUnique(_, let mostly), .columnValuesMatchRegex(_, _, let mostly):
            mostly
        case .columnToExist, .columnStatisticBetween, .tableRowCountBetween, .tableColumnsMatchSet:
            nil
        }
    }

    /// The check's parameters as GX reports them in `expectation_config.kwargs`: values left at their
    /// defaults (`mostly: 1`, `strict_min: false`, `exact_match: true`) are omitted, as GX omits them.
    public var kwargs: ExpectationKwargs {
        var kwargs = ExpectationKwargs(column: column)
        if let mostly, mostly != 1 { kwargs.mostly = mostly }
        switch self {
        case .columnToExist(_, let columnIndex):
            kwargs.columnIndex = columnIndex
        case .columnValuesOfType(_, let type, _):
            kwargs.type = type.name
        case .columnValuesNotNull, .columnValuesUnique:
            break
        case .columnValuesBetween(_, let bounds, _), .columnStatisticBetween(_, _, let bounds):
            kwargs.setBounds(bounds, wholeNumbers: false)
        case .tableRowCountBetween(let bounds):
            kwargs.setBounds(bounds, wholeNumbers: true)
        case .columnValuesInSet(_, let valueSet, _):
            kwargs.valueSet = valueSet
        case .columnValuesMatchRegex(_, let regex, _):
            kwargs.regex = regex
        case .tableColumnsMatchSet(let columnSet, let exactMatch):
            kwargs.columnSet = columnSet
            if !exactMatch { kwargs.exactMatch = false }
        }
        return kwargs
    }
}

/// An expectation's parameters under GX's snake_case names; absent ones are left out of the JSON.
public struct ExpectationKwargs: Sendable, Equatable, Codable {
    /// `column`.
    public var column: String?
    /// `column_index` (`expect_column_to_exist`).
    public var columnIndex: Int?
    /// `type_` (`expect_column_values_to_be_of_type`).
    public var type: String?
    /// `min_value`: a double for column checks, an integer for the row count, as GX types them.
    public var minValue: QualityValue?
    /// `max_value`.
    public var maxValue: QualityValue?
    /// `strict_min`, when true.
    public var strictMin: Bool?
    /// `strict_max`, when true.
    public var strictMax: Bool?
    /// `value_set`.
    public var valueSet: [QualityValue]?
    /// `regex`.
    public var regex: String?
    /// `column_set`.
    public var columnSet: [String]?
    /// `exact_match`, when false.
    public var exactMatch: Bool?
    /// `mostly`, when below 1.
    public var mostly: Double?

    /// Makes kwargs naming a column (or none).
    public init(column: String? = nil) {
        self.column = column
    }

    mutating func setBounds(_ bounds: QualityBounds, wholeNumbers: Bool) {
        func value(_ bound: Double?) -> QualityValue? {
            guard let bound else { return nil }
            return wholeNumbers ? .int(Int(bound)) : .double(bound)
        }
        minValue = value(bounds.minValue)
        maxValue = value(bounds.maxValue)
        strictMin = bounds.strictMin ? true : nil
        strictMax = bounds.strictMax ? true : nil
    }

    enum CodingKeys: String, CodingKey {
        case column
        case columnIndex = "column_index"
        case type = "type_"
        case minValue = "min_value"
        case maxValue = "max_value"
        case strictMin = "strict_min"
        case strictMax = "strict_max"
        case valueSet = "value_set"
        case regex
        case columnSet = "column_set"
        case exactMatch = "exact_match"
        case mostly
    }
}
