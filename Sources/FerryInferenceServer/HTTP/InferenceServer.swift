import FerryBlobs
import Logging
import ServiceLifecycle

/// `ferry serve` assembled: deployments and their rollout controller, the HTTP responder with
/// `/metrics`, the prediction log, and the admin API, wired together once.
///
/// Start deployments with ``controller``, serve ``responder``, and run ``services`` beside the HTTP
/// server (the prediction log's flusher, which also writes what is left at graceful shutdown).
public struct InferenceServer: Sendable {
    /// Where sampled predictions go.
    public struct PredictionLogSettings: Sendable {
        public var store: any BlobStore
        /// The folder under the store's root (`""` for the root).
        public var prefix: String
        /// The share of requests logged, 0 to 1.
        public var sampleRate: Double

        public init(store: any BlobStore, prefix: String, sampleRate: Double) {
            self.store = store
            self.prefix = prefix
            self.sampleRate = sampleRate
        }
    }

    public let controller: RolloutController
    public let responder: InferenceResponder
    /// Background services to run with the HTTP server.
    public let services: [any Service]

    /// - Parameters:
    ///   - reader: reads model files (and registered versions through a tracking server).
    ///   - version: what `/version` and OIP server metadata report.
    ///   - maxBodySize: requests over this many bytes get 413.
    ///   - predictionLog: where sampled requests and answers go; nil logs none.
    ///   - admin: who may use the rollout admin API.
    public init(
        reader: ModelFileReader, version: String, maxBodySize: Int = InferenceResponder.defaultMaxBodySize,
        predictionLog: PredictionLogSettings? = nil, admin: AdminAccess = .disabled, logger: Logger
    ) {
        let table = DeploymentTable()
        let metrics = InferenceMetrics()
        let loader = VersionLoader(reader: reader, table: table, logger: logger) { model, version, ready in
            metrics.setReady(model: model, version: version, ready: ready)
        }
        controller = RolloutController(table: table, loader: loader)
        var observers: [any InferenceObserver] = [MetricsObserver(metrics: metrics)]
        var services: [any Service] = []
        if let predictionLog {
            let log = PredictionLog(store: predictionLog.store, prefix: predictionLog.prefix, sampleRate: predictionLog.sampleRate, logger: logger)
            observers.append(PredictionLogObserver(log: log))
            services.append(log)
        }
        self.services = services
        responder = InferenceResponder(
            service: InferenceService(table: table, observers: observers), version: version, maxBodySize: maxBodySize,
            metrics: { metrics.exposition() }, admin: AdminAPI.hook(controller: controller, access: admin, logger: logger),
            logger: logger)
    }
}

/// Counts every inference in the Prometheus metrics.
struct MetricsObserver: InferenceObserver {
    let metrics: InferenceMetrics

    func observe(_ event: InferenceEvent) {
        metrics.record(model: event.model, version: event.version, protocol: event.protocolName, role: event.role, code: event.code, seconds: event.seconds)
    }
}

/// Offers every answered (not shadow, not refused) inference to the prediction log.
struct PredictionLogObserver: InferenceObserver {
    let log: PredictionLog

    func observe(_ event: InferenceEvent) {
        guard event.code == 200, event.role != "shadow" else { return }
        log.submit(model: event.model, version: event.version, protocol: event.protocolName, requestID: event.requestID, inputs: event.inputs, outputs: event.outputs)
    }
}
