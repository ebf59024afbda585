/// Python's rules for the text arguments of protocol-0 opcodes, as `pickletools` applies them.
///
/// `pickletools.genops` runs `int()`, `float()`, `codecs.escape_decode` and the `raw-unicode-escape`
/// codec on line arguments; whatever those refuse ends the parse. These functions accept and refuse
/// the same inputs, so a stream fails at the same opcode here as it does there.
enum PythonLiteralSyntax {
    /// The value of a Python `int()` literal in base 10 (surrounding whitespace, a sign and single
    /// underscores between digits allowed). `.invalid` when `int()` would raise; `.valid(nil)` when
    /// it is valid but does not fit in `Int`.
    static func decimalInteger(_ text: UnsafeBufferPointer<UInt8>) -> IntegerLiteral {
        var body = trimmingWhitespace(text)
        var negative = false
        if let first = body.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            body = body.dropFirst()
        }
        guard isDigitRun(body) else { return .invalid }
        var value = 0
        var overflow = false
        for byte in body where byte != UInt8(ascii: "_") {
            let (times, timesOverflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, sumOverflow) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            overflow = overflow || timesOverflow || sumOverflow
            value = sum
        }
        if overflow { return .valid(nil) }
        return .valid(negative ? -value : value)
    }

    /// Whether Python's `float()` accepts the literal: decimal or exponent notation with optional
    /// underscores between digits, or `inf`, `infinity`, `nan` in any case, each with an optional sign.
    static func isFloatLiteral(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var body = trimmingWhitespace(text)
        if let first = body.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { body = body.dropFirst() }
        let lowered = String(decoding: body, as: UTF8.self).lowercased()
        if ["inf", "infinity", "nan"].contains(lowered) { return true }
        let exponentIndex = body.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
        let mantissa = body[..<(exponentIndex ?? body.endIndex)]
        if let exponentIndex {
            var exponent = body[(exponentIndex + 1)...]
            if let sign = exponent.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { exponent = exponent.dropFirst() }
            guard isDigitRun(exponent) else { return false }
        }
        guard let dot = mantissa.firstIndex(of: UInt8(ascii: ".")) else { return isDigitRun(mantissa) }
        let whole = mantissa[..<dot]
        let fraction = mantissa[(dot + 1)...]
        guard whole.isEmpty || isDigitRun(whole), fraction.isEmpty || isDigitRun(fraction) else { return false }
        return !(whole.isEmpty && fraction.isEmpty)
    }

    /// `codecs.escape_decode`: backslash escapes of a Python bytes literal resolved; `nil` for a trailing
    /// backslash or a malformed `\x` escape, which it refuses. Unknown escapes are kept as written.
    static func escapeDecoded(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            let byte = text[index]
            index += 1
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                continue
            }
            guard index < text.count else { return nil }
            let escaped = text[index]
            index += 1
            if let simple = simpleEscapes[escaped] {
                output.append(simple)
            } else if escaped == UInt8(ascii: "\n") {
                continue
            } else if let first = octalValue(escaped) {
                var value = first
                for _ in 0..<2 {
                    guard index < text.count, let digit = octalValue(text[index]) else { break }
                    value = value * 8 + digit
                    index += 1
                }
                output.append(UInt8(truncatingIfNeeded: value))
            } else if escaped == UInt8(ascii: "x") {
                guard index + 1 < text.count, let high = hexValue(text[index]), let low = hexValue(text[index + 1]) else { return nil }
                output.append(UInt8(high * 16 + low))
                index += 2
            } else {
                output.append(UInt8(ascii: "\\"))
                output.append(escaped)
            }
        }
        return output
    }

    /// The `raw-unicode-escape` codec: bytes are Latin-1 code points, except that `\uXXXX` and
    /// `\UXXXXXXXX` after an odd run of backslashes name a code point. `nil` for a truncated or
    /// out-of-range escape, which the codec refuses. Lone surrogates become U+FFFD.
    static func rawUnicodeEscapeDecoded(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < text.count {
            guard text[index] == UInt8(ascii: "\\") else {
                scalars.append(Unicode.Scalar(text[index]))
                index += 1
                continue
            }
            let runStart = index
            while index < text.count, text[index] == UInt8(ascii: "\\") { index += 1 }
            let run = index - runStart
            let marker = index < text.count ? text[index] : 0
            guard run % 2 == 1, marker == UInt8(ascii: "u") || marker == UInt8(ascii: "U") else {
                scalars.append(contentsOf: repeatElement(Unicode.Scalar(UInt8(ascii: "\\")), count: run))
                continue
            }
            scalars.append(contentsOf: repeatElement(Unicode.Scalar(UInt8(ascii: "\\")), count: run - 1))
            let digitCount = marker == UInt8(ascii: "u") ? 4 : 8
            index += 1
            var value: UInt32 = 0
            for _ in 0..<digitCount {
                guard index < text.count, let digit = hexValue(text[index]) else { return nil }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            guard value <= 0x10FFFF else { return nil }
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    /// The result of reading an integer literal.
    enum IntegerLiteral: Equatable {
        /// Python refuses the literal.
        case invalid
        /// Python accepts it; the value when it fits in `Int`.
        case valid(Int?)
    }

    private static let simpleEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "\\"): UInt8(ascii: "\\"), UInt8(ascii: "'"): UInt8(ascii: "'"), UInt8(ascii: "\""): UInt8(ascii: "\""),
        UInt8(ascii: "a"): 0x07, UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
        UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09, UInt8(ascii: "v"): 0x0B,
    ]

    private static func trimmingWhitespace(_ text: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else {
            return text[0..<0]
        }
        return text[first...last]
    }

    /// Digits with single underscores between them, and at least one digit.
    private static func isDigitRun(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let first = text.first, let last = text.last, isDigit(first), isDigit(last) else { return false }
        var previousWasUnderscore = false
        for byte in text {
            if byte == UInt8(ascii: "_") {
                if previousWasUnderscore { return false }
                previousWasUnderscore = true
            } else if isDigit(byte) {
                previousWasUnderscore = false
            } else {
                return false
            }
        }
        return true
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func octalValue(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
