/// A plain-text table: a header row and rows, each column as wide as its widest cell, two spaces apart.
///
/// No line ends in spaces: the last column is not padded.
public struct TextTable {
    /// The column titles, in capitals by convention.
    public var headers: [String]
    /// The rows; a short row is padded with empty cells.
    public var rows: [[String]]
    /// Text put before every line.
    public var indent = ""

    /// A table with these column titles and rows.
    public init(headers: [String], rows: [[String]], indent: String = "") {
        self.headers = headers
        self.rows = rows
        self.indent = indent
    }

    /// The table, lines joined with `\n`, with no final newline.
    public func render() -> String {
        let all = [headers] + rows
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in all.map { $0.count > column ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            let cells = (0..<columns).map { column in
                let cell = column < row.count ? row[column] : ""
                return column == columns - 1 ? cell : cell.padding(toLength: widths[column])
            }
            return indent + String(cells.joined(separator: "  ").trimmingTrailingSpaces())
        }.joined(separator: "\n")
    }
}

/// Labelled values, one per line, the values lined up: `Stage    Production`.
///
/// A value with several lines continues under the first one.
struct FieldList {
    /// The labels and their values, in order; a nil or empty value leaves its line out.
    var fields: [(label: String, value: String?)]
    /// Text put before every line.
    public var indent = ""

    /// The list, lines joined with `\n`, with no final newline.
    func render() -> String {
        let present = fields.compactMap { field in field.value.flatMap { $0.isEmpty ? nil : (field.label, $0) } }
        let width = present.map(\.0.count).max() ?? 0
        let continuation = indent + String(repeating: " ", count: width + 2)
        return present.map { label, value in
            let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
            let first = indent + label.padding(toLength: width) + "  " + (lines.first.map(String.init) ?? "")
            let rest = lines.dropFirst().map { continuation + $0 }
            return ([first] + rest).map { String($0.trimmingTrailingSpaces()) }.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

extension String {
    /// The text padded with spaces to `width` characters; longer text is left as it is.
    func padding(toLength width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// The text without its trailing spaces.
    func trimmingTrailingSpaces() -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return self[..<end]
    }
}
