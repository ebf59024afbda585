/// JSON string literals.
public enum JSONString {
    /// `text` as a JSON string literal. Quotes, backslashes and control characters are escaped;
    /// other characters are escaped as `\uXXXX` (UTF-16) only when `escapingNonASCII` is set.
    public static func quoted(_ text: String, escapingNonASCII: Bool = false) -> String {
        var out = ""
        append(text, to: &out, escapingNonASCII: escapingNonASCII)
        return out
    }

    /// Appends `text` as a JSON string literal to `out` (see ``quoted(_:escapingNonASCII:)``).
    public static func append(_ text: String, to out: inout String, escapingNonASCII: Bool = false) {
        let plain = text.utf8.allSatisfy { byte in
            byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && (!escapingNonASCII || byte < 0x7F)
        }
        out += "\""
        if plain {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (escapingNonASCII && scalar.value > 0x7E) {
                    for unit in String(scalar).utf16 { out += "\\u" + hex4(unit) }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private static func hex4(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
