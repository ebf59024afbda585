import Foundation

/// How values look inside tables and field lists.
enum CellText {
    /// What an empty cell shows.
    static let missing = "-"

    /// The first line of `text`, cut to `limit` characters with `…`; ``missing`` for nil or blank text.
    static func firstLine(_ text: String?, limit: Int) -> String {
        guard let line = text?.split(whereSeparator: \.isNewline).first?.trimmingCharacters(in: .whitespaces), !line.isEmpty
        else { return missing }
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }

    /// `text` on one line (line breaks become spaces), cut to `limit` characters with `…`.
    static func oneLine(_ text: String, limit: Int) -> String {
        let joined = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return joined.count > limit ? String(joined.prefix(limit - 1)) + "…" : joined
    }

    /// The first 8 characters of a run id, as git shortens hashes.
    static func shortID(_ id: String?) -> String {
        guard let id, !id.isEmpty else { return missing }
        return String(id.prefix(8))
    }

    /// A timestamp as `2026-11-28 12:01`, or ``missing``.
    static func time(_ epochMilliseconds: Int64?) -> String {
        epochMilliseconds.map(UTCTime.minutes) ?? missing
    }

    /// A timestamp as `2026-11-28 12:01 UTC`, or nil.
    static func labelledTime(_ epochMilliseconds: Int64?) -> String? {
        epochMilliseconds.map { UTCTime.minutes($0) + " UTC" }
    }

    /// Aliases as `champion→3, challenger→4`, sorted by alias; ``missing`` for none.
    static func aliases(_ aliases: [RegisteredModelAlias]) -> String {
        let text = aliases.sorted { $0.alias < $1.alias }.map { "\($0.alias)→\($0.version)" }.joined(separator: ", ")
        return text.isEmpty ? missing : text
    }

    /// A list joined with `, `, or ``missing`` when empty.
    static func list(_ items: [String]) -> String {
        items.isEmpty ? missing : items.joined(separator: ", ")
    }

    /// Tags as `key=value`, one per line, sorted by key; nil for none.
    static func tags(_ tags: [KeyValue]) -> String? {
        tags.isEmpty ? nil : tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
    }

    /// A metric value to 10 significant digits (`0.88`, not `0.8800000000000001`), whole numbers without
    /// `.0`, NaN and the infinities as MLflow writes them. `--json` keeps the exact value.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "Infinity" : "-Infinity" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.10g", value)
    }
}
