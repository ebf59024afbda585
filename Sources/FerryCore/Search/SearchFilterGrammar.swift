/// The syntax of a filter, before any per-target rule is applied.
///
/// A filter is a sequence of comparisons, optionally separated by `AND` (case-insensitive). Like MLflow, stray
/// `AND`s (leading, trailing or doubled) and a missing `AND` between two comparisons are accepted; `OR`, `NOT`,
/// parentheses around comparisons and anything else are syntax errors.
///
///     comparison := name op value | name [NOT] IN list | name IS [NOT] NULL
///     op         := = | != | <> | == | < | <= | > | >= | LIKE | ILIKE | NOT LIKE | NOT ILIKE
///     value      := number | 'text' | "text" | bare-word | list
///     list       := ( item {, item} [,] )

/// A comparison as written: its key is not yet resolved and its operator not yet checked.
struct RawComparison: Sendable, Equatable {
    /// The dotted name on the left.
    var name: [SearchNamePart]
    /// The operator, uppercased, with single spaces (`NOT IN`, `IS NOT NULL`); possibly one MLflow rejects (`<>`).
    var op: String
    var value: RawValue
    /// The value's source text, for messages (`'1'`, `(1, 2)`).
    var valueText: String
}

/// A comparison's right-hand side as written.
enum RawValue: Sendable, Equatable {
    case none
    case number(Double)
    /// A single- or double-quoted string.
    case string(String)
    /// A bare word or other unquoted name (`RUNNING`, `` `x` ``), which MLflow rejects as "not quoted".
    case unquoted(String)
    case list([RawListItem])
}

/// One element of a parenthesised list.
enum RawListItem: Sendable, Equatable {
    case string(String)
    /// A number, kept as written, which only appears in the error that rejects it.
    case number(String)
}

/// What went wrong in the grammar; ``SearchFilterParser`` turns each into its MLflow message.
enum FilterSyntaxIssue: Error, Sendable, Equatable {
    /// Tokens that do not form a comparison (`OR`, `(a > 1)`, `metrics.m`), as source text, one per token.
    case invalidClause([String])
    /// A comparison whose left side is a literal, such as `1 = metrics.m`.
    case expectedIdentifier(String)
    /// More than one `;`-separated statement.
    case multipleStatements
    /// A list that is not a parenthesised, comma-separated sequence of literals.
    case illFormedList
    /// An empty list `()`.
    case emptyList
}

/// Recursive-descent reader over the tokens of one filter.
struct SearchFilterGrammar {
    private let tokens: [SearchToken]
    private let lexer: SearchTokenizer
    private var index = 0

    /// Lexes `filter`; lexical errors become ``FilterSyntaxIssue/invalidClause(_:)``.
    init(_ filter: String) throws(FilterSyntaxIssue) {
        var lexer = SearchTokenizer(filter)
        do {
            tokens = try lexer.tokenize()
        } catch {
            throw .invalidClause([error.fragment])
        }
        self.lexer = lexer
    }

    /// Reads every comparison of the filter.
    mutating func comparisons() throws(FilterSyntaxIssue) -> [RawComparison] {
        if let semicolon = statementEnd() {
            // Text after the first `;` is a second statement; a lone trailing `;` is just a stray token.
            throw semicolon == tokens.count - 1 || tokens[semicolon + 1].kind == .semicolon
                ? .invalidClause([";"]) : .multipleStatements
        }
        var result: [RawComparison] = []
        while index < tokens.count {
            if tokens[index].keyword == "AND" {
                index += 1
                continue
            }
            result.append(try comparison())
        }
        return result
    }

    private mutating func comparison() throws(FilterSyntaxIssue) -> RawComparison {
        let start = index
        let first = tokens[index]
        guard case .name(let parts) = first.kind, parts[0].quote != "'", !["OR", "NOT"].contains(first.keyword) else {
            switch first.kind {
            case .number, .name:
                if first.keyword == nil { throw .expectedIdentifier(text(of: first)) }
                throw .invalidClause([text(of: first)])
            case .openParen:
                throw .invalidClause([lexer.text(first.range.lowerBound..<matchingParenEnd(from: index))])
            default:
                throw .invalidClause([text(of: first)])
            }
        }
        index += 1
        let op = try comparisonOperator(clauseStart: start)
        if op == "IS NULL" || op == "IS NOT NULL" {
            return RawComparison(name: parts, op: op, value: .none, valueText: "")
        }
        guard index < tokens.count else { throw .invalidClause(clauseText(from: start)) }
        let valueStart = tokens[index].range.lowerBound
        let value = try value(clauseStart: start, listRequired: op == "IN" || op == "NOT IN")
        let valueText = lexer.text(valueStart..<tokens[index - 1].range.upperBound)
        return RawComparison(name: parts, op: op, value: value, valueText: valueText)
    }

    /// Reads the operator after a name, joining keyword sequences (`NOT IN`, `IS NOT NULL`).
    private mutating func comparisonOperator(clauseStart: Int) throws(FilterSyntaxIssue) -> String {
        guard index < tokens.count else { throw .invalidClause(clauseText(from: clauseStart)) }
        if case .comparison(let spelled) = tokens[index].kind {
            index += 1
            return spelled
        }
        var words: [String] = []
        while index < tokens.count, let word = tokens[index].keyword, words.count < 3 {
            words.append(word)
            index += 1
            switch words {
            case ["LIKE"], ["ILIKE"], ["IN"], ["NOT", "IN"], ["NOT", "LIKE"], ["NOT", "ILIKE"], ["IS", "NULL"],
                ["IS", "NOT", "NULL"]:
                return words.joined(separator: " ")
            case ["NOT"], ["IS"], ["IS", "NOT"]:
                continue
            default:
                throw .invalidClause(clauseText(from: clauseStart))
            }
        }
        if index < tokens.count { index += 1 }
        throw .invalidClause(clauseText(from: clauseStart))
    }

    private mutating func value(clauseStart: Int, listRequired: Bool) throws(FilterSyntaxIssue) -> RawValue {
        let token = tokens[index]
        if listRequired && token.kind != .openParen {
            index += 1
            throw .invalidClause(clauseText(from: clauseStart))
        }
        index += 1
        switch token.kind {
        case .number(let number):
            return .number(number)
        case .name(let parts) where parts.count == 1 && (parts[0].quote == "'" || parts[0].quote == "\""):
            return .string(parts[0].text)
        case .name:
            return .unquoted(text(of: token))
        case .openParen:
            return try list()
        default:
            throw .invalidClause(clauseText(from: clauseStart))
        }
    }

    /// Reads a list after its `(`: literals separated by commas, with an optional trailing comma.
    private mutating func list() throws(FilterSyntaxIssue) -> RawValue {
        var items: [RawListItem] = []
        var expectsItem = true
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token.kind {
            case .closeParen:
                guard !items.isEmpty else { throw expectsItem ? .emptyList : .illFormedList }
                return .list(items)
            case .comma where !expectsItem:
                expectsItem = true
            case .number where expectsItem:
                items.append(.number(text(of: token)))
                expectsItem = false
            case .name(let parts) where expectsItem && parts.count == 1 && parts[0].quote.map({ "'\"".contains($0) }) == true:
                items.append(.string(parts[0].text))
                expectsItem = false
            default:
                throw .illFormedList
            }
        }
        throw .illFormedList
    }

    /// The first `;` outside parentheses (inside a list it is just a malformed item).
    private func statementEnd() -> Int? {
        var depth = 0
        for (position, token) in tokens.enumerated() {
            switch token.kind {
            case .openParen: depth += 1
            case .closeParen: depth = max(0, depth - 1)
            case .semicolon where depth == 0: return position
            default: break
            }
        }
        return nil
    }

    private func text(of token: SearchToken) -> String {
        lexer.text(token.range)
    }

    /// The source text of each token from a clause's first through the last one read (at least one).
    private func clauseText(from start: Int) -> [String] {
        let end = min(max(index, start + 1), tokens.count)
        return tokens[start..<end].map(text(of:))
    }

    /// The end offset of the parenthesised group opening at token `open`, or the end of the source.
    private func matchingParenEnd(from open: Int) -> Int {
        var depth = 0
        for token in tokens[open...] {
            if token.kind == .openParen { depth += 1 }
            if token.kind == .closeParen { depth -= 1 }
            if depth == 0 { return token.range.upperBound }
        }
        return lexer.source.count
    }
}
