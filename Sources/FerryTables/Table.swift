/// What a column holds, as a reader found it (or a schema declared it).
///
/// The kinds follow pandas' dtypes, so that drift typing matches Evidently's on the same file:
/// a column of integers with a missing value is `float` (pandas reads it as float64), and only a
/// column of integers with none missing is `integer`.
public enum ColumnKind: String, Sendable, Codable, CaseIterable {
    /// Floating-point numbers (or integers with missing values).
    case float
    /// Integers, none missing.
    case integer
    /// `true`/`false` values, stored as categories.
    case boolean
    /// Text, stored as categories (one code per distinct string).
    case string

    /// Whether values are stored as doubles (`NumericColumn`) rather than category codes.
    public var isNumeric: Bool { self == .float || self == .integer }
}

/// The values of one column: contiguous doubles, or category codes into a list of levels.
public enum ColumnValues: Sendable {
    /// One double per row; a missing value is NaN.
    case numeric([Double])
    /// One code per row into `levels`; a missing value is `-1`.
    case categorical(codes: [Int32], levels: [String])
}

/// One named, typed column of a ``Table``.
public struct Column: Sendable {
    /// The column's name, from the header.
    public let name: String
    /// What the column holds.
    public let kind: ColumnKind
    /// The values, one per row.
    public let values: ColumnValues

    /// Makes a column. Numeric kinds take `.numeric` values; boolean and string take `.categorical`.
    public init(name: String, kind: ColumnKind, values: ColumnValues) {
        self.name = name
        self.kind = kind
        self.values = values
    }

    /// The number of rows.
    public var count: Int {
        switch values {
        case .numeric(let doubles): doubles.count
        case .categorical(let codes, _): codes.count
        }
    }
}

/// A columnar table: named columns of equal length, in header order.
public struct Table: Sendable {
    /// The columns in header order.
    public let columns: [Column]
    /// The number of rows.
    public let rowCount: Int

    /// Makes a table. Every column must have `rowCount` values.
    public init(columns: [Column], rowCount: Int) {
        precondition(columns.allSatisfy { $0.count == rowCount }, "every column has rowCount values")
        self.columns = columns
        self.rowCount = rowCount
    }

    /// The column names in header order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The column with this name, if there is one.
    public func column(named name: String) -> Column? {
        columns.first { $0.name == name }
    }
}
