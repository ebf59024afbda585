/// A number read from a field's bytes, with the syntax it was written in.
///
/// The syntax matters for type inference: pandas makes a column `int64` only when every value is
/// written as an integer, and a written integer beyond 64 bits makes the column text.
struct ParsedNumber: Equatable {
    /// How the number was written.
    enum Syntax: Equatable {
        /// An integer in `Int64` range.
        case integer
        /// An integer above `Int64.max` that fits `UInt64` (pandas reads a column of these as `uint64`).
        case unsignedInteger
        /// An integer beyond 64 bits (pandas keeps such a column as text).
        case oversizedInteger
        /// A decimal with a point or an exponent whose value is finite.
        case float
        /// A finite decimal whose value overflows a double (pandas keeps such a column as text).
        case overflowedFloat
    }

    /// The correctly rounded value.
    var value: Double
    /// How it was written.
    var syntax: Syntax
    /// Whether a minus sign led it.
    var isNegative: Bool
}

/// Decimal text to `Double`, correctly rounded (bit-for-bit what `Double(String)` gives), without allocating
/// on the fast paths.
///
/// Accepted syntax: `[+-]digits[.digits][(e|E)[+-]digits]`, where either digit run may be empty but not both
/// (`5.`, `.5`). Fast paths: Clinger's exact one-operation conversion when the significand is at most 2^53 and the
/// power of ten at most 22; on x86_64 an 80-bit extended conversion for significands below 2^64 and powers up
/// to 27, unless its result lies exactly on a double rounding midpoint. Everything else goes through the
/// standard library's `Double(String)`.
enum DecimalParser {
    /// Parses all of `count` bytes at `start` as a number, or returns nil when they are not one.
    @inline(__always)
    static func parse(_ start: UnsafePointer<UInt8>, count: Int) -> ParsedNumber? {
        if count == 0 { return nil }
        var index = 0
        var negative = false
        let first = start[0]
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        // Integer part: the common case is a short run of digits and nothing else.
        var significand: UInt64 = 0
        var significantDigits = 0
        var digitCount = 0
        var overflowed = false
        while index < count {
            let digit = start[index] &- UInt8(ascii: "0")
            if digit > 9 { break }
            if significantDigits < 19 {
                significand = significand &* 10 &+ UInt64(digit)
                if significand != 0 { significantDigits += 1 }
            } else {
                // A 20th significant digit: an integer may still fit UInt64; a decimal goes to the slow path.
                let (times10, o1) = significand.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times10.addingReportingOverflow(UInt64(digit))
                if o1 || o2 || overflowed { overflowed = true } else { significand = plus }
                significantDigits += 1
            }
            digitCount += 1
            index += 1
        }
        if index == count {
            if digitCount == 0 { return nil }
            if overflowed || significantDigits > 20 {
                return ParsedNumber(value: slowValue(start, count: count), syntax: .oversizedInteger, isNegative: negative)
            }
            return integer(significand, negative: negative)
        }
        return parseFraction(start, count: count, index: index, negative: negative,
                             significand: significand, significantDigits: significantDigits, integerDigits: digitCount)
    }

    /// The value of a written integer and its syntax class.
    @inline(__always)
    private static func integer(_ magnitude: UInt64, negative: Bool) -> ParsedNumber {
        if negative {
            if magnitude <= UInt64(Int64.max) {
                return ParsedNumber(value: Double(-Int64(magnitude)), syntax: .integer, isNegative: true)
            }
            if magnitude == UInt64(Int64.max) + 1 {
                return ParsedNumber(value: Double(Int64.min), syntax: .integer, isNegative: true)
            }
            return ParsedNumber(value: -Double(magnitude), syntax: .oversizedInteger, isNegative: true)
        }
        let syntax: ParsedNumber.Syntax = magnitude <= UInt64(Int64.max) ? .integer : .unsignedInteger
        return ParsedNumber(value: Double(magnitude), syntax: syntax, isNegative: false)
    }

    /// Continues after the integer digits: the fraction, the exponent, then the conversion.
    private static func parseFraction(
        _ start: UnsafePointer<UInt8>, count: Int, index startIndex: Int, negative: Bool,
        significand startSignificand: UInt64, significantDigits startSignificant: Int, integerDigits: Int
    ) -> ParsedNumber? {
        var index = startIndex
        var significand = startSignificand
        var significantDigits = startSignificant
        // Digits kept past the 19th are dropped from the significand; the exponent makes up for them.
        var decimalExponent = max(0, startSignificant - 19)
        var fractionDigits = 0
        if start[index] == UInt8(ascii: ".") {
            index += 1
            while index < count {
                // Eight digits at once while they all stay significant and within the 19 kept.
                if significantDigits > 0 && significantDigits <= 11 && index + 8 <= count,
                   let eight = eightDigits(start + index)
                {
                    significand = significand &* 100_000_000 &+ eight
                    significantDigits &+= 8
                    decimalExponent &-= 8
                    fractionDigits &+= 8
                    index &+= 8
                    continue
                }
                let digit = start[index] &- UInt8(ascii: "0")
                if digit > 9 { break }
                if significantDigits < 19 {
                    significand = significand &* 10 &+ UInt64(digit)
                    if significand != 0 { significantDigits += 1 }
                    decimalExponent -= 1
                } else {
                    significantDigits += 1
                }
                fractionDigits += 1
                index += 1
            }
        }
        if integerDigits + fractionDigits == 0 { return nil }
        if index < count {
            let marker = start[index]
            guard marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") else { return nil }
            index += 1
            var exponentNegative = false
            if index < count, start[index] == UInt8(ascii: "-") || start[index] == UInt8(ascii: "+") {
                exponentNegative = start[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponent = 0
            var exponentDigits = 0
            while index < count {
                let digit = start[index] &- UInt8(ascii: "0")
                if digit > 9 { return nil }
                if exponent < 100_000 { exponent = exponent * 10 + Int(digit) }
                exponentDigits += 1
                index += 1
            }
            if exponentDigits == 0 { return nil }
            decimalExponent += exponentNegative ? -exponent : exponent
        }
        let magnitude: Double
        if significantDigits <= 19, let fast = fastPath(significand, decimalExponent) {
            magnitude = fast
        } else {
            let parsed = slowValue(start, count: count)
            let syntax: ParsedNumber.Syntax = parsed.isInfinite ? .overflowedFloat : .float
            return ParsedNumber(value: parsed, syntax: syntax, isNegative: negative)
        }
        return ParsedNumber(value: negative ? -magnitude : magnitude, syntax: .float, isNegative: negative)
    }

    /// The value of the eight ASCII digits at `start`, or nil when any of them is not a digit (SWAR: one 64-bit
    /// load, a range check on every byte, then three multiply-adds that combine pairs, quads and octets).
    @inline(__always)
    private static func eightDigits(_ start: UnsafePointer<UInt8>) -> UInt64? {
        let word = UInt64(littleEndian: UnsafeRawPointer(start).loadUnaligned(as: UInt64.self))
        // A byte below '0' borrows into its top bit; a byte above '9' carries into it after adding 0x46.
        guard (word &+ 0x4646_4646_4646_4646 | word &- 0x3030_3030_3030_3030) & 0x8080_8080_8080_8080 == 0 else {
            return nil
        }
        var value = word &- 0x3030_3030_3030_3030
        value = value &* 10 &+ (value >> 8)  // each even byte: two digits
        let low = (value & 0x0000_00FF_0000_00FF) &* 0x000F_4240_0000_0064  // × 100 and × 1_000_000
        let high = ((value >> 16) & 0x0000_00FF_0000_00FF) &* 0x0000_2710_0000_0001  // × 1 and × 10_000
        return (low &+ high) >> 32
    }

    /// The slow path: the standard library's correctly rounded conversion of the same (already validated) text.
    private static func slowValue(_ start: UnsafePointer<UInt8>, count: Int) -> Double {
        Double(String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)) ?? .nan
    }

    /// `significand × 10^exponent` when it can be computed exactly rounded without big arithmetic, else nil.
    @inline(__always)
    static func fastPath(_ significand: UInt64, _ exponent: Int) -> Double? {
        if significand == 0 { return 0 }
        if significand <= 1 << 53 {
            if exponent >= 0 && exponent <= 22 { return Double(significand) * exactPowersOfTen[exponent] }
            if exponent < 0 && exponent >= -22 { return Double(significand) / exactPowersOfTen[-exponent] }
            if exponent > 22 && exponent <= 22 + 15 {
                // Move part of the power into the significand while it stays exact (1234e25 = 1234000e22).
                let (shifted, overflow) = significand.multipliedReportingOverflow(by: integerPowersOfTen[exponent - 22])
                if !overflow && shifted <= 1 << 53 { return Double(shifted) * exactPowersOfTen[22] }
            }
        }
        return extendedPath(significand, exponent)
    }

    #if arch(x86_64) && !os(Windows) && !os(Android)
    /// One rounding in 80-bit extended precision (exact operands), then one to double. The two roundings
    /// agree unless the extended result is itself a double midpoint, which sends the value to the slow path.
    @inline(__always)
    private static func extendedPath(_ significand: UInt64, _ exponent: Int) -> Double? {
        guard exponent >= -27 && exponent <= 27 else { return nil }
        let power = extendedPowersOfTen[abs(exponent)]
        let product = exponent >= 0 ? Float80(significand) * power : Float80(significand) / power
        // 64 significand bits against 53: the 11 bits below a double's last bit read 100_0000_0000 at a midpoint.
        if product.significandBitPattern & 0x7FF == 0x400 { return nil }
        return Double(product)
    }

    /// 10^0 … 10^27, each exact in 80-bit extended precision (5^27 < 2^64).
    private static let extendedPowersOfTen: [Float80] = {
        var powers: [Float80] = [1]
        for _ in 1...27 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()
    #else
    @inline(__always)
    private static func extendedPath(_ significand: UInt64, _ exponent: Int) -> Double? { nil }
    #endif

    /// 10^0 … 10^22, each exact in double precision.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// 10^0 … 10^15 as integers.
    private static let integerPowersOfTen: [UInt64] = (0...15).map { power in
        (0..<power).reduce(UInt64(1)) { value, _ in value * 10 }
    }
}
