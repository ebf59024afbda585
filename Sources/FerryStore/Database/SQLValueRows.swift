import SQLKit

/// The rows of a multi-row `VALUES` list, written straight into the statement.
///
/// Built for bulk inserts on the ingest path: strings are bound, integers are written as digits
/// and finite doubles in Swift's shortest round-trip form (exact), so a 1000-row insert binds only
/// its strings and builds no intermediate expression per value. Non-finite doubles are bound.
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
