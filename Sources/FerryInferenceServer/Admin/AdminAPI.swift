import HTTPTypes
import Hummingbird
import Logging

/// Who may use the rollout admin API under `/admin/`.
public enum AdminAccess: Sendable, Equatable {
    /// No admin API: `/admin/...` paths are answered like any unknown path.
    case disabled
    /// Anyone who can reach the port may change rollouts. `ferry serve` binds 127.0.0.1 by default, so
    /// this is the local machine unless `--host` says otherwise.
    case open
    /// Only requests carrying `Authorization: Bearer TOKEN`; others get 401.
    case bearerToken(String)
}

/// The rollout admin API of `ferry serve`, under `/admin/deployments`; JSON in and out, refusals as
/// `{"error": message}` with the status of their ``ServingError``:
///
/// ```
/// GET    /admin/deployments                  every deployment
/// GET    /admin/deployments/NAME             one
/// POST   /admin/deployments/NAME/canary      {"model": SOURCE, "version"?: "4", "percent"?: 10}   ?wait=true
/// POST   /admin/deployments/NAME/traffic     {"percent": 25}
/// POST   /admin/deployments/NAME/promote
/// POST   /admin/deployments/NAME/rollback
/// POST   /admin/deployments/NAME/shadow      {"model": SOURCE, "version"?, "percent"?: 100}       ?wait=true
///                                            {"percent": 50}   (the current shadow's share only)
/// DELETE /admin/deployments/NAME/shadow
/// ```
///
/// Every change answers with the deployment as it is afterwards. With `?wait=true`, adding a canary or
/// shadow answers once the new version is ready (or with 503 when it failed to load).
struct AdminAPI: Sendable {
    let handlers: AdminHandlers
    let access: AdminAccess
    let logger: Logger

    init(controller: RolloutController, access: AdminAccess, logger: Logger) {
        handlers = AdminHandlers(controller: controller)
        self.access = access
        self.logger = logger
    }

    /// The ``InferenceResponder``'s admin hook for `access`: nil when the admin API is disabled.
    static func hook(controller: RolloutController, access: AdminAccess, logger: Logger) -> (@Sendable (Request, String) async -> Response?)? {
        guard access != .disabled else { return nil }
        let api = AdminAPI(controller: controller, access: access, logger: logger)
        return { request, path in await api.respond(to: request, path: path) }
    }

    /// The answer to an `/admin/...` request (``hook(controller:access:logger:)`` makes no API when it is disabled).
    func respond(to request: Request, path: String) async -> Response {
        do throws(ServingError) {
            try authorize(request)
            return try await route(request, path: path)
        } catch {
            var response = ServingResponses.oipError(error)
            if error.status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
            return response
        }
    }

    private func authorize(_ request: Request) throws(ServingError) {
        guard case .bearerToken(let token) = access else { return }
        let given = request.headers[.authorization].flatMap { value in value.hasPrefix("Bearer ") ? String(value.dropFirst(7)) : nil }
        guard let given, Self.constantTimeEqual(given, token) else {
            throw ServingError(.unauthorized, "The admin API needs the header 'Authorization: Bearer TOKEN' with the server's --admin-token.")
        }
    }

    private func route(_ request: Request, path: String) async throws(ServingError) -> Response {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 2, parts.count <= 4, parts[0] == "admin", parts[1] == "deployments" else {
            throw ServingError(.notFound, "No admin endpoint \(request.method.rawValue) \(path); see /admin/deployments.")
        }
        let method = request.method
        switch (parts.count, method) {
        case (2, .get): return handlers.list()
        case (3, .get): return try handlers.show(parts[2])
        case (2, _), (3, _): throw Self.methodNotAllowed(method, path, allowed: "GET")
        default: break
        }
        let name = parts[2]
        let action = parts[3]
        let allowed: String
        switch action {
        case "canary", "traffic", "promote", "rollback": allowed = "POST"
        case "shadow": allowed = "POST or DELETE"
        default:
            throw ServingError(.notFound, "No admin action '\(action)'; the actions are canary, traffic, promote, rollback and shadow.")
        }
        guard method == .post || (action == "shadow" && method == .delete) else { throw Self.methodNotAllowed(method, path, allowed: allowed) }
        let body = method == .post ? try await AdminRequestBody(request.collectBody(limit: Self.maxBodySize, advice: "admin requests are small JSON objects")) : AdminRequestBody()
        let wait = try Self.waitParameter(request)
        let change = try await handlers.change(name, action: action, method: method, body: body, wait: wait)
        logger.info("Rollout changed", metadata: ["model": "\(name)", "action": "\(method.rawValue) \(action)", "primary": "\(change.primary)"])
        return AdminResponses.deployment(change)
    }

    /// Admin bodies are a few fields; anything larger is refused.
    static let maxBodySize = 64 * 1024

    private static func waitParameter(_ request: Request) throws(ServingError) -> Bool {
        guard let value = request.uri.queryParameters["wait"] else { return false }
        switch value.lowercased() {
        case "true", "1", "yes", "": return true
        case "false", "0", "no": return false
        default: throw ServingError.badRequest("wait must be true or false, got '\(value)'.")
        }
    }

    private static func methodNotAllowed(_ method: HTTPRequest.Method, _ path: String, allowed: String) -> ServingError {
        ServingError(.methodNotAllowed, "\(method.rawValue) is not allowed on \(path); use \(allowed).")
    }

    /// Compares secrets without leaking, through timing, how much of a guess was right.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            difference |= (index < left.count ? left[index] : 0) ^ (index < right.count ? right[index] : 0)
        }
        return difference == 0
    }
}
