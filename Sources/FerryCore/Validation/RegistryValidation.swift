import Foundation

/// MLflow's rules for registered-model names, versions, tags and aliases.
public enum RegistryValidation {
    public static let maxTagKeyLength = 250
    public static let maxTagValueLength = 100_000
    public static let maxAliasLength = 255
    /// Registered-model and model-version descriptions (model cards in Markdown) are capped at
    /// 100,000 characters, like registry tag values; MLflow stores any size.
    public static let maxDescriptionLength = 100_000

    /// Names are non-blank, without `/` or `:`, and equal their own path normalisation.
    public static func validateModelName(_ name: String, path: String = "name") throws {
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw FerryError.invalidParameter(Messages.missingValue(path))
        }
        if name.contains("/") || name.contains(":") {
            throw FerryError.invalidParameter("Invalid model name '\(name)'. Names cannot contain '/' or ':'.")
        }
        let normalized = PosixPath.normalize(name)
        if normalized != name || normalized == "." || normalized.hasPrefix("..") {
            throw FerryError.invalidParameter(
                Messages.invalidValue(
                    path, name,
                    "Names may be treated as files in certain cases, and must not resolve to other names when treated as such. "
                        + "This name would resolve to '\(normalized)'"))
        }
        try TextValidation.rejectNUL(name, path: path)
    }

    /// A version given as text must be an integer.
    public static func version(_ text: String) throws -> Int64 {
        guard let version = Int64(text.trimmingCharacters(in: .whitespaces)) else {
            throw FerryError.invalidParameter("Parameter 'version' must be an integer, got '\(text)'.")
        }
        return version
    }

    /// Registry tags: key syntax as for runs, key ≤250 and value ≤100000 characters.
    public static func validateTag(_ tag: KeyValue) throws {
        try KeyValidation.validate(tag.key, path: "key")
        try ValueLimits.check(tag.value, limit: maxTagValueLength, path: "value")
        try TextValidation.rejectNUL(tag.value, path: "value")
    }

    /// Descriptions: at most ``maxDescriptionLength`` characters, no NUL.
    public static func validateDescription(_ description: String?) throws {
        try ValueLimits.check(description, limit: maxDescriptionLength, path: "description")
        try TextValidation.rejectNUL(description, path: "description")
    }

    /// Aliases: `^[\w-]*$`, at most 255 characters, not `latest` (any case) and not `v<digits>`.
    public static func validateAlias(_ alias: String) throws {
        if alias.isEmpty || !alias.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-" }) {
            throw FerryError.invalidParameter(
                "Invalid alias name: '\(alias)'. Alias names may only contain alphanumerics, underscores, and dashes.")
        }
        if alias.count > maxAliasLength {
            throw FerryError.invalidParameter("Alias name '\(alias)' exceeds the maximum length of \(maxAliasLength) characters.")
        }
        let lower = alias.lowercased()
        if lower == "latest" || (lower.count > 1 && lower.hasPrefix("v") && lower.dropFirst().allSatisfy(\.isNumber)) {
            throw FerryError.invalidParameter(
                "'\(alias)' alias name (case insensitive) is reserved; aliases cannot be 'latest' or of the form 'v<number>'.")
        }
    }
}
