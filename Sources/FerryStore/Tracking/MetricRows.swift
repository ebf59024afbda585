import FerryCore

/// The rows one batch of metric points writes, built before the write transaction starts so that
/// building the statements is not done while the database's write lock is held.
struct MetricRows: Sendable {
    static let columnTypes = ["text", "text", "float8", "integer", "bigint", "bigint", "text", "text", "text"]

    /// `metrics` rows, at most 1000 per statement.
    let history: [SQLValueRows]
    /// One `latest_metrics` row per key: the point with the largest (step, timestamp, value).
    let latest: SQLValueRows
    /// `logged_model_metrics` rows for points logged with a model id.
    let models: [SQLValueRows]

    var isEmpty: Bool { history.isEmpty }

    init(runID: String, _ metrics: [Metric]) {
        history = chunked(metrics, size: 1000).map { Self.rows(runID: runID, $0) }
        var newest: [String: Metric] = [:]
        for metric in metrics {
            if let current = newest[metric.key], !metric.supersedes(current) { continue }
            newest[metric.key] = metric
        }
        latest = Self.rows(runID: runID, newest.values.sorted { $0.key < $1.key })
        models = chunked(metrics.filter { $0.modelID?.isEmpty == false }, size: 1000).map { chunk in
            var rows = SQLValueRows(columns: 9, reservingRows: chunk.count)
            rows.columnTypes = Self.columnTypes
            for metric in chunk {
                let (value, isNaN) = SQLTrackingStore.storedValue(metric.value)
                rows.append(
                    .text(metric.modelID!), .text(metric.key), .double(value), .int(Int64(isNaN)), .int(metric.timestamp),
                    .int(metric.step), .text(runID), .optionalText(metric.datasetName), .optionalText(metric.datasetDigest))
            }
            rows.prepareLiteral()
            return rows
        }
    }

    /// `metrics` / `latest_metrics` rows, in the column order both tables use.
    private static func rows(runID: String, _ metrics: some Collection<Metric>) -> SQLValueRows {
        var rows = SQLValueRows(columns: 9, reservingRows: metrics.count)
        rows.columnTypes = columnTypes
        for metric in metrics {
            let (value, isNaN) = SQLTrackingStore.storedValue(metric.value)
            rows.append(
                .text(runID), .text(metric.key), .double(value), .int(Int64(isNaN)), .int(metric.timestamp), .int(metric.step),
                .optionalText(metric.datasetName), .optionalText(metric.datasetDigest), .optionalText(metric.modelID))
        }
        rows.prepareLiteral()
        return rows
    }
}
