/// A quality suite could not be read or is invalid: where (file, line, check) and what to do about it.
public struct QualitySuiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The suite file, or `<suite>` for a suite given as text.
    public let source: String
    /// The 1-based line of the offending YAML node, when known.
    public let line: Int?
    /// The 0-based position of the offending check in `checks`, when the problem is in one check.
    public let checkIndex: Int?
    /// That check's type, when known.
    public let checkType: String?
    /// The offending key, when the problem is one key.
    public let key: String?
    /// What was wrong, and what to do about it.
    public let message: String

    /// Makes an error.
    public init(source: String, line: Int? = nil, checkIndex: Int? = nil, checkType: String? = nil, key: String? = nil, message: String) {
        self.source = source
        self.line = line
        self.checkIndex = checkIndex
        self.checkType = checkType
        self.key = key
        self.message = message
    }

    /// `file:line: checks[2] (expect_…): message`.
    public var description: String {
        var text = source
        if let line { text += ":\(line)" }
        text += ": "
        if let checkIndex {
            text += "checks[\(checkIndex)]"
            if let checkType { text += " (\(checkType))" }
            text += ": "
        }
        return text + message
    }
}
