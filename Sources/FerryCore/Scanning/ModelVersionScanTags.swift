/// The model-version tags that record a scan: `ferry.scan` and `ferry.scan.findings`.
public struct ModelVersionScanTags: Sendable, Equatable {
    /// The key of the verdict tag.
    public static let verdictKey = "ferry.scan"
    /// The key of the findings tag.
    public static let findingsKey = "ferry.scan.findings"
    /// The longest findings value, in Unicode code points, that ``init(summary:maximumFindingsLength:)`` writes by default.
    public static let defaultMaximumFindingsLength = 5000

    /// `clean` or `unsafe`.
    public let verdict: String
    /// The findings joined with `, `; empty when clean. When they do not fit, as many as fit followed
    /// by `…(N more)`.
    public let findings: String

    /// The tag values for `summary`, the findings kept within `maximumFindingsLength` code points.
    public init(summary: ScanSummary, maximumFindingsLength: Int = defaultMaximumFindingsLength) {
        verdict = summary.verdict.rawValue
        findings = Self.joined(summary.findings, limit: maximumFindingsLength)
    }

    /// Both tags, keyed by tag key.
    public var tags: [String: String] { [Self.verdictKey: verdict, Self.findingsKey: findings] }

    /// `items` joined with `, `, cut so that the text, with its `…(N more)` marker, fits in `limit` code points.
    static func joined(_ items: [String], limit: Int) -> String {
        let separator = ", "
        let full = items.joined(separator: separator)
        if full.unicodeScalars.count <= limit { return full }
        var kept = ""
        var keptLength = 0
        for (index, item) in items.enumerated() {
            let piece = (index == 0 ? "" : separator) + item
            let remainingAfter = items.count - index - 1
            let marker = remainingAfter > 0 ? separator + "…(\(remainingAfter) more)" : ""
            if keptLength + piece.unicodeScalars.count + marker.unicodeScalars.count > limit {
                let omitted = "…(\(items.count - index) more)"
                return index == 0 ? omitted : kept + separator + omitted
            }
            kept += piece
            keptLength += piece.unicodeScalars.count
        }
        return kept
    }
}
