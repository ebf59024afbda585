import FerryCore
import Foundation
import SQLKit

/// Rows for a bulk `INSERT ... SELECT`, shipped to the database in the cheapest form it reads.
///
/// Built for the ingest path; ``source(dialect:)`` picks the form each engine reads fastest (measured
/// with perf on 1000-row batches):
/// - SQLite: a `VALUES` list of literals. SQLite's JSON functions re-parse each row per column,
///   which cost more than parsing the longer statement, and binds cost an encoder call each.
/// - PostgreSQL: **one JSON parameter** unpacked by `json_array_elements`, so the statement stays
///   short and no value goes through a per-bind encoder.
/// Doubles are written in Swift's shortest round-trip form, which both engines parse back exactly.
/// JSON has no infinities, so rows holding one use the `VALUES` form there too, with infinities bound.
struct SQLValueRows: SQLExpression, Sendable {
    /// One value of a row.
    enum Cell: Sendable {
        case text(String)
        case optionalText(String?)
        case int(Int64)
        case double(Double)
    }

    /// How many cells make one row.
    let columns: Int
    /// The cells of every row, row after row.
    private(set) var cells: [Cell] = []

    init(columns: Int, reservingRows rows: Int) {
        self.columns = columns
        cells.reserveCapacity(columns * rows)
    }

    /// Appends one row; it must have `columns` cells.
    mutating func append(_ row: Cell...) {
        precondition(row.count == columns, "a row of \(row.count) cells for \(columns) columns")
        cells.append(contentsOf: row)
    }

    var isEmpty: Bool { cells.isEmpty }

    /// The SQL type of each column, for the JSON form on PostgreSQL.
    var columnTypes: [String] = []

    /// The `VALUES` text, when built ahead by ``prepareLiteral()``.
    private var literal: String?

    /// Builds the `VALUES` text now, when every value can be a literal (no infinities, no NUL), so
    /// that the work is done before a write lock is taken rather than while it is held.
    mutating func prepareLiteral() {
        var needsBinds = false
        let text = render { _ in needsBinds = true }
        if !needsBinds { literal = text }
    }

    /// A row source for `INSERT INTO t (columns) <source>`; a following `ON CONFLICT` clause is safe.
    func source(dialect: String) -> SQLQueryString {
        let finite = cells.allSatisfy { cell in
            if case .double(let value) = cell { return value.isFinite }
            return true
        }
        guard dialect == "postgresql", finite, columnTypes.count == columns else { return "VALUES \(self)" }
        let columnList = columnTypes.enumerated().map { "(row ->> \($0.offset))::\($0.element)" }.joined(separator: ", ")
        return "SELECT \(unsafeRaw: columnList) FROM json_array_elements(\(bind: jsonText())::json) AS row"
    }

    /// The rows as a JSON array of arrays.
    private func jsonText() -> String {
        var out = "["
        out.reserveCapacity(cells.count * 16)
        for (index, cell) in cells.enumerated() {
            let column = index % columns
            if column == 0 { out += index == 0 ? "[" : ",[" } else { out += "," }
            switch cell {
            case .text(let text), .optionalText(let text?): out += JSONString.quoted(text)
            case .optionalText(nil): out += "null"
            case .int(let value): out += String(value)
            case .double(let value): out += "\(value)"
            }
            if column == columns - 1 { out += "]" }
        }
        return out + "]"
    }

    /// Writes the rows as a `VALUES` list. Numbers are literals; strings are SQL string literals
    /// (quotes doubled, which is the whole escaping rule of standard SQL strings) unless they hold a
    /// NUL, which cannot appear in statement text and is bound instead. Writing them into the text
    /// spares SQLite one bind (and its encoder) per value.
    func serialize(to serializer: inout SQLSerializer) {
        if let literal {
            serializer.write(literal)
            return
        }
        var pieces: [String] = []
        var binds: [any Encodable & Sendable] = []
        let last = render { binds.append($0) } splitting: { pieces.append($0) }
        for (piece, bind) in zip(pieces, binds) {
            serializer.write(piece)
            serializer.write(bind: bind)
        }
        serializer.write(last)
    }

    /// The `VALUES` text. A value that cannot be a literal is handed to `bind`; the text before it is
    /// handed to `splitting` and the rendering continues after the placeholder's position.
    private func render(
        bind: (any Encodable & Sendable) -> Void, splitting: (String) -> Void = { _ in }
    ) -> String {
        var text = ""
        text.reserveCapacity(cells.count * 12)
        func bound(_ value: any Encodable & Sendable) {
            splitting(text)
            text = ""
            bind(value)
        }
        for (index, cell) in cells.enumerated() {
            let column = index % columns
            text += column == 0 ? (index == 0 ? "(" : ", (") : ", "
            switch cell {
            case .text(let value), .optionalText(let value?):
                if value.utf8.contains(0) { bound(value) } else { Self.appendLiteral(value, to: &text) }
            case .optionalText(nil): text += "NULL"
            case .int(let value): text += String(value)
            case .double(let value):
                if value.isFinite { text += value.description } else { bound(value) }
            }
            if column == columns - 1 { text += ")" }
        }
        return text
    }

    /// `value` as an SQL string literal.
    private static func appendLiteral(_ value: String, to text: inout String) {
        text += "'"
        if value.utf8.contains(UInt8(ascii: "'")) {
            text += value.replacingOccurrences(of: "'", with: "''")
        } else {
            text += value
        }
        text += "'"
    }
}
