/// A parsed JSON document as inference requests carry it.
///
/// Numbers are read straight into `Double` (correctly rounded), and integer literals also keep their
/// exact `Int64`, so a tensor of 20,000 numbers costs no allocation per element.
enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number with a fraction or exponent, or an integer too large for `Int64`.
    case number(Double)
    /// An integer literal that fits `Int64`.
    case integer(Int64)
    case string(String)
    case array([JSON])
    /// Members in document order.
    case object([(key: String, value: JSON)])

    static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// The value of member `key` of an object (the last one, if repeated); nil otherwise.
    subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// A short name of the value's JSON type, for error messages.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number, .integer: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value as a `Double` when it is a number.
    var doubleValue: Double? {
        switch self {
        case .number(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }
}
