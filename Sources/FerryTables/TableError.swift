/// A table could not be read: what was wrong and where (file, line, column).
public struct TableError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (or object URI) being read.
    public let source: String
    /// The 1-based line, when the problem is on one line.
    public let line: Int?
    /// The column's name, when the problem is in one column.
    public let column: String?
    /// What was wrong, and what to do about it.
    public let message: String

    /// Makes an error.
    public init(source: String, line: Int? = nil, column: String? = nil, message: String) {
        self.source = source
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line: column 'name': message`.
    public var description: String {
        var text = source
        if let line { text += ":\(line)" }
        text += ": "
        if let column { text += "column '\(column)': " }
        return text + message
    }
}
