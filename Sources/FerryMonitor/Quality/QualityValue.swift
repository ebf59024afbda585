/// A JSON value as Great Expectations writes it in a result: a cell value, a bound, an observed statistic.
///
/// Integers and doubles are kept apart because GX keeps them apart (`observed_value: 5` for the minimum of an
/// integer column, `5.0` for its mean). Ordering follows Python's, which GX uses to break ties in
/// `partial_unexpected_counts`: numbers (booleans count as 0 and 1) by value, strings by code point.
public enum QualityValue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// JSON `null`: a missing cell, or a statistic that could not be computed.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A whole number.
    case int(Int)
    /// A floating-point number; may be infinite in results, never NaN (NaN is `.null`).
    case double(Double)
    /// Text.
    case string(String)
    /// A list (an observed column list, a value set).
    case array([QualityValue])

    /// The value as a number when Python would compare it as one (`True == 1`), else nil.
    public var numericValue: Double? {
        switch self {
        case .bool(let flag): flag ? 1 : 0
        case .int(let whole): Double(whole)
        case .double(let number): number
        case .null, .string, .array: nil
        }
    }

    /// A compact rendering for terminals: strings quoted, numbers as Python prints them.
    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let whole): String(whole)
        case .double(let number): PythonNumberText.float(number)
        case .string(let text): "\"\(text)\""
        case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }

    /// Whether `self` sorts before `other` as Python's `<` would order them (numbers before text; a
    /// `null` before everything). Used only among values of one column, which share a kind.
    func precedesInPythonOrder(_ other: QualityValue) -> Bool {
        if let left = numericValue, let right = other.numericValue { return left < right }
        switch (self, other) {
        case (.string(let left), .string(let right)):
            return left.utf8.lexicographicallyPrecedes(right.utf8)
        case (.null, .null): return false
        case (.null, _): return true
        case (_, .null): return false
        default: return rank < other.rank
        }
    }

    private var rank: Int {
        switch self {
        case .null: 0
        case .bool, .int, .double: 1
        case .string: 2
        case .array: 3
        }
    }

    /// Reads any JSON scalar or array; whole numbers become `.int`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let whole = try? container.decode(Int.self) {
            self = .int(whole)
        } else if let number = try? container.decode(Double.self) {
            self = .double(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else {
            self = .array(try container.decode([QualityValue].self))
        }
    }

    /// Writes the plain JSON value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .int(let whole): try container.encode(whole)
        case .double(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let items): try container.encode(items)
        }
    }
}

/// Numbers rendered the way Python's `str()` renders them, which is what GX's regex check matches against
/// (`column.astype(str)`): `3` for an int64 cell, `2.0` / `1e+16` / `1e-05` for a float64 cell.
enum PythonNumberText {
    /// Python's `repr(float)`. Swift's shortest round-trip text spells every finite double the same way
    /// (`2.0`, `1e+16`, `1.5e-05`, `9007199254740992.0`), and `inf` / `-inf` / `nan` likewise.
    static func float(_ value: Double) -> String {
        value.description
    }

    /// Python's `str(int)` for an int64 cell stored as a double.
    static func integer(_ value: Double) -> String {
        value.magnitude < 9.2e18 ? String(Int64(value)) : value.description
    }
}
