/// The check types a suite file may name (GX 1.x expectation types), their keys, and how each is built.
enum CheckKind: String, CaseIterable {
    case columnToExist = "expect_column_to_exist"
    case columnValuesOfType = "expect_column_values_to_be_of_type"
    case columnValuesNotNull = "expect_column_values_to_not_be_null"
    case columnValuesBetween = "expect_column_values_to_be_between"
    case columnValuesInSet = "expect_column_values_to_be_in_set"
    case columnValuesUnique = "expect_column_values_to_be_unique"
    case columnValuesMatchRegex = "expect_column_values_to_match_regex"
    case columnMeanBetween = "expect_column_mean_to_be_between"
    case columnMedianBetween = "expect_column_median_to_be_between"
    case columnMinBetween = "expect_column_min_to_be_between"
    case columnMaxBetween = "expect_column_max_to_be_between"
    case columnStdevBetween = "expect_column_stdev_to_be_between"
    case tableRowCountBetween = "expect_table_row_count_to_be_between"
    case tableColumnsMatchSet = "expect_table_columns_to_match_set"

    private static let boundKeys = ["min_value", "max_value", "strict_min", "strict_max"]

    /// The keys this type accepts, in the order error messages list them.
    var validKeys: [String] {
        switch self {
        case .columnToExist: ["column", "column_index"]
        case .columnValuesOfType: ["column", "type_", "mostly"]
        case .columnValuesNotNull, .columnValuesUnique: ["column", "mostly"]
        case .columnValuesBetween: ["column"] + Self.boundKeys + ["mostly"]
        case .columnValuesInSet: ["column", "value_set", "mostly"]
        case .columnValuesMatchRegex: ["column", "regex", "mostly"]
        case .columnMeanBetween, .columnMedianBetween, .columnMinBetween, .columnMaxBetween, .columnStdevBetween:
            ["column"] + Self.boundKeys
        case .tableRowCountBetween: Self.boundKeys
        case .tableColumnsMatchSet: ["column_set", "exact_match"]
        }
    }

    /// Other spellings accepted for a key: `type` for GX's `type_`.
    var keyAliases: [String: String] {
        self == .columnValuesOfType ? ["type": "type_"] : [:]
    }

    private var statistic: ColumnStatistic? {
        switch self {
        case .columnMeanBetween: .mean
        case .columnMedianBetween: .median
        case .columnMinBetween: .min
        case .columnMaxBetween: .max
        case .columnStdevBetween: .stdev
        default: nil
        }
    }

    /// Reads the parameters and builds the check (not yet validated).
    func build(from arguments: CheckArguments) throws(QualitySuiteError) -> QualityCheck {
        if let statistic {
            return .columnStatisticBetween(
                column: try arguments.requiredText("column"), statistic: statistic, bounds: try arguments.bounds(wholeNumbers: false))
        }
        switch self {
        case .columnToExist:
            return .columnToExist(column: try arguments.requiredText("column"), columnIndex: try arguments.optionalInteger("column_index"))
        case .columnValuesOfType:
            let name = try arguments.requiredText("type_")
            guard let type = QualityTypeName(name) else {
                throw arguments.error(
                    key: "type_",
                    "unknown type '\(name)'; valid types: \(QualityTypeName.supportedNames.joined(separator: ", "))")
            }
            return .columnValuesOfType(column: try arguments.requiredText("column"), type: type, mostly: try arguments.mostly())
        case .columnValuesNotNull:
            return .columnValuesNotNull(column: try arguments.requiredText("column"), mostly: try arguments.mostly())
        case .columnValuesBetween:
            return .columnValuesBetween(
                column: try arguments.requiredText("column"), bounds: try arguments.bounds(wholeNumbers: false),
                mostly: try arguments.mostly())
        case .columnValuesInSet:
            return .columnValuesInSet(
                column: try arguments.requiredText("column"), valueSet: try arguments.requiredScalars("value_set"),
                mostly: try arguments.mostly())
        case .columnValuesUnique:
            return .columnValuesUnique(column: try arguments.requiredText("column"), mostly: try arguments.mostly())
        case .columnValuesMatchRegex:
            return .columnValuesMatchRegex(
                column: try arguments.requiredText("column"), regex: try arguments.requiredText("regex"), mostly: try arguments.mostly())
        case .tableRowCountBetween:
            return .tableRowCountBetween(bounds: try arguments.bounds(wholeNumbers: true))
        case .tableColumnsMatchSet:
            return .tableColumnsMatchSet(
                columnSet: try arguments.requiredTextList("column_set"), exactMatch: try arguments.optionalFlag("exact_match") ?? true)
        case .columnMeanBetween, .columnMedianBetween, .columnMinBetween, .columnMaxBetween, .columnStdevBetween:
            preconditionFailure("statistic checks are built above")
        }
    }
}
