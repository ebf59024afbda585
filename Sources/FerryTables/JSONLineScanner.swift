/// Why a line is not a record the reader can use (the reader adds the source and line).
struct BadLine: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// A cursor over one line of JSON, with just the operations the prediction-log reader needs: objects walked key
/// by key, strings as byte ranges (unescaped only when asked), numbers through ``DecimalParser``, and skipping any
/// value. Nothing is allocated per value.
struct JSONLineScanner {
    let base: UnsafePointer<UInt8>
    let end: Int
    private(set) var index: Int
    /// Where the line starts, for byte positions in messages (1-based within the line).
    private let lineStart: Int

    init(base: UnsafePointer<UInt8>, start: Int, end: Int) {
        self.base = base
        self.end = end
        index = start
        lineStart = start
    }

    /// Starts at `index`, positions still counted from `line`'s start.
    init(continuing line: JSONLineScanner, at index: Int) {
        base = line.base
        end = line.end
        self.index = index
        lineStart = line.lineStart
    }

    /// A string's bytes between its quotes, and whether they hold escapes.
    struct StringRange {
        var start: Int
        var end: Int
        var hasEscapes: Bool
        var count: Int { end - start }
    }

    var isAtEnd: Bool { index >= end }

    /// The next byte after whitespace, without consuming it (0 at the end).
    @inline(__always)
    mutating func peek() -> UInt8 {
        skipWhitespace()
        return index < end ? base[index] : 0
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < end {
            let byte = base[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    /// Consumes `byte` (after whitespace) or fails naming what was expected.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ what: String) throws(BadLine) {
        guard peek() == byte else { throw unexpected(what) }
        index += 1
    }

    /// Consumes `byte` if it comes next (after whitespace).
    @inline(__always)
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    /// Walks an object: calls `member` with each key, positioned at its value, which `member` must consume.
    mutating func object(_ member: (inout JSONLineScanner, StringRange) throws(BadLine) -> Void) throws(BadLine) {
        try expect(UInt8(ascii: "{"), "'{'")
        if consume(UInt8(ascii: "}")) { return }
        while true {
            guard peek() == UInt8(ascii: "\"") else { throw unexpected("a key (a string)") }
            let key = try string()
            try expect(UInt8(ascii: ":"), "':'")
            try member(&self, key)
            if consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "}"), "',' or '}'")
            return
        }
    }

    /// Consumes a string; returns the range of its raw bytes between the quotes.
    mutating func string() throws(BadLine) -> StringRange {
        try expect(UInt8(ascii: "\""), "a string")
        let start = index
        var escapes = false
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                let range = StringRange(start: start, end: index, hasEscapes: escapes)
                index += 1
                return range
            }
            if byte == UInt8(ascii: "\\") {
                escapes = true
                index += 2
                continue
            }
            if byte < 0x20 { throw BadLine("a control character inside a string (at byte \(index - lineStart + 1))") }
            index += 1
        }
        throw BadLine("a string is never closed")
    }

    /// Whether the string's (unescaped) bytes equal `literal`.
    @inline(__always)
    func equals(_ range: StringRange, _ literal: StaticString) -> Bool {
        guard !range.hasEscapes, range.count == literal.utf8CodeUnitCount else { return false }
        return memcmpBytes(base + range.start, literal.utf8Start, range.count)
    }

    /// A number token's text, validated by ``DecimalParser``.
    @inline(__always)
    mutating func number() throws(BadLine) -> ParsedNumber {
        skipWhitespace()
        let start = index
        while index < end {
            let byte = base[index]
            if byte &- UInt8(ascii: "0") <= 9 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+")
            {
                index += 1
            } else {
                break
            }
        }
        guard index > start, let number = DecimalParser.parse(base + start, count: index - start) else {
            index = start
            throw unexpected("a number")
        }
        return number
    }

    /// Consumes `null`, `true` or `false` if one comes next; returns which (nil when none).
    @inline(__always)
    mutating func literal() -> Bool?? {
        let byte = peek()
        if byte == UInt8(ascii: "n"), matches("null") { return .some(nil) }
        if byte == UInt8(ascii: "t"), matches("true") { return true }
        if byte == UInt8(ascii: "f"), matches("false") { return false }
        return nil
    }

    /// Consumes `word` if the input continues with it.
    @inline(__always)
    private mutating func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= end, memcmpBytes(base + index, word.utf8Start, count) else { return false }
        index += count
        return true
    }

    /// Consumes any one value.
    mutating func skipValue() throws(BadLine) {
        switch peek() {
        case UInt8(ascii: "{"):
            try object { scanner, _ throws(BadLine) in try scanner.skipValue() }
        case UInt8(ascii: "["):
            index += 1
            if consume(UInt8(ascii: "]")) { return }
            while true {
                try skipValue()
                if consume(UInt8(ascii: ",")) { continue }
                try expect(UInt8(ascii: "]"), "',' or ']'")
                return
            }
        case UInt8(ascii: "\""):
            _ = try string()
        default:
            if literal() != nil { return }
            _ = try number()
        }
    }

    /// The error for finding something else where `what` should be.
    func unexpected(_ what: String) -> BadLine {
        if index >= end { return BadLine("not valid JSON: the line ends where \(what) should be") }
        let byte = base[index]
        let shown = byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : String(format: byte)
        return BadLine("not valid JSON: expected \(what) at byte \(index - lineStart + 1), found \(shown)")
    }

    /// A string's text (escapes resolved), or an error when its bytes are not valid UTF-8 or its escapes are bad.
    func text(_ range: StringRange) throws(BadLine) -> String {
        var bytes: [UInt8] = []
        try unescape(range, into: &bytes)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw BadLine("a string is not valid UTF-8") }
        return text
    }

    /// Appends a string's bytes to `output`, resolving `\n`, `\uXXXX` (with surrogate pairs) and the rest.
    func unescape(_ range: StringRange, into output: inout [UInt8]) throws(BadLine) {
        guard range.hasEscapes else {
            output.append(contentsOf: UnsafeBufferPointer(start: base + range.start, count: range.count))
            return
        }
        var index = range.start
        while index < range.end {
            let byte = base[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            guard index + 1 < range.end else { throw BadLine("a string ends inside an escape") }
            let escaped = base[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escaped)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: index, end: range.end)
                index += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard index + 6 <= range.end, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") else {
                        throw BadLine("a string has an unpaired surrogate escape")
                    }
                    let low = try hex4(at: index + 2, end: range.end)
                    guard low >= 0xDC00 && low < 0xE000 else { throw BadLine("a string has an unpaired surrogate escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw BadLine("a string has an unpaired surrogate escape") }
                output.append(contentsOf: UTF8.encode(unicode)!)
            default:
                throw BadLine("a string has an unknown escape '\\\(Character(Unicode.Scalar(escaped)))'")
            }
        }
    }

    private func hex4(at start: Int, end: Int) throws(BadLine) -> UInt32 {
        guard start + 4 <= end else { throw BadLine("a string has a short \\u escape") }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = base[start + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw BadLine("a string has a bad \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}

extension String {
    /// `0xAB` for a byte.
    fileprivate init(format byte: UInt8) {
        let digits = Array("0123456789ABCDEF")
        self = "0x\(digits[Int(byte >> 4)])\(digits[Int(byte & 0xF)])"
    }
}
