import HTTPTypes
import Hummingbird
import Logging

/// The HTTP front of `ferry serve`: the Open Inference Protocol v2 under `/v2`, MLflow's scoring
/// protocol (`/invocations`, `/ping`, `/health`, `/version`), `/metrics`, and the rollout admin API
/// under `/admin`, all on one port.
///
/// Every refusal is answered in the protocol's own error format with a clear message; nothing a
/// client sends can crash the server.
public struct InferenceResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    let oip: OIPHandlers
    let scoring: ScoringHandlers
    let metrics: (@Sendable () -> [UInt8])?
    let admin: (@Sendable (Request, String) async -> Response?)?
    let logger: Logger

    /// The default request size limit: 64 MiB.
    public static let defaultMaxBodySize = 64 * 1024 * 1024

    /// Wired by ``InferenceServer``, the one place that assembles the server.
    init(
        service: InferenceService, version: String, maxBodySize: Int, metrics: (@Sendable () -> [UInt8])?,
        admin: (@Sendable (Request, String) async -> Response?)?, logger: Logger
    ) {
        oip = OIPHandlers(service: service, serverVersion: version, maxBodySize: maxBodySize)
        scoring = ScoringHandlers(service: service, serverVersion: version, maxBodySize: maxBodySize)
        self.metrics = metrics
        self.admin = admin
        self.logger = logger
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        if path == "/v2" || path.hasPrefix("/v2/") {
            if let response = await oip.respond(to: request, path: path) { return response }
            return ServingResponses.oipError(ServingError(.notFound, "No OIP endpoint \(request.method.rawValue) \(path)."))
        }
        if path == "/metrics", request.method == .get, let metrics {
            return ServingResponses.json(metrics(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        if path.hasPrefix("/admin/"), let admin, let response = await admin(request, path) {
            return response
        }
        if let response = await scoring.respond(to: request, path: path) { return response }
        return ServingResponses.oipError(ServingError(.notFound, "No endpoint \(request.method.rawValue) \(path); see /v2 (Open Inference Protocol) and /invocations (MLflow scoring)."))
    }
}
