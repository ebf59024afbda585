import FerryCore
import HTTPTypes
import FerryStore

extension TrackingHandlers {
    var loggingRoutes: [APIRoute] {
        let store = self.store
        return [
            APIRoute(.post, "2.0/mlflow/runs/log-metric") { request in
                let fields = request.fields
                let metric = try Self.metric(fields)
                try await store.logBatch(runID: try Self.runID(fields), metrics: [metric], params: [], tags: [])
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/runs/log-parameter") { request in
                let fields = request.fields
                let param = KeyValue(key: try fields.requiredString("key"), value: try fields.string("value") ?? "")
                try await store.logBatch(runID: try Self.runID(fields), metrics: [], params: [param], tags: [])
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/runs/set-tag") { request in
                let fields = request.fields
                let tag = KeyValue(key: try fields.requiredString("key"), value: try fields.string("value") ?? "")
                try await store.logBatch(runID: try Self.runID(fields), metrics: [], params: [], tags: [tag])
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/runs/delete-tag") { request in
                let fields = request.fields
                try await store.deleteTag(runID: try fields.requiredString("run_id"), key: try fields.requiredString("key"))
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/runs/log-batch") { request in
                let fields = request.fields
                let runID = try fields.requiredString("run_id")
                let metrics = try fields.objects("metrics").map(Self.metric)
                let params = try fields.keyValues("params")
                let tags = try fields.keyValues("tags")
                try await store.logBatch(runID: runID, metrics: metrics, params: params, tags: tags)
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/runs/log-inputs") { request in
                let fields = request.fields
                let datasets = try fields.objects("datasets").map { input in
                    guard let dataset = try input.object("dataset") else {
                        throw FerryError.invalidParameter(Messages.missingValue(Messages.joinPath(input.path, "dataset")))
                    }
                    return DatasetInput(
                        dataset: Dataset(
                            name: try dataset.requiredString("name"), digest: try dataset.requiredString("digest"),
                            sourceType: try dataset.requiredString("source_type"), source: try dataset.requiredString("source"),
                            schema: try dataset.string("schema"), profile: try dataset.string("profile")),
                        tags: try input.keyValues("tags"))
                }
                let models = try fields.objects("models").map { try $0.requiredString("model_id") }
                try await store.logInputs(runID: try fields.requiredString("run_id"), datasets: datasets, modelIDs: models)
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/runs/outputs") { request in
                let fields = request.fields
                let models = try fields.objects("models").map { ModelOutput(modelID: try $0.requiredString("model_id"), step: try $0.int64("step") ?? 0) }
                try await store.logOutputs(runID: try fields.requiredString("run_id"), models: models)
                return .object([])
            },
            APIRoute(.get, "2.0/mlflow/metrics/get-history") { request in
                let fields = request.fields
                let maxResults = try fields.int64("max_results").map { Int(clamping: $0) }
                let page = try await store.metricHistory(
                    runID: try Self.runID(fields), key: try fields.requiredString("metric_key"), maxResults: maxResults,
                    pageToken: try fields.string("page_token"))
                return .fields([("metrics", .array(page.items.map(DomainJSON.metric))), ("next_page_token", Self.page(page.nextPageToken))])
            },
            APIRoute(.get, "2.0/mlflow/metrics/get-history-bulk-interval") { request in
                let fields = request.fields
                let runIDs = try fields.strings("run_ids")
                guard !runIDs.isEmpty, runIDs.count <= 100 else {
                    throw FerryError.invalidParameter("GetMetricHistoryBulkInterval request must specify between 1 and 100 run_ids.")
                }
                let key = try fields.requiredString("metric_key")
                let start = try fields.int64("start_step")
                let end = try fields.int64("end_step")
                let maxResults = Int(clamping: try fields.int64("max_results") ?? 320)
                var metrics: [JSONOutput] = []
                for runID in runIDs {
                    let history = try await store.metricHistory(runID: runID, key: key, maxResults: nil, pageToken: nil)
                    let inRange = history.items.filter { metric in
                        metric.step >= (start ?? Int64.min) && metric.step <= (end ?? Int64.max)
                    }
                    for var metric in MetricSampling.sample(inRange, maxResults: maxResults) {
                        metric.runID = runID
                        metrics.append(DomainJSON.metric(metric))
                    }
                }
                return .fields([("metrics", .array(metrics))])
            },
        ]
    }
}

/// Evenly spaced samples of a metric history, keeping the first and last points.
enum MetricSampling {
    static func sample(_ metrics: [Metric], maxResults: Int) -> [Metric] {
        guard metrics.count > maxResults, maxResults > 1 else { return metrics }
        let stride = Double(metrics.count - 1) / Double(maxResults - 1)
        return (0..<maxResults).map { metrics[Int((Double($0) * stride).rounded())] }
    }
}
