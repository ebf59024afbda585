import Foundation

/// The rollout admin API of a `ferry serve` inference server (`/admin/deployments`), over any
/// ``HTTPTransport``: list deployments, add a canary or shadow, change traffic, promote, roll back.
///
/// Every change answers with the deployment as it is afterwards, and its raw JSON for `--json`.
/// Failures throw ``ServingAdminError``.
public struct DeploymentsClient: Sendable {
    /// A decoded answer together with the server's JSON text.
    public struct Answer<Value: Sendable>: Sendable {
        public var value: Value
        /// The body as the server sent it.
        public var json: Data
    }

    /// The transport every call goes through (it adds the `Authorization` header).
    public let transport: any HTTPTransport
    /// Where the server is, for messages.
    public let serverURL: String

    public init(transport: any HTTPTransport, serverURL: String) {
        self.transport = transport
        self.serverURL = serverURL
    }

    /// `GET /admin/deployments`.
    public func list() async throws -> Answer<[DeploymentStatus]> {
        let answer = try await call(TransportRequest(method: "GET", path: "/admin/deployments"), as: DeploymentList.self)
        return Answer(value: answer.value.deployments, json: answer.json)
    }

    /// `GET /admin/deployments/NAME`.
    public func show(_ name: String) async throws -> Answer<DeploymentStatus> {
        try await call(TransportRequest(method: "GET", path: Self.path(name)), as: DeploymentStatus.self)
    }

    /// Loads `model` (a path on the server or `models:/...`) as the canary of `name`. With `wait`, the
    /// answer comes once it is ready, and a failed load throws.
    public func setCanary(_ name: String, model: String, version: String?, percent: Double?, wait: Bool) async throws -> Answer<DeploymentStatus> {
        try await change(name, "canary", body: ["model": model, "version": version, "percent": percent], wait: wait)
    }

    /// Sets the canary's share of traffic.
    public func setTraffic(_ name: String, percent: Double) async throws -> Answer<DeploymentStatus> {
        try await change(name, "traffic", body: ["percent": percent])
    }

    /// Makes the canary the primary; the old primary stays loaded as `previous`.
    public func promote(_ name: String) async throws -> Answer<DeploymentStatus> {
        try await change(name, "promote")
    }

    /// Drops the canary, or without one returns to the previous primary.
    public func rollback(_ name: String) async throws -> Answer<DeploymentStatus> {
        try await change(name, "rollback")
    }

    /// Loads `model` as the shadow of `name`, or with `model` nil changes the current shadow's percent.
    public func setShadow(_ name: String, model: String?, version: String?, percent: Double?, wait: Bool) async throws -> Answer<DeploymentStatus> {
        try await change(name, "shadow", body: ["model": model, "version": version, "percent": percent], wait: wait)
    }

    /// Stops copying traffic to the shadow.
    public func removeShadow(_ name: String) async throws -> Answer<DeploymentStatus> {
        try await call(TransportRequest(method: "DELETE", path: Self.path(name) + "/shadow"), as: DeploymentStatus.self)
    }

    // MARK: - Requests

    private static func path(_ name: String) -> String {
        "/admin/deployments/" + (name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? name)
    }

    private func change(_ name: String, _ action: String, body: [String: (any Sendable)?] = [:], wait: Bool = false) async throws -> Answer<DeploymentStatus> {
        let fields = body.compactMapValues { $0 }
        let json = fields.isEmpty ? nil : try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])
        let request = TransportRequest(
            method: "POST", path: Self.path(name) + "/" + action, query: wait ? [URLQueryItem(name: "wait", value: "true")] : [], jsonBody: json)
        return try await call(request, as: DeploymentStatus.self)
    }

    private func call<Value: Decodable & Sendable>(_ request: TransportRequest, as type: Value.Type) async throws -> Answer<Value> {
        let response: TransportResponse
        do {
            response = try await transport.send(request)
        } catch {
            let detail = (error as? FerryClientError)?.connectionFailureDetail ?? String(describing: error)
            throw ServingAdminError(
                status: nil,
                message: "Could not reach the inference server at \(serverURL) (\(detail)). Is `ferry serve` running there? Set --server or FERRY_SERVE_URL.")
        }
        guard (200..<300).contains(response.status) else {
            throw ServingAdminError(status: response.status, message: Self.errorMessage(response, request))
        }
        do {
            return Answer(value: try JSONDecoder().decode(Value.self, from: response.body), json: response.body)
        } catch {
            throw ServingAdminError(
                status: response.status,
                message: "The answer to \(request.method) \(request.path) is not what a Ferry inference server sends; is \(serverURL) `ferry serve`?")
        }
    }

    /// The server's `{"error": message}`, or a sentence about an answer that is not one.
    private static func errorMessage(_ response: TransportResponse, _ request: TransportRequest) -> String {
        struct ErrorBody: Decodable { var error: String }
        if let body = try? JSONDecoder().decode(ErrorBody.self, from: response.body) { return body.error }
        if response.status == 404 { return "\(request.method) \(request.path) is not found; is the server `ferry serve` with its admin API?" }
        let text = String(decoding: response.body.prefix(200), as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " ")
        return "The server answered \(request.method) \(request.path) with no error message" + (text.isEmpty ? "." : ": \(text)")
    }
}
