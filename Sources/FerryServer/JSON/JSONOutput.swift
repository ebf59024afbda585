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
    var serialized: String {
        var out = ""
        out.reserveCapacity(4096)
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .string(let text): JSONString.append(text, to: &out)
        case .int(let value): out += String(value)
        case .double(let value):
            if value.isNaN {
                out += "\"NaN\""
            } else if value.isInfinite {
                out += value > 0 ? "\"Infinity\"" : "\"-Infinity\""
            } else if value == value.rounded(), abs(value) < 1e15 {
                out += String(Int64(value)) + ".0"
            } else {
                out += "\(value)"
            }
        case .bool(let value): out += value ? "true" : "false"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                item.write(to: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { out += ", " }
                JSONString.append(key, to: &out)
                out += ": "
                value.write(to: &out)
            }
            out += "}"
        }
    }

    /// A string as a JSON string literal; non-ASCII text is kept as UTF-8.
    static func quoted(_ text: String) -> String {
        JSONString.quoted(text)
    }
}
