import SQLKit

extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func int64(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func optionalInt64(_ column: String) throws -> Int64? { try decode(column: column, as: Int64?.self) }
    func double(_ column: String) throws -> Double { try decode(column: column, as: Double.self) }
    func flag(_ column: String) throws -> Bool { try decode(column: column, as: Int.self) != 0 }
}

extension Array where Element == SQLQueryString {
    /// The expressions joined by `separator`.
    func joined(_ separator: String) -> SQLQueryString {
        var result: SQLQueryString = ""
        for (index, part) in enumerated() {
            if index > 0 { result += SQLQueryString(separator) }
            result += part
        }
        return result
    }
}

/// Splits `items` into chunks small enough for one statement's bind parameters.
func chunked<T>(_ items: [T], size: Int) -> [ArraySlice<T>] {
    stride(from: 0, to: items.count, by: size).map { items[$0..<Swift.min($0 + size, items.count)] }
}
