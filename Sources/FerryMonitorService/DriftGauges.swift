import FerryInferenceServer
import FerryMonitor
import Metrics
import Synchronization

/// The monitor's Prometheus gauges, per model and version, updated after every window:
/// - `ferry_monitor_dataset_drift_share{model,version}`: drifted columns / tested columns;
/// - `ferry_monitor_dataset_drift{model,version}`: 1 when the dataset drifted, else 0;
/// - `ferry_monitor_drifted_columns{model,version}`: how many columns drifted;
/// - `ferry_monitor_column_drift_score{model,version,column,method}`: each column's score (a p-value or a distance);
/// - `ferry_monitor_column_drift{model,version,column}`: 1 when the column drifted, else 0;
/// - `ferry_monitor_rows{model,version}`: rows of current data in the last window;
/// - `ferry_monitor_rows_seen_total{model,version}`: rows compared over all windows;
/// - `ferry_monitor_last_run_timestamp_seconds{model,version}`: when the last window was compared.
///
/// Made through swift-metrics over a registry this value owns; the global `MetricsSystem` is not touched.
public final class DriftGauges: Sendable {
    static let help = [
        "ferry_monitor_dataset_drift_share": "Share of tested columns that drifted in the last window.",
        "ferry_monitor_dataset_drift": "Whether the last window's data drifted as a whole (1) or not (0).",
        "ferry_monitor_drifted_columns": "Columns that drifted in the last window.",
        "ferry_monitor_column_drift_score": "The column's drift score in the last window: a p-value or a distance, by method.",
        "ferry_monitor_column_drift": "Whether the column drifted in the last window (1) or not (0).",
        "ferry_monitor_rows": "Rows of current data in the last window.",
        "ferry_monitor_rows_seen_total": "Rows of current data compared, over all windows.",
        "ferry_monitor_last_run_timestamp_seconds": "When the last window was compared, in seconds since 1970.",
    ]

    private let factory = PrometheusHelpTextFactory(help: DriftGauges.help)
    private let gauges = Mutex<[String: Gauge]>([:])
    private let counters = Mutex<[String: Counter]>([:])

    /// Gauges over a new, empty registry.
    public init() {}

    /// Records one window's report for `model` at `version`.
    public func record(_ report: DriftReport, model: String, version: String, at seconds: Double) {
        let labels = [("model", model), ("version", version)]
        gauge("ferry_monitor_dataset_drift_share", labels).record(report.driftShare)
        gauge("ferry_monitor_dataset_drift", labels).record(report.datasetDrift ? 1 : 0)
        gauge("ferry_monitor_drifted_columns", labels).record(Double(report.driftedColumns))
        gauge("ferry_monitor_rows", labels).record(Double(report.current.rows))
        gauge("ferry_monitor_last_run_timestamp_seconds", labels).record(seconds)
        counter("ferry_monitor_rows_seen_total", labels).increment(by: report.current.rows)
        for column in report.columns {
            gauge("ferry_monitor_column_drift_score", labels + [("column", column.name), ("method", column.method.rawValue)])
                .record(column.score)
            gauge("ferry_monitor_column_drift", labels + [("column", column.name)]).record(column.drifted ? 1 : 0)
        }
    }

    /// Every gauge in the Prometheus text exposition format (version 0.0.4).
    public func exposition() -> [UInt8] {
        factory.exposition()
    }

    /// One handle per name and label set, so a series is registered once.
    private func gauge(_ name: String, _ labels: [(String, String)]) -> Gauge {
        Self.handle(in: gauges, name, labels) { Gauge(label: name, dimensions: labels, factory: factory) }
    }

    private func counter(_ name: String, _ labels: [(String, String)]) -> Counter {
        Self.handle(in: counters, name, labels) { Counter(label: name, dimensions: labels, factory: factory) }
    }

    private static func handle<Handle>(
        in table: borrowing Mutex<[String: Handle]>, _ name: String, _ labels: [(String, String)], make: () -> Handle
    ) -> Handle {
        let key = ([name] + labels.map { "\($0.0)=\($0.1)" }).joined(separator: "\u{1F}")
        return table.withLock { handles in
            if let existing = handles[key] { return existing }
            let made = make()
            handles[key] = made
            return made
        }
    }
}
