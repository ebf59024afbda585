import Foundation

/// Builds MLflow search filter strings.
public enum SearchFilter {
    /// `name='…'`: the filter that matches one registered model's versions exactly.
    public static func name(equals name: String) -> String {
        "name=" + quoted(name)
    }

    /// `text` as a filter string literal.
    ///
    /// MLflow's filter parser keeps the text between the quotes as written and does not undo escapes, so
    /// a name holding a single quote only matches inside double quotes. Single quotes are used otherwise;
    /// a name with both kinds of quote gets its single quotes backslash-escaped, the form MLflow's SQL
    /// parser accepts, although it may then match nothing.
    public static func quoted(_ text: String) -> String {
        if !text.contains("'") { return "'\(text)'" }
        if !text.contains("\"") { return "\"\(text)\"" }
        return "'" + text.replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
