/// GX's `result` object of one check, in the SUMMARY result format.
public enum ExpectationOutcome: Sendable, Equatable, Codable {
    /// `{}`: `expect_column_to_exist`, and checks that raised.
    case empty
    /// A row-level check's counts and partial lists.
    case rows(RowCheckSummary)
    /// An aggregate or table check: `{observed_value}`, plus `details.mismatched` for a column-set check
    /// that found differences.
    case observed(QualityValue, mismatch: ColumnSetMismatch? = nil)

    /// The row summary, when this is a row-level result.
    public var rows: RowCheckSummary? {
        if case .rows(let summary) = self { summary } else { nil }
    }

    /// The observed value, when this is an aggregate or table result.
    public var observedValue: QualityValue? {
        if case .observed(let value, _) = self { value } else { nil }
    }

    private enum Key: String, CodingKey {
        case elementCount = "element_count"
        case unexpectedCount = "unexpected_count"
        case unexpectedPercent = "unexpected_percent"
        case partialUnexpectedList = "partial_unexpected_list"
        case missingCount = "missing_count"
        case missingPercent = "missing_percent"
        case unexpectedPercentTotal = "unexpected_percent_total"
        case unexpectedPercentNonmissing = "unexpected_percent_nonmissing"
        case partialUnexpectedCounts = "partial_unexpected_counts"
        case partialUnexpectedIndexList = "partial_unexpected_index_list"
        case observedValue = "observed_value"
        case details
    }

    private enum DetailsKey: String, CodingKey {
        case mismatched
    }

    /// Reads GX's `result` object: row-level when it has `element_count`, aggregate when it has
    /// `observed_value`, else empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if container.contains(.elementCount) {
            var missing: MissingSummary?
            if container.contains(.missingCount) {
                missing = MissingSummary(
                    missingCount: try container.decode(Int.self, forKey: .missingCount),
                    missingPercent: try container.decodeIfPresent(Double.self, forKey: .missingPercent),
                    unexpectedPercentTotal: try container.decodeIfPresent(Double.self, forKey: .unexpectedPercentTotal),
                    unexpectedPercentNonmissing: try container.decodeIfPresent(Double.self, forKey: .unexpectedPercentNonmissing))
            }
            self = .rows(
                RowCheckSummary(
                    elementCount: try container.decode(Int.self, forKey: .elementCount),
                    unexpectedCount: try container.decode(Int.self, forKey: .unexpectedCount),
                    unexpectedPercent: try container.decodeIfPresent(Double.self, forKey: .unexpectedPercent),
                    partialUnexpectedList: try container.decode([QualityValue].self, forKey: .partialUnexpectedList),
                    missing: missing,
                    partialUnexpectedCounts: try container.decode([UnexpectedValueCount].self, forKey: .partialUnexpectedCounts),
                    partialUnexpectedIndexList: try container.decode([Int].self, forKey: .partialUnexpectedIndexList)))
        } else if container.contains(.observedValue) {
            var mismatch: ColumnSetMismatch?
            if container.contains(.details) {
                let details = try container.nestedContainer(keyedBy: DetailsKey.self, forKey: .details)
                mismatch = try details.decode(ColumnSetMismatch.self, forKey: .mismatched)
            }
            self = .observed(try container.decode(QualityValue.self, forKey: .observedValue), mismatch: mismatch)
        } else {
            self = .empty
        }
    }

    /// Writes GX's keys, with explicit nulls where GX writes them (`unexpected_percent` of an all-missing
    /// column, the `observed_value` of a statistic that could not be computed).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .empty:
            break
        case .observed(let value, let mismatch):
            try container.encode(value, forKey: .observedValue)
            if let mismatch {
                var details = container.nestedContainer(keyedBy: DetailsKey.self, forKey: .details)
                try details.encode(mismatch, forKey: .mismatched)
            }
        case .rows(let summary):
            try container.encode(summary.elementCount, forKey: .elementCount)
            try container.encode(summary.unexpectedCount, forKey: .unexpectedCount)
            try container.encode(summary.unexpectedPercent, forKey: .unexpectedPercent)
            try container.encode(summary.partialUnexpectedList, forKey: .partialUnexpectedList)
            if let missing = summary.missing {
                try container.encode(missing.missingCount, forKey: .missingCount)
                try container.encode(missing.missingPercent, forKey: .missingPercent)
                try container.encode(missing.unexpectedPercentTotal, forKey: .unexpectedPercentTotal)
                try container.encode(missing.unexpectedPercentNonmissing, forKey: .unexpectedPercentNonmissing)
            }
            try container.encode(summary.partialUnexpectedCounts, forKey: .partialUnexpectedCounts)
            try container.encode(summary.partialUnexpectedIndexList, forKey: .partialUnexpectedIndexList)
        }
    }
}

/// A row-level check's SUMMARY result.
public struct RowCheckSummary: Sendable, Equatable {
    /// All rows (`element_count`).
    public var elementCount: Int
    /// Rows whose value was unexpected.
    public var unexpectedCount: Int
    /// Unexpected ÷ non-missing × 100; for `not_null`, unexpected ÷ all rows × 100. Nil when undefined.
    public var unexpectedPercent: Double?
    /// The first 20 unexpected values, in row order (`null` for a missing value).
    public var partialUnexpectedList: [QualityValue]
    /// The missing-value block; absent for `expect_column_values_to_not_be_null`, as in GX.
    public var missing: MissingSummary?
    /// Counts of the values in `partialUnexpectedList`, most frequent first, ties by value.
    public var partialUnexpectedCounts: [UnexpectedValueCount]
    /// The 0-based rows of `partialUnexpectedList`.
    public var partialUnexpectedIndexList: [Int]

    /// Makes a summary.
    public init(
        elementCount: Int, unexpectedCount: Int, unexpectedPercent: Double?, partialUnexpectedList: [QualityValue],
        missing: MissingSummary?, partialUnexpectedCounts: [UnexpectedValueCount], partialUnexpectedIndexList: [Int]
    ) {
        self.elementCount = elementCount
        self.unexpectedCount = unexpectedCount
        self.unexpectedPercent = unexpectedPercent
        self.partialUnexpectedList = partialUnexpectedList
        self.missing = missing
        self.partialUnexpectedCounts = partialUnexpectedCounts
        self.partialUnexpectedIndexList = partialUnexpectedIndexList
    }
}

/// GX's `missing_count`, `missing_percent`, `unexpected_percent_total` and `unexpected_percent_nonmissing`.
public struct MissingSummary: Sendable, Equatable {
    /// Rows with no value.
    public var missingCount: Int
    /// Missing ÷ all rows × 100; nil for an empty table.
    public var missingPercent: Double?
    /// Unexpected ÷ all rows × 100; nil for an empty table.
    public var unexpectedPercentTotal: Double?
    /// Unexpected ÷ non-missing rows × 100; nil when every row is missing.
    public var unexpectedPercentNonmissing: Double?

    /// Makes the block.
    public init(missingCount: Int, missingPercent: Double?, unexpectedPercentTotal: Double?, unexpectedPercentNonmissing: Double?) {
        self.missingCount = missingCount
        self.missingPercent = missingPercent
        self.unexpectedPercentTotal = unexpectedPercentTotal
        self.unexpectedPercentNonmissing = unexpectedPercentNonmissing
    }
}

/// One entry of `partial_unexpected_counts`.
public struct UnexpectedValueCount: Sendable, Equatable, Codable {
    /// The value.
    public let value: QualityValue
    /// How often it occurs among the partial unexpected values.
    public let count: Int

    /// Makes an entry.
    public init(value: QualityValue, count: Int) {
        self.value = value
        self.count = count
    }
}

/// `details.mismatched` of `expect_table_columns_to_match_set`: sorted names on either side.
public struct ColumnSetMismatch: Sendable, Equatable, Codable {
    /// Columns the table has that the set lacks; nil when none.
    public let unexpected: [String]?
    /// Columns the set names that the table lacks; nil when none.
    public let missing: [String]?

    /// Makes the details.
    public init(unexpected: [String]?, missing: [String]?) {
        self.unexpected = unexpected
        self.missing = missing
    }
}
