import FerryCore
import SQLKit

/// Rows for a bulk `INSERT ... SELECT`, shipped to the database in the cheapest form it reads.
///
/// Built for the ingest path. ``source(dialect:)`` sends all rows as **one JSON parameter** that the
/// database unpacks in C (`json_each` on SQLite, `json_array_elements` on PostgreSQL): the statement
/// stays a few hundred bytes, so preparing it costs nothing, and no value goes through a per-bind
/// encoder. Doubles are written in Swift's shortest round-trip form, which both engines parse back
/// exactly. JSON has no infinities, so rows holding one fall back to a `VALUES` list in which
/// strings and infinities are bound and other numbers are literals.
struct SQLValueRows: SQLExpression {
    /// One value of a row.
    enum Cell {
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

    /// A row source for `INSERT INTO t (columns) <source>`: `SELECT ... FROM <JSON rows>` when every
    /// double is finite, else `VALUES ...`. A following `ON CONFLICT` clause is safe after either.
    func source(dialect: String) -> SQLQueryString {
        let finite = cells.allSatisfy { cell in
            if case .double(let value) = cell { return value.isFinite }
            return true
        }
        guard finite, columnTypes.count == columns else { return "VALUES \(self)" }
        let json = jsonText()
        if dialect == "postgresql" {
            let columnList = columnTypes.enumerated().map { "(row ->> \($0.offset))::\($0.element)" }.joined(separator: ", ")
            return "SELECT \(unsafeRaw: columnList) FROM json_array_elements(\(bind: json)::json) AS row"
        }
        let columnList = (0..<columns).map { "value ->> \($0)" }.joined(separator: ", ")
        // "WHERE true" keeps SQLite from reading a following ON CONFLICT as a join constraint.
        return "SELECT \(unsafeRaw: columnList) FROM json_each(\(bind: json)) WHERE true"
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

    func serialize(to serializer: inout SQLSerializer) {
        for (index, cell) in cells.enumerated() {
            let column = index % columns
            if column == 0 { serializer.write(index == 0 ? "(" : ", (") } else { serializer.write(", ") }
            switch cell {
            case .text(let text): serializer.write(bind: text)
            case .optionalText(let text?): serializer.write(bind: text)
            case .optionalText(nil): serializer.write("NULL")
            case .int(let value): serializer.write(String(value))
            case .double(let value):
                if value.isFinite { serializer.write("\(value)") } else { serializer.write(bind: value) }
            }
            if column == columns - 1 { serializer.write(")") }
        }
    }
}
