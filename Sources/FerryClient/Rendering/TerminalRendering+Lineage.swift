import Foundation

extension TerminalRendering {
    /// The `Lineage` section: the run that produced a version, its parameters, latest metrics and input datasets.
    static func lineage(runID: String?, run: Run?) -> String {
        guard let runID, !runID.isEmpty else { return "Lineage\n  No run is recorded for this version." }
        guard let run else { return "Lineage\n  Run  \(runID) (could not be read)" }
        let info = run.info
        let fields = FieldList(
            fields: [
                ("Run", info.runName.map { "\(info.runID) (\($0))" } ?? info.runID),
                ("Experiment", info.experimentID),
                ("Status", info.status),
                ("Started", CellText.labelledTime(info.startTime)),
                ("Ended", CellText.labelledTime(info.endTime)),
                ("Artifacts", info.artifactURI),
            ], indent: "  ")
        let sections = [fields.render(), parameters(run.data.params), metrics(run.data.latestMetrics), datasets(run.inputs.datasetInputs)]
        return "Lineage\n" + sections.joined(separator: "\n\n")
    }

    private static func parameters(_ params: [KeyValue]) -> String {
        guard !params.isEmpty else { return "  Parameters: none" }
        let rows = params.sorted { $0.key < $1.key }.map { [$0.key, CellText.oneLine($0.value, limit: 80)] }
        return "  Parameters\n" + TextTable(headers: ["KEY", "VALUE"], rows: rows, indent: "    ").render()
    }

    private static func metrics(_ metrics: [Metric]) -> String {
        guard !metrics.isEmpty else { return "  Metrics: none" }
        let rows = metrics.map { [$0.key, CellText.number($0.value), $0.step.map(String.init) ?? "0", CellText.time($0.timestamp)] }
        return "  Metrics (latest value of each)\n"
            + TextTable(headers: ["KEY", "VALUE", "STEP", "LOGGED (UTC)"], rows: rows, indent: "    ").render()
    }

    private static func datasets(_ inputs: [DatasetInput]) -> String {
        guard !inputs.isEmpty else { return "  Input datasets: none" }
        let rows = inputs.map { input in
            [
                input.dataset.name, input.dataset.digest ?? CellText.missing, input.dataset.sourceType ?? CellText.missing,
                datasetSource(input.dataset.source), input.context ?? CellText.missing,
            ]
        }
        let headers = ["NAME", "DIGEST", "SOURCE TYPE", "SOURCE", "CONTEXT"]
        return "  Input datasets\n" + TextTable(headers: headers, rows: rows, indent: "    ").render()
    }

    /// A dataset's source, which MLflow stores as JSON such as `{"uri": "s3://…"}`: its location when it
    /// names one, otherwise the text on one line.
    static func datasetSource(_ source: String?) -> String {
        guard let source, !source.isEmpty else { return CellText.missing }
        if let object = try? JSONSerialization.jsonObject(with: Data(source.utf8)) as? [String: Any] {
            for key in ["uri", "url", "path", "table_name", "repo_id"] {
                if let location = object[key] as? String, !location.isEmpty { return location }
            }
        }
        return CellText.oneLine(source, limit: 80)
    }
}
