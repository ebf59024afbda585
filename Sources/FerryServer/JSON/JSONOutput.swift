import FerryCore

/// A JSON value for responses: objects keep their field order, and `nil` fields are left out.
indirect enum JSONOutput: Sendable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case array([JSONOutput])
    case object([(String, JSONOutput)])

    /// An object from optional fields; `nil` values and empty arrays are omitted, as MLflow omits unset fields.
    static func fields(_ fields: [(String, JSONOutput?)]) -> JSONOutput {
        .object(fields.compactMap { key, value in
            guard let value else { return nil }
            if case .array(let items) = value, items.isEmpty { return nil }
            return (key, value)
        })
    }

    /// The value as JSON text. Non-finite doubles become the strings MLflow uses: "NaN", "Infinity", "-Infinity".
    var serialized: String { String(decoding: serializedBytes, as: UTF8.self) }

    /// The value as UTF-8 JSON bytes (what responses send).
    var serializedBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out)
        return out
    }

    func write(to out: inout [UInt8]) {
        switch self {
        case .string(let text): Self.appendQuoted(text, to: &out)
        case .int(let value): out.append(contentsOf: String(value).utf8)
        case .double(let value):
            if value.isNaN {
                out.append(contentsOf: #""NaN""#.utf8)
            } else if value.isInfinite {
                out.append(contentsOf: (value > 0 ? #""Infinity""# : #""-Infinity""#).utf8)
            } else if value == value.rounded(), abs(value) < 1e15 {
                out.append(contentsOf: (String(Int64(value)) + ".0").utf8)
            } else {
                out.append(contentsOf: "\(value)".utf8)
            }
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")]) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")]) }
                Self.appendQuoted(key, to: &out)
                out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `text` as a JSON string literal: the bytes as they are when nothing needs escaping.
    private static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        var text = text
        let plain = text.withUTF8 { bytes in
            bytes.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        }
        guard plain else {
            out.append(contentsOf: JSONString.quoted(text).utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        text.withUTF8 { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: "\""))
    }

    /// A string as a JSON string literal; non-ASCII text is kept as UTF-8.
    static func quoted(_ text: String) -> String {
        JSONString.quoted(text)
    }
}
