/// Writes JSON text straight into a byte buffer: the response side of the inference protocols.
///
/// Non-finite numbers are written as `NaN`, `Infinity` and `-Infinity`, as Python's `json` module
/// writes and reads them (neither protocol has another spelling for them).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                raw("\\u00")
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `"key":`
    mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func comma() { bytes.append(UInt8(ascii: ",")) }

    /// `"name":` as the next member of the object being written, after a comma unless it is the first.
    mutating func field(_ name: String) {
        if let last = bytes.last, last != UInt8(ascii: "{"), last != UInt8(ascii: "[") { comma() }
        key(name)
    }

    /// The `name`, `datatype` and `shape` members every OIP tensor description starts with.
    mutating func tensorHeader(name: String, datatype: String, shape: [Int]) {
        field("name")
        string(name)
        field("datatype")
        string(datatype)
        field("shape")
        array(shape) { $0.integer($1) }
    }

    mutating func integer(_ value: some BinaryInteger) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// The shortest text that reads back as the same `Float`.
    mutating func float(_ value: Float) {
        guard value.isFinite else { return nonFinite(value.isNaN, value > 0) }
        if value == value.rounded(.towardZero), abs(value) < 1e15 {
            integer(Int64(value))
            if value == 0, value.sign == .minus { bytes.insert(UInt8(ascii: "-"), at: bytes.count - 1) }
            return
        }
        bytes.append(contentsOf: value.description.utf8)
    }

    /// The shortest text that reads back as the same `Double`.
    mutating func double(_ value: Double) {
        guard value.isFinite else { return nonFinite(value.isNaN, value > 0) }
        if value == value.rounded(.towardZero), abs(value) < 1e15 {
            integer(Int64(value))
            return
        }
        bytes.append(contentsOf: value.description.utf8)
    }

    private mutating func nonFinite(_ isNaN: Bool, _ positive: Bool) {
        if isNaN { raw("NaN") } else if positive { raw("Infinity") } else { raw("-Infinity") }
    }

    /// `[a,b,...]` with `element` writing each item.
    mutating func array<Items: Sequence>(_ items: Items, _ element: (inout JSONWriter, Items.Element) -> Void) {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for item in items {
            if !first { comma() }
            first = false
            element(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private static let hex = Array("0123456789abcdef".utf8)
}
