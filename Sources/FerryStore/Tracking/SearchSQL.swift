import FerryCore
import SQLKit

/// Turns parsed search clauses into SQL conditions, the same text for SQLite and PostgreSQL.
enum SearchSQL {
    /// A condition comparing a text column: `=`, `!=`, LIKE (case-sensitive), ILIKE, IN, NOT IN, IS [NOT] NULL.
    static func textCondition(_ column: String, _ op: ComparisonOperator, _ value: SearchValue) throws -> SQLQueryString {
        switch (op, value) {
        case (.equal, .string(let text)): return "\(unsafeRaw: column) = \(bind: text)"
        case (.notEqual, .string(let text)): return "\(unsafeRaw: column) <> \(bind: text)"
        case (.like, .string(let text)): return "\(unsafeRaw: column) LIKE \(bind: text)"
        case (.ilike, .string(let text)): return "LOWER(\(unsafeRaw: column)) LIKE LOWER(\(bind: text))"
        case (.in, .list(let items)): return items.isEmpty ? "1 = 0" : "\(unsafeRaw: column) IN (\(binds: items))"
        case (.notIn, .list(let items)): return items.isEmpty ? "1 = 1" : "\(unsafeRaw: column) NOT IN (\(binds: items))"
        case (.isNull, _): return "\(unsafeRaw: column) IS NULL"
        case (.isNotNull, _): return "\(unsafeRaw: column) IS NOT NULL"
        default:
            throw FerryError.invalidParameter("Invalid comparator '\(op.rawValue)' for a string value")
        }
    }

    /// A condition comparing a numeric column with a number.
    static func numberCondition(_ column: String, _ op: ComparisonOperator, _ value: SearchValue, integer: Bool) throws -> SQLQueryString {
        let number: Double
        switch value {
        case .number(let n): number = n
        case .string(let text):
            guard let n = Double(text) else { throw FerryError.invalidParameter("Expected a numeric value, got '\(text)'") }
            number = n
        case .list(let items):
            let numbers = try items.map { item -> Int64 in
                guard let n = Int64(item) else { throw FerryError.invalidParameter("Expected an integer value, got '\(item)'") }
                return n
            }
            switch op {
            case .in: return numbers.isEmpty ? "1 = 0" : "\(unsafeRaw: column) IN (\(binds: numbers))"
            case .notIn: return numbers.isEmpty ? "1 = 1" : "\(unsafeRaw: column) NOT IN (\(binds: numbers))"
            default: throw FerryError.invalidParameter("Invalid comparator '\(op.rawValue)' for a list value")
            }
        case .none:
            throw FerryError.invalidParameter("Missing value for comparator '\(op.rawValue)'")
        }
        let bound: any Encodable & Sendable = integer && number.rounded() == number && abs(number) < 9.2e18 ? Int64(number) : number
        let sqlOperator: String
        switch op {
        case .equal: sqlOperator = "="
        case .notEqual: sqlOperator = "<>"
        case .greater: sqlOperator = ">"
        case .greaterOrEqual: sqlOperator = ">="
        case .less: sqlOperator = "<"
        case .lessOrEqual: sqlOperator = "<="
        default: throw FerryError.invalidParameter("Invalid comparator '\(op.rawValue)' for a numeric value")
        }
        return "\(unsafeRaw: column) \(unsafeRaw: sqlOperator) \(bind: bound)"
    }

    /// `ORDER BY` terms that put rows with no value last whatever the direction.
    /// An ORDER BY term on a NOT NULL column: plain, so an index on the column can serve it.
    static func requiredColumnOrderTerm(_ column: String, ascending: Bool) -> SQLQueryString {
        "\(unsafeRaw: column) \(unsafeRaw: ascending ? "ASC" : "DESC")"
    }

    static func orderTerm(_ expression: SQLQueryString, ascending: Bool) -> SQLQueryString {
        "CASE WHEN (" + expression + ") IS NULL THEN 1 ELSE 0 END, (" + expression + ") \(unsafeRaw: ascending ? "ASC" : "DESC")"
    }

    /// `LIMIT n OFFSET m` fetching one extra row to learn whether another page exists.
    static func page(limit: Int, offset: Int) -> SQLQueryString {
        "LIMIT \(literal: limit + 1) OFFSET \(literal: offset)"
    }
}
