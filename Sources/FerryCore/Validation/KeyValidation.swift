/// Checks on metric, param and tag keys, as MLflow's server applies them.
public enum KeyValidation {
    static let badCharacterMessage =
        "Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/)."

    /// Validates a metric, param or tag key; `path` names the field in messages (`key`, `metrics[3].key`).
    /// - Throws: ``FerryError`` INVALID_PARAMETER_VALUE.
    public static func validate(_ key: String, path: String) throws {
        guard key.unicodeScalars.allSatisfy(isAllowed) else {
            throw FerryError.invalidParameter(Messages.invalidValue(path, key, badCharacterMessage))
        }
        let normalized = PosixPath.normalize(key)
        if normalized != key || normalized == "." || normalized.hasPrefix("..") || normalized.hasPrefix("/") {
            throw FerryError.invalidParameter(
                Messages.invalidValue(
                    path, key,
                    "Names may be treated as files in certain cases, and must not resolve to other names when treated as such. "
                        + "This name would resolve to '\(normalized)'"))
        }
        if key.count > Limits.maxEntityKeyLength {
            throw FerryError.invalidParameter(Messages.exceedsMaximumLength(path, Limits.maxEntityKeyLength))
        }
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "/", "_", ".", "-", " ", ":": return true
        default: return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }
}

/// POSIX path normalisation with Python's `posixpath.normpath` semantics.
public enum PosixPath {
    /// Collapses repeated slashes and `.` segments and resolves `..` where possible.
    public static func normalize(_ path: String) -> String {
        if path.isEmpty { return "." }
        var leadingSlashes = path.hasPrefix("/") ? 1 : 0
        if path.hasPrefix("//") && !path.hasPrefix("///") { leadingSlashes = 2 }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if leadingSlashes == 0 && (parts.isEmpty || parts.last == "..") {
                    parts.append(part)
                } else if !parts.isEmpty {
                    parts.removeLast()
                }
                continue
            }
            parts.append(part)
        }
        let joined = String(repeating: "/", count: leadingSlashes) + parts.joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }
}

/// Lengths and truncation, as MLflow's server applies them.
public enum ValueLimits {
    /// Returns `value` cut to `limit` characters (MLflow truncates long param and tag values).
    public static func truncated(_ value: String, to limit: Int) -> String {
        value.count <= limit ? value : String(value.prefix(limit))
    }

    /// Throws when `value` is longer than `limit` characters.
    public static func check(_ value: String?, limit: Int, path: String) throws {
        if let value, value.count > limit {
            throw FerryError.invalidParameter(Messages.exceedsMaximumLength(path, limit))
        }
    }
}
