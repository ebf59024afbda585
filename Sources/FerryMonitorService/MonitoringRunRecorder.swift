import FerryClient
import FerryMonitor
import Foundation

/// Keeps each window's drift report as an MLflow run, so the history of drift is browsable with any MLflow client:
/// one run per window in one experiment, with the report's numbers as metrics and the report files as artifacts.
///
/// A run carries:
/// - metrics `dataset_drift` (0/1), `drift_share`, `drifted_columns`, `tested_columns`, `current_rows`, and
///   `drift_score.<column>` for each column, all at the window's end time;
/// - params `model`, `version`, `reference`, `window_seconds`, and `method.<column>`;
/// - tags `ferry.monitoring.model`, `ferry.monitoring.version`, `ferry.monitoring.dataset_drift` and
///   `mlflow.source.name` = `ferry monitor`;
/// - artifacts `drift_report.json` and `drift_report.html`.
public struct MonitoringRunRecorder: Sendable {
    /// The tracking server.
    public let client: RegistryClient
    /// The experiment the runs go to.
    public let experimentName: String

    public init(client: RegistryClient, experimentName: String) {
        self.client = client
        self.experimentName = experimentName
    }

    /// What a window is about, for the run's name, params and tags.
    public struct Window: Sendable {
        public var model: String
        public var version: String
        public var reference: String
        public var start: Int64
        public var end: Int64
        public init(model: String, version: String, reference: String, start: Int64, end: Int64) {
            self.model = model
            self.version = version
            self.reference = reference
            self.start = start
            self.end = end
        }
    }

    /// Logs `report` for `window` as one finished run; returns the run's id.
    public func record(_ report: DriftReport, window: Window, html: String) async throws -> String {
        let experimentID = try await client.experimentID(creatingIfMissing: experimentName)
        let run = try await client.createRun(
            experimentID: experimentID, runName: "drift-\(window.model)-v\(window.version)-\(report.generatedAt)",
            startTime: window.end,
            tags: [
                "ferry.monitoring.model": window.model, "ferry.monitoring.version": window.version,
                "ferry.monitoring.dataset_drift": report.datasetDrift ? "true" : "false",
                "mlflow.source.name": "ferry monitor", "mlflow.source.type": "JOB",
            ])
        var metrics = [
            Metric(key: "dataset_drift", value: report.datasetDrift ? 1 : 0, timestamp: window.end, step: 0),
            Metric(key: "drift_share", value: report.driftShare, timestamp: window.end, step: 0),
            Metric(key: "drifted_columns", value: Double(report.driftedColumns), timestamp: window.end, step: 0),
            Metric(key: "tested_columns", value: Double(report.testedColumns), timestamp: window.end, step: 0),
            Metric(key: "current_rows", value: Double(report.current.rows), timestamp: window.end, step: 0),
        ]
        metrics += report.columns.map {
            Metric(key: "drift_score.\(Self.metricKey($0.name))", value: $0.score, timestamp: window.end, step: 0)
        }
        var params = [
            "model": window.model, "version": window.version, "reference": String(window.reference.prefix(500)),
            "window_seconds": String((window.end - window.start) / 1000),
        ]
        for column in report.columns { params["method.\(Self.metricKey(column.name))"] = column.method.rawValue }
        // MLflow takes at most 1000 metrics and 100 params per batch.
        for (index, chunk) in metrics.chunked(900).enumerated() {
            try await client.logBatch(runID: run.runID, metrics: Array(chunk), params: index == 0 ? params.limited(100) : [:])
        }
        let encoder = DriftReportJSON.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        let artifactRoot = run.artifactURI ?? ""
        try await client.uploadArtifact(
            artifactURI: artifactRoot, path: "drift_report.json", data: try encoder.encode(report), contentType: "application/json")
        try await client.uploadArtifact(
            artifactURI: artifactRoot, path: "drift_report.html", data: Data(html.utf8), contentType: "text/html; charset=utf-8")
        try await client.finishRun(runID: run.runID, endTime: Int64(Date().timeIntervalSince1970 * 1000))
        return run.runID
    }

    /// A column name as an MLflow key: letters, digits, `_ - . /` and spaces are allowed; anything else becomes `_`.
    static func metricKey(_ name: String) -> String {
        String(name.map { character in
            character.isLetter && character.isASCII || character.isNumber && character.isASCII || "_-. /".contains(character)
                ? character : "_"
        }.prefix(200))
    }
}

extension Array {
    fileprivate func chunked(_ size: Int) -> [ArraySlice<Element>] {
        guard !isEmpty else { return [[]] }
        return stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension Dictionary where Key == String, Value == String {
    fileprivate func limited(_ count: Int) -> [String: String] {
        Dictionary(uniqueKeysWithValues: sorted { $0.key < $1.key }.prefix(count).map { ($0.key, $0.value) })
    }
}
