/// What one field's text reads as, before any column context.
enum FieldValue {
    /// A missing value: empty, or one of pandas' missing spellings.
    case missing
    /// A number (written integer, decimal, or an infinity literal).
    case number(ParsedNumber)
    /// A boolean spelling.
    case boolean(Bool)
    /// Anything else.
    case text

    /// Reads a field as pandas' C parser would: numbers may have spaces or tabs around them; missing-value,
    /// boolean and infinity spellings must match exactly.
    @inline(__always)
    static func classify(_ start: UnsafePointer<UInt8>, count: Int) -> FieldValue {
        if count == 0 { return .missing }
        let first = start[0]
        if first &- UInt8(ascii: "0") <= 9 || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".") {
            if let number = DecimalParser.parse(start, count: count) { return .number(number) }
        }
        if isSpace(first) || isSpace(start[count - 1]) {
            var begin = 0
            var end = count
            while begin < end, isSpace(start[begin]) { begin += 1 }
            while end > begin, isSpace(start[end - 1]) { end -= 1 }
            if let number = DecimalParser.parse(start + begin, count: end - begin) { return .number(number) }
        }
        if SpecialTokens.isMissing(start, count: count) { return .missing }
        if let infinity = SpecialTokens.infinity(start, count: count) {
            return .number(ParsedNumber(value: infinity, syntax: .float, isNegative: infinity < 0))
        }
        if let boolean = SpecialTokens.boolean(start, count: count) { return .boolean(boolean) }
        return .text
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
}

/// What the numbers of one column have shown so far, and which pandas dtype that makes.
///
/// pandas 2.3.3 (observed): integers only → `int64` (`uint64` when some exceed `Int64.max`); any missing value
/// or decimal → `float64`; but a `uint64`-sized integer together with a negative number or a missing value, an
/// integer beyond 64 bits, or a finite decimal that overflows a double keeps the column as text (`object`).
struct NumericEvidence {
    private(set) var sawMissing = false
    private(set) var sawDecimal = false
    private(set) var sawNegative = false
    private(set) var sawUnsignedInteger = false

    /// Records a missing value; false when the column can no longer be numeric.
    @inline(__always)
    mutating func recordMissing() -> Bool {
        sawMissing = true
        return !sawUnsignedInteger
    }

    /// Records a number; false when the column can no longer be numeric.
    @inline(__always)
    mutating func record(_ number: ParsedNumber) -> Bool {
        switch number.syntax {
        case .integer: break
        case .float: sawDecimal = true
        case .unsignedInteger: sawUnsignedInteger = true
        case .oversizedInteger, .overflowedFloat: return false
        }
        if number.isNegative { sawNegative = true }
        return !(sawUnsignedInteger && (sawNegative || sawMissing))
    }

    /// The kind of a column whose values were all numbers or missing (and which stayed numeric).
    var kind: ColumnKind { sawMissing || sawDecimal ? .float : .integer }
}

/// The order in which a boolean column first showed `false` and `true`, for its levels when it turns out to have
/// missing values (pandas then makes it `object`, holding Python `True`/`False`, whose text is the level).
struct BooleanEvidence {
    private(set) var sawMissing = false
    private(set) var levelOrder: [Bool] = []

    /// Records a value.
    @inline(__always)
    mutating func record(_ value: Bool) {
        if levelOrder.count < 2, !levelOrder.contains(value) { levelOrder.append(value) }
    }

    /// Records a missing value.
    @inline(__always)
    mutating func recordMissing() { sawMissing = true }
}
