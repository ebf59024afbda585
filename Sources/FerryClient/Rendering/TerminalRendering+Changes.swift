extension TerminalRendering {
    /// The line `ferry models alias` prints: `churn@champion: 2 → 3`.
    public static func aliasChange(_ change: AliasChange) -> String {
        let target = "\(change.name)@\(change.alias)"
        if change.isUnchanged {
            return change.version.map { "\(target): \($0) (unchanged)" } ?? "\(target): was not set"
        }
        return "\(target): \(change.previousVersion ?? "(none)") → \(change.version ?? "(none)")"
    }

    /// The lines `ferry models promote` prints: the alias move, then each version whose stage changed.
    public static func promotion(_ promotion: Promotion) -> String {
        var lines = [aliasChange(promotion.alias)]
        let promoted = promotion.alias.version
        if let stage = promotion.requestedStage, let promoted, !promotion.stageChanges.contains(where: { $0.version == promoted }) {
            lines.append("\(promotion.alias.name)/\(promoted) stage: \(stage) (unchanged)")
        }
        lines += promotion.stageChanges.map { "\($0.name)/\($0.version) stage: \($0.previousStage) → \($0.stage)" }
        return lines.joined(separator: "\n")
    }
}
