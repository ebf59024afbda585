#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses JSON text (RFC 8259) into ``JSON``, with a nesting limit; errors say where the text went wrong.
///
/// `NaN`, `Infinity` and `-Infinity` are accepted as numbers, as Python's `json` module writes them.
struct JSONReader {
    /// Why a document did not parse; ``offset`` is the byte where it failed.
    struct Failure: Error, Equatable, CustomStringConvertible {
        let message: String
        let offset: Int
        var description: String { "\(message) at byte \(offset)" }
    }

    static let maxDepth = 64

    /// Parses the whole of `bytes` as one JSON value.
    static func parse(_ bytes: some Collection<UInt8>) throws(Failure) -> JSON {
        let array = Array(bytes)
        return try array.withUnsafeBufferPointer { buffer throws(Failure) in
            var reader = JSONReader(buffer)
            reader.skipSpace()
            let value = try reader.value(depth: 0)
            reader.skipSpace()
            guard reader.position == buffer.count else { throw reader.failure("unexpected text after the JSON value") }
            return value
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private func failure(_ message: String) -> Failure { Failure(message: message, offset: position) }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func expect(_ literal: StaticString, _ value: JSON) throws(Failure) -> JSON {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw failure("unexpected end of the JSON text") }
        for index in 0..<count where bytes[position + index] != literal.utf8Start[index] {
            throw failure("unexpected character")
        }
        position += count
        return value
    }

    private mutating func value(depth: Int) throws(Failure) -> JSON {
        guard depth < Self.maxDepth else { throw failure("the JSON nests deeper than \(Self.maxDepth) levels") }
        guard let byte = current else { throw failure("unexpected end of the JSON text") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try expect("true", .bool(true))
        case UInt8(ascii: "f"): return try expect("false", .bool(false))
        case UInt8(ascii: "n"): return try expect("null", .null)
        case UInt8(ascii: "N"): return try expect("NaN", .number(.nan))
        case UInt8(ascii: "I"): return try expect("Infinity", .number(.infinity))
        default: return try number()
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> JSON {
        position += 1
        var members: [(key: String, value: JSON)] = []
        skipSpace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard current == UInt8(ascii: "\"") else { throw failure("expected a member name in quotes") }
            let key = try string()
            skipSpace()
            guard current == UInt8(ascii: ":") else { throw failure("expected ':' after a member name") }
            position += 1
            skipSpace()
            members.append((key, try value(depth: depth + 1)))
            skipSpace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return .object(members)
            default: throw failure("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> JSON {
        position += 1
        var items: [JSON] = []
        skipSpace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return .array(items)
            default: throw failure("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func string() throws(Failure) -> String {
        position += 1
        let start = position
        // Fast path: no escapes.
        while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") {
            guard bytes[position] >= 0x20 else { throw failure("a control character inside a string") }
            position += 1
        }
        guard position < bytes.count else { throw failure("a string is not closed") }
        var utf8 = Array(bytes[start..<position])
        while bytes[position] == UInt8(ascii: "\\") {
            position += 1
            guard let escape = current else { throw failure("a string is not closed") }
            position += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"): utf8.append(contentsOf: try unicodeEscape())
            default: throw failure("an unknown escape in a string")
            }
            while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") {
                guard bytes[position] >= 0x20 else { throw failure("a control character inside a string") }
                utf8.append(bytes[position])
                position += 1
            }
            guard position < bytes.count else { throw failure("a string is not closed") }
        }
        position += 1
        guard let text = String(validating: utf8, as: UTF8.self) else { throw failure("a string is not valid UTF-8") }
        return text
    }

    private mutating func hexQuad() throws(Failure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("a \\u escape is cut short") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("a \\u escape holds a non-hex digit")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private mutating func unicodeEscape() throws(Failure) -> [UInt8] {
        var scalar = try hexQuad()
        if (0xD800..<0xDC00).contains(scalar) {
            guard position + 2 <= bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                throw failure("a lone surrogate in a \\u escape")
            }
            position += 2
            let low = try hexQuad()
            guard (0xDC00..<0xE000).contains(low) else { throw failure("a lone surrogate in a \\u escape") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw failure("a lone surrogate in a \\u escape") }
        return Array(String(Character(unicode)).utf8)
    }

    private mutating func number() throws(Failure) -> JSON {
        let start = position
        var negative = false
        if current == UInt8(ascii: "-") {
            negative = true
            position += 1
            if current == UInt8(ascii: "I") { return try expect("Infinity", .number(-.infinity)) }
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        let integerStart = position
        while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            if digits < 19 { mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0")) } else { exponent += 1 }
            if mantissa > 0 || digits > 0 { digits += 1 }
            position += 1
        }
        let integerDigits = position - integerStart
        guard integerDigits > 0 else { throw failure("expected a JSON value") }
        guard !(integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0")) else { throw failure("a number has a leading zero") }
        var isInteger = true
        if current == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            let fractionStart = position
            while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                if digits < 19 {
                    mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
                    if mantissa > 0 { digits += 1 }
                    exponent -= 1
                }
                position += 1
            }
            guard position > fractionStart else { throw failure("a number has no digits after '.'") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            var exponentSign = 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
                exponentSign = current == UInt8(ascii: "-") ? -1 : 1
                position += 1
            }
            var written = 0
            let exponentStart = position
            while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                if written < 100_000 { written = written * 10 + Int(byte - UInt8(ascii: "0")) }
                position += 1
            }
            guard position > exponentStart else { throw failure("a number has no digits in its exponent") }
            exponent += exponentSign * written
        }
        if isInteger, digits <= 18 || (digits == 19 && mantissa <= UInt64(Int64.max)) {
            return .integer(negative ? -Int64(mantissa) : Int64(mantissa))
        }
        // Clinger's fast path: exact when the mantissa and the power of ten are both exact doubles.
        if digits <= 15, abs(exponent) <= 22 {
            var value = Double(mantissa)
            value = exponent < 0 ? value / Self.powersOfTen[-exponent] : value * Self.powersOfTen[exponent]
            return .number(negative ? -value : value)
        }
        return .number(slowDouble(from: start))
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The correctly rounded value of the literal `bytes[start..<position]`, by the C library.
    private func slowDouble(from start: Int) -> Double {
        var text = Array(bytes[start..<position])
        text.append(0)
        return text.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { strtod($0, nil) }
        }
    }
}
