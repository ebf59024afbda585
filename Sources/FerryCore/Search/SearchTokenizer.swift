/// The lexer shared by ``SearchFilterParser`` and ``OrderByParser``.
///
/// It knows only the small SQL subset that MLflow filters use: dotted names whose parts may be quoted with
/// backticks, double or single quotes (`` tags.`mlflow.runName` ``, `"run name"`, `'x'`), numbers
/// (`1`, `-2.5`, `.5`, `1e-3`), comparison operators, parentheses, commas and semicolons.
/// Keywords (`AND`, `IN`, `LIKE`, …) come out as one-part names; the grammar decides what they mean.

/// One part of a dotted name: a bare word, or the raw text between a pair of quotes.
struct SearchNamePart: Sendable, Equatable {
    /// The word, or the text between the quotes exactly as written (MLflow does not unescape `''` or `\'`).
    var text: String
    /// The quote character, or nil for a bare word.
    var quote: Character?
}

/// One lexical token with its place in the source text.
struct SearchToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A name such as `metrics.loss`, `` tags.`a b` ``, `AND` or a quoted string such as `'x'`.
        case name([SearchNamePart])
        /// A bare number.
        case number(Double)
        /// `=`, `!=`, `<>`, `==`, `<`, `<=`, `>` or `>=`.
        case comparison(String)
        case openParen
        case closeParen
        case comma
        case semicolon
    }

    var kind: Kind
    /// Offsets into the source's characters.
    var range: Range<Int>

    /// The single unquoted word this token is, uppercased, or nil (for keyword checks).
    var keyword: String? {
        guard case .name(let parts) = kind, parts.count == 1, parts[0].quote == nil else { return nil }
        return parts[0].text.uppercased()
    }
}

/// A syntax error; `fragment` is the offending source text, which callers wrap in their own message.
struct SearchSyntaxError: Error, Sendable, Equatable {
    var fragment: String
}

/// Splits a filter or order_by string into ``SearchToken`` values.
struct SearchTokenizer {
    /// The source as characters, so that tokens can point back into it by offset.
    let source: [Character]
    private var position = 0

    init(_ text: String) {
        source = Array(text)
    }

    /// The source text of a range of character offsets.
    func text(_ range: Range<Int>) -> String {
        String(source[range.clamped(to: 0..<source.count)])
    }

    /// Lexes the whole source.
    mutating func tokenize() throws(SearchSyntaxError) -> [SearchToken] {
        var tokens: [SearchToken] = []
        while let character = peek() {
            if character.isWhitespace {
                position += 1
                continue
            }
            tokens.append(try nextToken(startingWith: character))
        }
        return tokens
    }

    private func peek(_ offset: Int = 0) -> Character? {
        position + offset < source.count ? source[position + offset] : nil
    }

    private mutating func nextToken(startingWith character: Character) throws(SearchSyntaxError) -> SearchToken {
        let start = position
        let single: SearchToken.Kind? =
            switch character {
            case "(": .openParen
            case ")": .closeParen
            case ",": .comma
            case ";": .semicolon
            default: nil
            }
        if let single {
            position += 1
            return SearchToken(kind: single, range: start..<position)
        }
        if "=!<>".contains(character) {
            return try comparison(startingWith: character)
        }
        if startsNumber(character) {
            return try number()
        }
        if Self.isWordStart(character) || Self.isQuote(character) {
            return try name()
        }
        throw SearchSyntaxError(fragment: String(character))
    }

    private mutating func comparison(startingWith character: Character) throws(SearchSyntaxError) -> SearchToken {
        let start = position
        let pair = peek(1).map { String([character, $0]) }
        let spelled: String
        if let pair, ["==", "!=", "<>", "<=", ">="].contains(pair) {
            spelled = pair
        } else if character == "!" {
            throw SearchSyntaxError(fragment: "!")
        } else {
            spelled = String(character)
        }
        position += spelled.count
        return SearchToken(kind: .comparison(spelled), range: start..<position)
    }

    private func startsNumber(_ character: Character) -> Bool {
        if character.isASCIIDigit { return true }
        let next = peek(1)
        if character == "." { return next?.isASCIIDigit == true }
        if character == "-" {
            if next?.isASCIIDigit == true { return true }
            return next == "." && peek(2)?.isASCIIDigit == true
        }
        return false
    }

    /// `-?(digits[.digits*] | .digits)([eE][+-]?digits)?`, not directly followed by a word character.
    private mutating func number() throws(SearchSyntaxError) -> SearchToken {
        let start = position
        if peek() == "-" { position += 1 }
        skipDigits()
        if peek() == "." {
            position += 1
            skipDigits()
        }
        if let e = peek(), e == "e" || e == "E" {
            let signed = peek(1) == "+" || peek(1) == "-"
            if peek(signed ? 2 : 1)?.isASCIIDigit == true {
                position += signed ? 2 : 1
                skipDigits()
            }
        }
        if let next = peek(), Self.isWordCharacter(next) {
            skipWord()
            throw SearchSyntaxError(fragment: text(start..<position))
        }
        guard let value = Double(text(start..<position)) else {
            throw SearchSyntaxError(fragment: text(start..<position))
        }
        return SearchToken(kind: .number(value), range: start..<position)
    }

    /// A dotted name: parts separated by `.`, each a bare word or a quoted segment.
    private mutating func name() throws(SearchSyntaxError) -> SearchToken {
        let start = position
        var parts = [try namePart()]
        while peek() == ".", let next = peek(1), Self.isWordCharacter(next) || Self.isQuote(next) {
            position += 1
            parts.append(try namePart())
        }
        return SearchToken(kind: .name(parts), range: start..<position)
    }

    private mutating func namePart() throws(SearchSyntaxError) -> SearchNamePart {
        guard let quote = peek(), Self.isQuote(quote) else {
            let start = position
            skipWord()
            return SearchNamePart(text: text(start..<position), quote: nil)
        }
        let start = position
        position += 1
        let bodyStart = position
        while let character = peek() {
            if character == "\\" && quote != "`" {
                position += 2
            } else if character == quote && peek(1) == quote {
                position += 2
            } else if character == quote {
                let body = text(bodyStart..<position)
                position += 1
                return SearchNamePart(text: body, quote: quote)
            } else {
                position += 1
            }
        }
        throw SearchSyntaxError(fragment: text(start..<source.count))
    }

    private mutating func skipDigits() {
        while peek()?.isASCIIDigit == true { position += 1 }
    }

    private mutating func skipWord() {
        while let character = peek(), Self.isWordCharacter(character) { position += 1 }
    }

    private static func isWordStart(_ character: Character) -> Bool {
        character == "_" || character.isLetter
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character == "_" || character.isLetter || character.isNumber
    }

    private static func isQuote(_ character: Character) -> Bool {
        character == "'" || character == "\"" || character == "`"
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
