extension TerminalRendering {
    /// What `ferry models show NAME` prints: the model's fields, then a table of its versions.
    public static func modelOverview(_ overview: ModelOverview) -> String {
        let model = overview.registeredModel
        let fields = FieldList(fields: [
            ("Model", model.name),
            ("Description", model.description.flatMap { $0.isEmpty ? nil : $0 }),
            ("Aliases", CellText.aliases(model.aliases)),
            ("Tags", CellText.tags(model.tags)),
            ("Created", CellText.labelledTime(model.creationTimestamp)),
            ("Updated", CellText.labelledTime(model.lastUpdatedTimestamp)),
        ])
        return fields.render() + "\n\n" + versionTable(overview.modelVersions, modelAliases: model.aliases)
    }

    /// VERSION, STAGE, ALIASES, SCAN, RUN, CREATED (UTC), SOURCE: one row per version.
    ///
    /// A version's aliases come from the version and from the model: MLflow's version search leaves them out.
    static func versionTable(_ versions: [ModelVersion], modelAliases: [RegisteredModelAlias]) -> String {
        guard !versions.isEmpty else { return "No versions." }
        let rows = versions.map { version in
            let aliases = Set(version.aliases + modelAliases.filter { $0.version == version.version }.map(\.alias))
            return [
                version.version,
                version.currentStage ?? CellText.missing,
                CellText.list(aliases.sorted()),
                version.scanVerdict ?? CellText.missing,
                CellText.shortID(version.runID),
                CellText.time(version.creationTimestamp),
                version.source ?? CellText.missing,
            ]
        }
        let headers = ["VERSION", "STAGE", "ALIASES", "SCAN", "RUN", "CREATED (UTC)", "SOURCE"]
        return TextTable(headers: headers, rows: rows).render()
    }
}
