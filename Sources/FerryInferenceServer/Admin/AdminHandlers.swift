import Foundation
import HTTPTypes
import Hummingbird

/// The admin API's actions over a ``RolloutController``: each reads its request's fields, makes one
/// change, and returns the deployment as it is afterwards. Routing and access live in ``AdminAPI``.
struct AdminHandlers: Sendable {
    let controller: RolloutController

    /// `GET /admin/deployments`.
    func list() -> Response {
        AdminResponses.deployments(controller.table.all())
    }

    /// `GET /admin/deployments/NAME`.
    func show(_ name: String) throws(ServingError) -> Response {
        AdminResponses.deployment(try deployment(name))
    }

    /// Applies `action` (`canary`, `traffic`, `promote`, `rollback`; otherwise `shadow`, added by POST and
    /// removed by DELETE) to deployment `name`.
    func change(_ name: String, action: String, method: HTTPRequest.Method, body: AdminRequestBody, wait: Bool) async throws(ServingError) -> Deployment {
        _ = try deployment(name)
        switch action {
        case "canary":
            try body.allowOnly(["model", "version", "percent"])
            let (updated, load) = try await controller.setCanary(name, try versionSpec(body))
            return try await finish(updated, load: load, label: updated.canary?.version, role: "canary", wait: wait)
        case "traffic":
            try body.allowOnly(["percent"])
            guard let percent = try body.percent() else { throw ServingError.badRequest("Give the canary's share as {\"percent\": 25}.") }
            return try controller.setTraffic(name, percent: percent)
        case "promote":
            try body.allowOnly([])
            return try controller.promote(name)
        case "rollback":
            try body.allowOnly([])
            return try controller.rollback(name)
        default:
            if method == .delete { return try controller.removeShadow(name) }
            try body.allowOnly(["model", "version", "percent"])
            if !body.has("model"), !body.has("version"), let percent = try body.percent() {
                return try controller.setShadowTraffic(name, percent: percent)
            }
            let (updated, load) = try await controller.setShadow(name, try versionSpec(body))
            return try await finish(updated, load: load, label: updated.shadow?.version, role: "shadow", wait: wait)
        }
    }

    private func deployment(_ name: String) throws(ServingError) -> Deployment {
        guard let deployment = controller.table.deployment(name) else {
            let names = controller.table.all().map(\.name)
            throw ServingError(.notFound, "No deployment named '\(name)'; the deployments are \(names.isEmpty ? "none" : names.joined(separator: ", ")).")
        }
        return deployment
    }

    /// The version a canary or shadow body names: `model` (a path on the server, or `models:/...`),
    /// and optionally `version` and `percent`.
    private func versionSpec(_ body: AdminRequestBody) throws(ServingError) -> DeploymentSpec.VersionSpec {
        guard let reference = try body.string("model") else {
            throw ServingError.badRequest("Give the model to load as {\"model\": \"path/to/model.onnx\"} or {\"model\": \"models:/NAME/VERSION\"}.")
        }
        let source: ModelSource
        do throws(ServingSetupError) {
            source = try ModelSource(parsing: reference, isFolder: Self.isFolder)
        } catch {
            throw ServingError.badRequest(error.description)
        }
        switch source {
        case .file(let path), .folder(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                throw ServingError.badRequest("There is no file or folder '\(path)' on the server; paths are read on the server's machine.")
            }
        case .registryVersion, .registryAlias: break
        }
        return DeploymentSpec.VersionSpec(source: source, version: try body.label("version"), percent: try body.percent())
    }

    /// The changed deployment; with `wait`, once the new version's load has finished, refused with 503
    /// when it failed (the version stays in its role, without traffic, until it is replaced or rolled back).
    private func finish(_ updated: Deployment, load: Task<Void, Never>, label: String?, role: String, wait: Bool) async throws(ServingError) -> Deployment {
        guard wait else { return updated }
        await load.value
        guard let current = controller.table.deployment(updated.name) else { return updated }
        if let label, let failure = current.version(label)?.failure {
            throw ServingError(
                .unavailable,
                "Version '\(label)' of '\(updated.name)' failed to load: \(failure.hasSuffix(".") ? String(failure.dropLast()) : failure). It stays the \(role) and gets no traffic; "
                    + (role == "canary" ? "roll back or set another canary." : "remove the shadow or set another one."))
        }
        return current
    }

    private static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }
}
