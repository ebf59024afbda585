import Foundation

/// Message builders that word errors the way MLflow's server does, so users see familiar text.
public enum Messages {
    /// `Invalid value "x" for parameter 'path' supplied: reason`.
    public static func invalidValue(_ path: String, _ value: String?, _ reason: String? = nil) -> String {
        let formatted = value.map(jsonQuoted) ?? "null"
        if let reason { return "Invalid value \(formatted) for parameter '\(path)' supplied: \(reason)" }
        return "Invalid value \(formatted) for parameter '\(path)' supplied."
    }

    /// `Missing value for required parameter 'path'.`
    public static func missingValue(_ path: String) -> String {
        "Missing value for required parameter '\(path)'."
    }

    /// `'path' exceeds the maximum length of N characters`.
    public static func exceedsMaximumLength(_ path: String, _ limit: Int) -> String {
        "'\(path)' exceeds the maximum length of \(limit) characters"
    }

    /// Joins a JSON path and a field the way MLflow's messages do (`metrics[0].timestamp`).
    public static func joinPath(_ base: String, _ field: String) -> String {
        if base.isEmpty { return field }
        return field.hasPrefix("[") ? base + field : base + "." + field
    }

    /// A string as a JSON string literal.
    public static func jsonQuoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value > 0x7E {
                    if scalar.value > 0xFFFF {
                        let value = scalar.value - 0x10000
                        result += String(format: "\\u%04x\\u%04x", 0xD800 + (value >> 10), 0xDC00 + (value & 0x3FF))
                    } else {
                        result += String(format: "\\u%04x", scalar.value)
                    }
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
