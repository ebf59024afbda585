/// A compiled regular expression used with Python's `re.search` semantics, as GX's pandas
/// `expect_column_values_to_match_regex` uses it (`str.contains`): a match anywhere in the text unless
/// the pattern anchors itself. Matching works on Unicode scalars, as Python's `re` does, not on
/// grapheme clusters.
struct SearchPattern {
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `pattern`; throws when it is not a valid regular expression.
    init(_ pattern: String) throws {
        regex = try Regex(pattern).matchingSemantics(.unicodeScalar)
    }

    /// Whether the pattern matches somewhere in `text`.
    func matches(_ text: String) -> Bool {
        // `try?` flattens the optional match: nil for no match (or a matching error, which counts as none).
        (try? regex.firstMatch(in: text)) != nil
    }
}
