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

    /// A string as a JSON string literal with non-ASCII characters escaped, as Python's `json.dumps` writes it.
    public static func jsonQuoted(_ text: String) -> String {
        JSONString.quoted(text, escapingNonASCII: true)
    }
}
