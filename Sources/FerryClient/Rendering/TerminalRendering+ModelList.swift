extension TerminalRendering {
    /// The table `ferry models list` prints: NAME, LATEST VERSION, ALIASES, UPDATED (UTC), DESCRIPTION.
    public static func modelList(_ models: [RegisteredModel]) -> String {
        guard !models.isEmpty else { return "No registered models." }
        let rows = models.map { model in
            [
                model.name,
                model.latestVersionNumber ?? CellText.missing,
                CellText.aliases(model.aliases),
                CellText.time(model.lastUpdatedTimestamp),
                CellText.firstLine(model.description, limit: descriptionWidth),
            ]
        }
        return TextTable(headers: ["NAME", "LATEST VERSION", "ALIASES", "UPDATED (UTC)", "DESCRIPTION"], rows: rows).render()
    }
}
