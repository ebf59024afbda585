import FerryBlobs
import FerryCore
import FerryMonitor
import FerryTables
import Foundation
import Logging

/// Compares a served model's recent traffic with its reference: reads the prediction log over a sliding window,
/// runs the drift tests, updates the gauges and keeps the report as an MLflow run.
public struct DriftMonitor: Sendable {
    /// What to watch and how.
    public struct Configuration: Sendable {
        /// The served model's name, as `ferry serve` logs it.
        public var model: String
        /// Only records of this version; nil takes the version with the most records in the window.
        public var version: String?
        /// The window's length, in milliseconds.
        public var windowMilliseconds: Int64
        /// Test selection and thresholds.
        public var options: DriftOptions
        /// Names for the columns of a wide input tensor (`tensor` → names); see ``WideTensorNaming``.
        public var featureNames: [String: [String]]
        /// Fewer current rows than this make no report (too little traffic to say anything).
        public var minimumRows: Int

        public init(
            model: String, version: String? = nil, windowMilliseconds: Int64, options: DriftOptions = DriftOptions(),
            featureNames: [String: [String]] = [:], minimumRows: Int = 1
        ) {
            self.model = model
            self.version = version
            self.windowMilliseconds = windowMilliseconds
            self.options = options
            self.featureNames = featureNames
            self.minimumRows = minimumRows
        }
    }

    /// What one window gave.
    public enum Outcome: Sendable {
        /// A report, for this version, kept as this run (nil when no tracking server is set).
        case compared(DriftReport, version: String, runID: String?)
        /// Nothing to compare, and why.
        case noData(String)
    }

    public let configuration: Configuration
    public let log: PredictionLogWindow
    /// The reference table and where it came from.
    public let reference: (table: Table, origin: String)
    public let gauges: DriftGauges
    public let recorder: MonitoringRunRecorder?
    public let logger: Logger

    public init(
        configuration: Configuration, log: PredictionLogWindow, reference: (table: Table, origin: String), gauges: DriftGauges,
        recorder: MonitoringRunRecorder?, logger: Logger
    ) {
        self.configuration = configuration
        self.log = log
        self.reference = reference
        self.gauges = gauges
        self.recorder = recorder
        self.logger = logger
    }

    /// Compares the window that ends at `now` (epoch milliseconds).
    public func compareWindow(endingAt now: Int64) async throws -> Outcome {
        let start = now - configuration.windowMilliseconds
        let objects = try await log.objects(from: start, to: now)
        guard !objects.isEmpty else { return .noData("no prediction-log objects for \(configuration.model) in the window") }
        var files = [PredictionLogFile]()
        for object in objects {
            files.append(PredictionLogFile(name: object.path.description, bytes: try await log.read(object)))
        }
        var reader = PredictionLogReader(
            columnNames: configuration.featureNames, from: PredictionLogReader.timestamp(millisecondsSince1970: start),
            to: PredictionLogReader.timestamp(millisecondsSince1970: now), model: configuration.model,
            version: configuration.version, skipInvalid: true)
        let first = try reader.read(files)
        guard let version = configuration.version ?? first.busiestVersion else {
            return .noData("no records for \(configuration.model) in the window")
        }
        let names = WideTensorNaming.names(
            given: configuration.featureNames, logColumns: first.table.columnNames, referenceColumns: reference.table.columnNames)
        // The first pass is the answer when it already read only this version with these names; else read once more.
        let onlyThisVersion = configuration.version != nil || first.recordCountsByVersion.count == 1
        let current: Table
        if onlyThisVersion, names == reader.columnNames {
            current = first.table
        } else {
            reader.version = version
            reader.columnNames = names
            current = try reader.read(files).table
        }
        guard current.rowCount >= configuration.minimumRows else {
            return .noData("\(current.rowCount) rows of \(configuration.model) version \(version) in the window; "
                + "at least \(configuration.minimumRows) are needed")
        }
        var options = configuration.options
        let shared = reference.table.columnNames.filter { current.column(named: $0) != nil }
        if options.columns == nil { options.columns = shared }
        guard !(options.columns ?? []).isEmpty else {
            throw MonitorError(
                "the prediction log's columns (\(current.columnNames.joined(separator: ", "))) share none with the reference's "
                    + "(\(reference.table.columnNames.joined(separator: ", "))): name a wide input's columns with --feature-names")
        }
        let source = "\(configuration.model) v\(version), \(CivilTime(millisecondsSince1970: start).iso8601) to "
            + CivilTime(millisecondsSince1970: now).iso8601
        let report = try await DriftAnalyzer(options: options).analyze(
            reference: reference.table, current: current, sources: (reference.origin, source),
            generatedAt: Date(timeIntervalSince1970: Double(now) / 1000))
        gauges.record(report, model: configuration.model, version: version, at: Double(now) / 1000)
        var runID: String?
        if let recorder {
            runID = try await recorder.record(
                report,
                window: .init(model: configuration.model, version: version, reference: reference.origin, start: start, end: now),
                html: DriftReportHTML.render(report))
        }
        logger.info(
            "compared window",
            metadata: [
                "model": "\(configuration.model)", "version": "\(version)", "rows": "\(current.rowCount)",
                "drifted_columns": "\(report.driftedColumns)/\(report.testedColumns)", "dataset_drift": "\(report.datasetDrift)",
                "run_id": "\(runID ?? "-")",
            ])
        return .compared(report, version: version, runID: runID)
    }
}
