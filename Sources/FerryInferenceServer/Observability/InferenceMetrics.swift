import Metrics
import Synchronization

/// The inference server's Prometheus metrics, per model, version, protocol and traffic role.
///
/// Exported series (`GET /metrics`, text format 0.0.4):
/// - `ferry_inference_requests_total{model,version,protocol,role,code}`: finished requests by HTTP status.
/// - `ferry_inference_failures_total{model,version,protocol,role}`: finished requests with a status >= 400;
///   it exists, at 0, as soon as the label set has had one request.
/// - `ferry_inference_request_duration_seconds{model,version,protocol,role}`: a histogram of request
///   durations, with buckets from 50 µs to 10 s (``durationBuckets``).
/// - `ferry_model_ready{model,version}`: 1 while the version is loaded and can answer, else 0.
///
/// `protocol` is `v2` (Open Inference Protocol) or `mlflow` (MLflow scoring). `role` says which traffic a
/// request was: `primary` (the only or stable version), `canary`, `shadow` (a mirrored copy whose answer is
/// discarded) or `direct` (a caller that named one version).
///
/// Metrics are made through swift-metrics with an explicit factory, over a registry owned by this value,
/// so several instances (one per test) never share series; the global `MetricsSystem` is not touched.
/// Handles are cached per label set: ``record(model:version:protocol:role:code:seconds:)`` takes one lock,
/// one dictionary lookup and no allocation once a label set has been seen.
final class InferenceMetrics: Sendable {
    static let requestsName = "ferry_inference_requests_total"
    static let failuresName = "ferry_inference_failures_total"
    static let durationName = "ferry_inference_request_duration_seconds"
    static let readyName = "ferry_model_ready"

    /// Upper bounds of the duration histogram's buckets: from a fast in-process model (tens of µs) to a
    /// request stuck behind a slow one.
    static let durationBuckets: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    private static let help = [
        requestsName: "Finished inference requests by model, version, protocol, traffic role and HTTP status code.",
        failuresName: "Finished inference requests that got an HTTP status code of 400 or more.",
        durationName: "Time from receiving an inference request to sending its response, in seconds.",
        readyName: "Whether the model version is loaded and ready to answer (1) or not (0).",
    ]

    private let factory: PrometheusHelpTextFactory
    private let series = Mutex<[SeriesKey: Series]>([:])
    private let readiness = Mutex<[VersionKey: Gauge]>([:])

    /// Metrics over a new, empty Prometheus registry of their own.
    init() {
        factory = PrometheusHelpTextFactory(help: Self.help, durationBuckets: [Self.durationName: Self.durationBuckets])
    }

    /// Counts one finished request and records how long it took.
    /// - Parameters:
    ///   - model: the model's name as the caller addressed it.
    ///   - version: the version that answered.
    ///   - protocol: `v2` or `mlflow`.
    ///   - role: `primary`, `canary`, `shadow` or `direct`.
    ///   - code: the HTTP status sent (or, for a shadow, the one it would have sent); 400 and up is a failure.
    ///   - seconds: the request's duration; negative or NaN durations count as 0.
    func record(
        model: String,
        version: String,
        protocol protocolName: String,
        role: String = "primary",
        code: Int,
        seconds: Double
    ) {
        let key = SeriesKey(model: model, version: version, protocolName: protocolName, role: role)
        let (requests, failures, duration) = series.withLock { table in
            table[key, default: Series(key, factory: factory)].handles(code: code, factory: factory)
        }
        requests.increment()
        if code >= 400 { failures.increment() }
        duration.recordSeconds(seconds.isNaN ? 0 : max(0, seconds))
    }

    /// Sets `ferry_model_ready{model,version}` to 1 or 0.
    func setReady(model: String, version: String, ready: Bool) {
        let key = VersionKey(model: model, version: version)
        let gauge = readiness.withLock { table in
            if let gauge = table[key] { return gauge }
            let gauge = Gauge(label: Self.readyName, dimensions: [("model", model), ("version", version)], factory: factory)
            table[key] = gauge
            return gauge
        }
        gauge.record(ready ? 1 : 0)
    }

    /// Every series in the Prometheus text exposition format (version 0.0.4), with `# HELP` and `# TYPE`
    /// lines; the body of `GET /metrics`, served as `text/plain; version=0.0.4; charset=utf-8`.
    func exposition() -> [UInt8] {
        factory.exposition()
    }
}

/// The labels shared by one request series' counters and histogram.
private struct SeriesKey: Hashable, Sendable {
    var model: String
    var version: String
    var protocolName: String
    var role: String

    var dimensions: [(String, String)] {
        [("model", model), ("version", version), ("protocol", protocolName), ("role", role)]
    }
}

private struct VersionKey: Hashable, Sendable {
    var model: String
    var version: String
}

/// The cached handles of one ``SeriesKey``.
private struct Series: Sendable {
    let dimensions: [(String, String)]
    let failures: Counter
    let duration: Timer
    var requestsByCode: [Int: Counter] = [:]

    init(_ key: SeriesKey, factory: some MetricsFactory) {
        dimensions = key.dimensions
        failures = Counter(label: InferenceMetrics.failuresName, dimensions: dimensions, factory: factory)
        duration = Timer(label: InferenceMetrics.durationName, dimensions: dimensions, factory: factory)
    }

    /// The handles to update for a request that got `code`, making its requests counter on first use.
    mutating func handles(code: Int, factory: some MetricsFactory) -> (Counter, Counter, Timer) {
        if let requests = requestsByCode[code] { return (requests, failures, duration) }
        let requests = Counter(
            label: InferenceMetrics.requestsName, dimensions: dimensions + [("code", String(code))], factory: factory)
        requestsByCode[code] = requests
        return (requests, failures, duration)
    }
}
