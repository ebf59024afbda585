extension TerminalRendering {
    /// The table `ferry audit` prints: TIME (UTC), ACTOR, ACTION, MODEL, VERSION, CHANGE.
    public static func auditTrail(_ events: [AuditEvent]) -> String {
        guard !events.isEmpty else { return "No audit events." }
        let rows = events.map { event in
            [
                CellText.time(event.timestamp), event.actor.isEmpty ? CellText.missing : event.actor, event.action, event.name,
                event.version ?? CellText.missing, change(before: event.before, after: event.after),
            ]
        }
        return TextTable(headers: ["TIME (UTC)", "ACTOR", "ACTION", "MODEL", "VERSION", "CHANGE"], rows: rows).render()
    }

    /// The changed fields as `field: before → after`, sorted by field and joined with `; `.
    ///
    /// `∅` stands for a field that did not exist (before a creation, after a deletion), `""` for an empty
    /// value. Values are put on one line and cut to 40 characters. Fields that did not change are left out.
    static func change(before: [String: String], after: [String: String]) -> String {
        let fields = Set(before.keys).union(after.keys).sorted()
        let pairs = fields.compactMap { field -> String? in
            let old = before[field]
            let new = after[field]
            guard old != new else { return nil }
            return "\(field): \(auditValue(old)) → \(auditValue(new))"
        }
        return pairs.isEmpty ? CellText.missing : pairs.joined(separator: "; ")
    }

    private static func auditValue(_ value: String?) -> String {
        guard let value else { return "∅" }
        return value.isEmpty ? "\"\"" : CellText.oneLine(value, limit: 40)
    }
}
