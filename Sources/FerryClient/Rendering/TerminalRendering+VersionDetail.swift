import Foundation

extension TerminalRendering {
    /// What `ferry models show NAME/VERSION` and `NAME@ALIAS` print: the version's fields, its scan, and its lineage.
    public static func versionDetail(_ detail: ModelVersionDetail) -> String {
        let version = detail.modelVersion
        let otherTags = version.tags.filter { ![ModelVersion.scanVerdictTag, ModelVersion.scanFindingsTag].contains($0.key) }
        let fields = FieldList(fields: [
            ("Version", "\(version.name)/\(version.version)"),
            ("Aliases", CellText.list(version.aliases.sorted())),
            ("Stage", version.currentStage ?? CellText.missing),
            ("Status", version.status.map { status in version.statusMessage.map { "\(status) (\($0))" } ?? status }),
            ("Description", version.description.flatMap { $0.isEmpty ? nil : $0 }),
            ("Created", CellText.labelledTime(version.creationTimestamp).map { time in version.userID.map { "\(time) by \($0)" } ?? time }),
            ("Updated", CellText.labelledTime(version.lastUpdatedTimestamp)),
            ("Source", version.source ?? CellText.missing),
            ("Download URI", detail.downloadURI ?? "(unavailable)"),
            ("Model ID", version.modelID),
            ("Run link", version.runLink),
            ("Tags", CellText.tags(otherTags)),
            ("Scan", version.scanVerdict ?? "not scanned"),
            ("Findings", version.scanFindings.map { $0.components(separatedBy: ", ").joined(separator: "\n") }),
        ])
        return fields.render() + "\n\n" + lineage(runID: version.runID, run: detail.run)
    }
}
