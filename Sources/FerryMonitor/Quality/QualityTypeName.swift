import FerryTables

/// The `type_` of `expect_column_values_to_be_of_type`: a pandas/numpy dtype name as Great Expectations
/// resolves it, or one of Ferry's own kind names.
///
/// A Ferry column is judged as pandas would hold it: `integer` → `int64`, `float` → `float64`, `boolean`
/// → `bool` (or `object` when a value is missing), `string` → `object` (of Python booleans when its only
/// levels are `True`/`False`, as `CSVReader` reads a boolean column with missing values).
///
/// - GX names (`int64`, `int`, `long`, `int_`, `i8`, `float64`, `float`, `double`, `f8`, `bool`, `bool_`,
///   `?`, `str`, `object`, `O`, `object_`) behave as in GX 1.24 on pandas: on an `int64`/`float64`/`bool`
///   column the check compares the dtype and reports `observed_value` (`"int64"`, `"float64"`, `"bool"`);
///   on an `object` column it checks each value's Python type (`str` for text, `bool` for booleans, and
///   `int`/`long` also accept booleans, since Python's `bool` is an `int`) and reports row counts. The
///   object names accept an `object` column as a whole (`observed_value: "object_"`).
/// - Ferry names (`integer`, `boolean`, `string`, `numeric` = integer or float) compare the column's
///   ``ColumnKind`` and report it as `observed_value`.
public struct QualityTypeName: Sendable, Hashable, CustomStringConvertible {
    /// The name as written in the suite.
    public let name: String
    let rule: Rule

    /// The type name `name`, or nil when it is not one of ``supportedNames``.
    public init?(_ name: String) {
        guard let rule = Self.rules[name] else { return nil }
        self.name = name
        self.rule = rule
    }

    /// Every accepted name, GX's first, then Ferry's.
    public static let supportedNames: [String] = [
        "int64", "int", "long", "int_", "i8", "float64", "float", "double", "f8", "bool", "bool_", "?", "str", "object", "O",
        "object_", "integer", "boolean", "string", "numeric",
    ]

    /// The name.
    public var description: String { name }

    /// Names are equal when spelled the same.
    public static func == (lhs: QualityTypeName, rhs: QualityTypeName) -> Bool { lhs.name == rhs.name }
    /// Hashes the name.
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }

    /// What a name accepts.
    enum Rule: Sendable {
        /// A Ferry kind name: the column's kind must be one of these.
        case ferryKinds(Set<ColumnKind>)
        /// A GX dtype name: the pandas dtype it matches (nil: none of a column's), and the Python types
        /// it accepts for the values of an `object` column.
        case dtype(PandasDtype?, cellTypes: Set<PythonCellType>)
        /// `object` / `O` / `object_`: an `object` column as a whole.
        case object
    }

    private static let rules: [String: Rule] = [
        "int64": .dtype(.int64, cellTypes: []), "int_": .dtype(.int64, cellTypes: []), "i8": .dtype(.int64, cellTypes: []),
        "int": .dtype(.int64, cellTypes: [.bool]), "long": .dtype(.int64, cellTypes: [.bool]),
        "float64": .dtype(.float64, cellTypes: []), "float": .dtype(.float64, cellTypes: []),
        "double": .dtype(.float64, cellTypes: []), "f8": .dtype(.float64, cellTypes: []),
        "bool": .dtype(.bool, cellTypes: [.bool]), "bool_": .dtype(.bool, cellTypes: []), "?": .dtype(.bool, cellTypes: []),
        "str": .dtype(nil, cellTypes: [.str]),
        "object": .object, "O": .object, "object_": .object,
        "integer": .ferryKinds([.integer]), "boolean": .ferryKinds([.boolean]), "string": .ferryKinds([.string]),
        "numeric": .ferryKinds([.integer, .float]),
    ]

    /// How the check comes out on a column of `kind` with `missingCount` missing values; `holdsBooleans`
    /// says whether an `object` column's values are Python booleans rather than text.
    func verdict(kind: ColumnKind, missingCount: Int, holdsBooleans: Bool) -> TypeVerdict {
        let dtype = PandasDtype.of(kind: kind, missingCount: missingCount)
        switch rule {
        case .ferryKinds(let kinds):
            return .whole(success: kinds.contains(kind), observed: kind.rawValue)
        case .object:
            return .whole(success: dtype == .object, observed: dtype.observedName)
        case .dtype(let expected, let cellTypes):
            guard dtype == .object else { return .whole(success: expected == dtype, observed: dtype.observedName) }
            let cellType: PythonCellType = holdsBooleans ? .bool : .str
            return .perValue(valuesMatch: cellTypes.contains(cellType))
        }
    }
}

/// The outcome of a type check on one column.
enum TypeVerdict: Equatable {
    /// Judged on the column's dtype: an aggregate result with this `observed_value`.
    case whole(success: Bool, observed: String)
    /// Judged value by value (an `object` column): every non-missing value matches, or none does.
    case perValue(valuesMatch: Bool)
}

/// The pandas dtype a Ferry column would have after `pd.read_csv`.
enum PandasDtype: String, Sendable {
    case int64, float64, bool, object

    static func of(kind: ColumnKind, missingCount: Int) -> PandasDtype {
        switch kind {
        case .integer: .int64
        case .float: .float64
        case .boolean: missingCount == 0 ? .bool : .object
        case .string: .object
        }
    }

    /// numpy's scalar type name, which GX reports (`np.object_.__name__` is `object_`).
    var observedName: String { self == .object ? "object_" : rawValue }
}

/// The Python type of a value in an `object` column.
enum PythonCellType: Sendable {
    case bool, str
}
