/// The spellings pandas' `read_csv` gives special meaning by default: missing values, booleans and infinities.
///
/// Matching is on raw bytes, case-sensitive for missing values (as pandas is), and case-insensitive for
/// `true`/`false` and `inf`/`infinity` (as pandas' C parser is). No surrounding whitespace is allowed.
enum SpecialTokens {
    /// pandas' default `na_values` (`STR_NA_VALUES` in 2.x), besides the empty field.
    static let missingValueSpellings: [String] = [
        "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    ]

    /// Whether the bytes spell a missing value (the empty field included).
    @inline(__always)
    static func isMissing(_ start: UnsafePointer<UInt8>, count: Int) -> Bool {
        if count == 0 { return true }
        if count > 8 { return false }
        switch start[0] {
        case UInt8(ascii: "#"):
            return equals(start, count, "#N/A") || equals(start, count, "#N/A N/A") || equals(start, count, "#NA")
        case UInt8(ascii: "-"):
            return equals(start, count, "-1.#IND") || equals(start, count, "-1.#QNAN")
                || equals(start, count, "-NaN") || equals(start, count, "-nan")
        case UInt8(ascii: "1"):
            return equals(start, count, "1.#IND") || equals(start, count, "1.#QNAN")
        case UInt8(ascii: "<"):
            return equals(start, count, "<NA>")
        case UInt8(ascii: "N"):
            return equals(start, count, "N/A") || equals(start, count, "NA") || equals(start, count, "NULL")
                || equals(start, count, "NaN") || equals(start, count, "None")
        case UInt8(ascii: "n"):
            return equals(start, count, "n/a") || equals(start, count, "nan") || equals(start, count, "null")
        default:
            return false
        }
    }

    /// `true` for `true` and `false` for `false` in any letter case (pandas' C parser compares them without
    /// case), nil for anything else.
    @inline(__always)
    static func boolean(_ start: UnsafePointer<UInt8>, count: Int) -> Bool? {
        if count == 4 {
            return foldedEquals(start, "true") ? true : nil
        }
        if count == 5 {
            return foldedEquals(start, "false") ? false : nil
        }
        return nil
    }

    /// ±infinity for `[+-]inf` or `[+-]infinity` in any letter case, nil for anything else.
    @inline(__always)
    static func infinity(_ start: UnsafePointer<UInt8>, count: Int) -> Double? {
        var index = 0
        var sign: Double = 1
        if count > 0, start[0] == UInt8(ascii: "-") || start[0] == UInt8(ascii: "+") {
            if start[0] == UInt8(ascii: "-") { sign = -1 }
            index = 1
        }
        let rest = count - index
        guard rest == 3 || rest == 8 else { return nil }
        guard foldedEquals(start + index, rest == 3 ? "inf" : "infinity") else { return nil }
        return sign * .infinity
    }

    /// Whether the bytes at `start` spell the lowercase ASCII letters of `word` in any case (setting bit 5 lowers an
    /// ASCII letter; no other byte lowers to a letter of these words).
    @inline(__always)
    private static func foldedEquals(_ start: UnsafePointer<UInt8>, _ word: StaticString) -> Bool {
        let letters = word.utf8Start
        for index in 0..<word.utf8CodeUnitCount where start[index] | 0x20 != letters[index] { return false }
        return true
    }

    /// Whether `count` bytes at `start` are exactly `literal`'s UTF-8.
    @inline(__always)
    private static func equals(_ start: UnsafePointer<UInt8>, _ count: Int, _ literal: StaticString) -> Bool {
        guard literal.utf8CodeUnitCount == count else { return false }
        let bytes = literal.utf8Start
        for index in 0..<count where start[index] != bytes[index] { return false }
        return true
    }
}
