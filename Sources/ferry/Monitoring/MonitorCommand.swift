import ArgumentParser
import AsyncHTTPClient
import FerryBlobs
import FerryClient
import FerryMonitor
import FerryMonitorService
import FerryTables
import Foundation
import Hummingbird
import Logging

/// `ferry monitor`: drift of a served model's live traffic against its reference, as gauges and MLflow runs.
struct MonitorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Watch a served model for drift: prediction logs against its reference, as metrics and runs.",
        discussion: """
            Every --interval, reads the last --window of the prediction log that `ferry serve --log-predictions` \
            writes for --model, compares it with the reference dataset using the same tests as `ferry drift`, \
            exports gauges on http://HOST:PORT/metrics (ferry_monitor_dataset_drift_share, \
            ferry_monitor_column_drift_score, ferry_monitor_rows, ...), and keeps each report as a finished run in \
            the --experiment of the tracking server, with drift_report.json and drift_report.html as artifacts.

            The reference is a CSV file, or the dataset registered with a model version: models:/NAME/VERSION or \
            models:/NAME@ALIAS reads the version's tag ferry.monitoring.reference (runs:/RUN_ID/PATH, or a path \
            in the version's artifacts), else its reference.csv. With --version and no --reference, the \
            reference is models:/MODEL/VERSION.

            Prediction-log columns are named after tensors: an input of shape [N] or [N,1] is one column with \
            the tensor's name; a wide input [N,F] takes the names given by --feature-names TENSOR=a,b,c, else \
            the reference's columns in order when exactly F of them match no other logged column, else \
            TENSOR[0] ... TENSOR[F-1]. Only columns the reference also has are compared.

            With --once, compares one window and exits: 0 no dataset drift, 1 drift, 2 a usage or input error \
            (no data in the window is an error: status 2).

            Examples:
              ferry monitor --model churn --logs ./predictions \\
                  --reference models:/churn@champion
              ferry monitor --model churn --version 3 \\
                  --logs s3://ml-logs/predictions --window 1h --interval 5m
              ferry monitor --model churn --logs ./predictions \\
                  --reference train.csv --once --html drift.html
            """
    )

    @Option(help: ArgumentHelp("The served model's name, as the prediction log records it.", valueName: "name"))
    var model: String

    @Option(help: ArgumentHelp("Where `ferry serve --log-predictions` writes: a folder or s3://bucket/prefix.", valueName: "uri"))
    var logs: String

    @Option(help: ArgumentHelp("The reference: a CSV file, models:/NAME/VERSION or models:/NAME@ALIAS.", valueName: "source"))
    var reference: String?

    @Option(help: ArgumentHelp("Only this version's traffic. Default: the version with the most records in the window.", valueName: "v"))
    var version: String?

    @Option(help: ArgumentHelp("How much recent traffic to compare (30s, 15m, 1h, 1d).", valueName: "duration"))
    var window: String = "1h"

    @Option(help: ArgumentHelp("Time between comparisons.", valueName: "duration"))
    var interval: String = "5m"

    @Option(name: .customLong("min-rows"), help: ArgumentHelp("Skip windows with fewer current rows than this.", valueName: "n"))
    var minimumRows: Int = 100

    @Option(name: .customLong("feature-names"), help: ArgumentHelp("Names of a wide input tensor's columns: TENSOR=a,b,c (repeatable).", valueName: "tensor=names"))
    var featureNames: [String] = []

    @OptionGroup var selection: DriftSelectionOptions

    @Option(name: .customLong("tracking-uri"), help: ArgumentHelp("The tracking server for runs and registered references. Default: MLFLOW_TRACKING_URI.", valueName: "uri"))
    var trackingURI: String?

    @Option(help: ArgumentHelp("The experiment that keeps the reports.", valueName: "name"))
    var experiment: String = "ferry-monitoring"

    @Flag(name: .customLong("no-runs"), help: "Keep no runs, even with a tracking server.")
    var noRuns = false

    @Option(help: ArgumentHelp("Where /metrics listens.", valueName: "host"))
    var host: String = "127.0.0.1"

    @Option(help: ArgumentHelp("The /metrics port.", valueName: "port"))
    var port: Int = 9400

    @Flag(help: "Compare one window, print the summary and exit with 0 (no drift), 1 (drift) or 2 (error).")
    var once = false

    @Option(help: ArgumentHelp("With --once: write the HTML report here.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("With --once: write the JSON report here ('-' for standard output).", valueName: "file"))
    var json: String?

    @Option(name: .customLong("log-level"), help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    var logLevel: String = "info"

    func validate() throws {
        guard MonitorDuration.milliseconds(window) != nil else { throw ValidationError("--window '\(window)' is not a duration such as 30s, 15m, 1h or 1d.") }
        guard MonitorDuration.milliseconds(interval) != nil else { throw ValidationError("--interval '\(interval)' is not a duration such as 30s, 15m, 1h or 1d.") }
        if reference == nil, version == nil { throw ValidationError("give --reference (a CSV file or models:/NAME/VERSION), or --version to use models:/\(model)/VERSION.") }
        if !once, html != nil || json != nil { throw ValidationError("--html and --json go with --once; a running monitor keeps its reports as runs.") }
        if minimumRows < 1 { throw ValidationError("--min-rows must be at least 1.") }
        for setting in featureNames where !setting.contains("=") {
            throw ValidationError("--feature-names '\(setting)' is not TENSOR=a,b,c.")
        }
    }

    func run() async throws {
        ServerLogging.bootstrap(level: Logger.Level(rawValue: logLevel) ?? .info)
        let logger = Logger(label: "ferry.monitor")
        let options = try await MonitoringExit.usage { () throws(DriftError) in try selection.driftOptions() }
        let environment = ProcessInfo.processInfo.environment
        let uri = trackingURI ?? environment["MLFLOW_TRACKING_URI"]
        let client = try uri.map { RegistryClient(transport: try makeTransport(trackingURI: $0)) }
        let source = try monitorReference()
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await run(
                source: source, client: client, options: options, environment: environment, httpClient: httpClient, logger: logger)
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
    }

    private func run(
        source: ReferenceSource, client: RegistryClient?, options: DriftOptions, environment: [String: String],
        httpClient: HTTPClient, logger: Logger
    ) async throws {
        let monitor = try await MonitoringExit.setup {
            let store = try BlobStoreFactory.make(destination: logs, environment: environment, httpClient: httpClient, logger: logger)
            let (bytes, origin) = try await source.fetch(client: client)
            let table = try CSVReader().read(bytes: Array(bytes), source: origin)
            return DriftMonitor(
                configuration: .init(
                    model: model, version: version, windowMilliseconds: MonitorDuration.milliseconds(window)!, options: options,
                    featureNames: parsedFeatureNames(), minimumRows: minimumRows),
                log: PredictionLogWindow(store: store, prefix: .root, model: model), reference: (table, origin),
                gauges: DriftGauges(), recorder: noRuns ? nil : client.map { MonitoringRunRecorder(client: $0, experimentName: experiment) },
                logger: logger)
        }
        if once {
            try await compareOnce(monitor)
            return
        }
        let loop = MonitorLoop(monitor: monitor, interval: .milliseconds(MonitorDuration.milliseconds(interval)!), now: MonitorDuration.now)
        let app = Application(
            router: MonitorHTTP.router(gauges: monitor.gauges),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "ferry-monitor"),
            services: [loop],
            onServerRunning: { channel in
                logger.info("Ferry monitor running", metadata: [
                    "metrics": "\(channel.localAddress.map { "\($0)" } ?? "")/metrics", "model": "\(model)",
                    "reference": "\(monitor.reference.origin)", "window": "\(window)", "interval": "\(interval)",
                ])
            },
            logger: logger)
        try await app.runService()
    }

    private func compareOnce(_ monitor: DriftMonitor) async throws {
        let outcome = try await MonitoringExit.setup { try await monitor.compareWindow(endingAt: MonitorDuration.now()) }
        switch outcome {
        case .noData(let reason):
            throw MonitoringExit.fail(reason)
        case .compared(let report, _, let runID):
            try ReportOutput.write(report, html: html, json: json)
            if json != "-" {
                print(DriftSummaryText.render(report))
                if let runID { print("kept as run \(runID) in experiment '\(experiment)'") }
            }
            if report.datasetDrift { throw ExitCode(1) }
        }
    }

    private func monitorReference() throws -> ReferenceSource {
        do {
            return try ReferenceSource(parsing: reference ?? "models:/\(model)/\(version!)")
        } catch {
            throw MonitoringExit.fail(error.description)
        }
    }

    private func parsedFeatureNames() -> [String: [String]] {
        var names = [String: [String]]()
        for setting in featureNames {
            switch ColumnSetting.parse(setting) {
            case .column(let tensor, let list): names[tensor] = list.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            case .all: break
            }
        }
        return names
    }
}

/// Durations as people write them on a command line: `90`, `30s`, `15m`, `1h`, `2d`.
enum MonitorDuration {
    static func milliseconds(_ text: String) -> Int64? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        var number = text
        var scale = 1.0
        if let last = text.last, let unit = units[last] {
            number = String(text.dropLast())
            scale = unit
        }
        guard let value = Double(number), value > 0, value.isFinite else { return nil }
        return Int64(value * scale * 1000)
    }

    @Sendable static func now() -> Int64 {
        Int64(Date().timeIntervalSince1970 * 1000)
    }
}
