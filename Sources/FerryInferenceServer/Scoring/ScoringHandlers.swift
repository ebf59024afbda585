import FerryServing
import Hummingbird

/// MLflow's scoring protocol, as `mlflow models serve` answers it: `/ping`, `/health`, `/version` and
/// `POST /invocations`. With several models served, `/invocations` needs one of them to be named:
/// `POST /models/{name}/invocations` (Ferry's addition) calls one directly.
struct ScoringHandlers: Sendable {
    let service: InferenceService
    let serverVersion: String
    let maxBodySize: Int

    func respond(to request: Request, path: String) async -> Response? {
        switch path {
        case "/ping", "/health":
            guard request.method == .get || request.method == .head else { return nil }
            let ready = !service.table.all().isEmpty && service.table.all().allSatisfy(\.isReady)
            return ServingResponses.json(Array("\n".utf8), status: ready ? .ok : .notFound)
        case "/version":
            return request.method == .get ? ServingResponses.text(serverVersion) : nil
        case "/invocations":
            return await invocations(request, model: nil)
        default:
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 4, parts[1] == "models", !parts[2].isEmpty, parts[3] == "invocations" {
                return await invocations(request, model: String(parts[2]))
            }
            return nil
        }
    }

    private func invocations(_ request: Request, model: String?) async -> Response {
        do throws(ServingError) {
            guard request.method == .post else {
                throw ServingError(.methodNotAllowed, "\(request.method.rawValue) is not allowed for /invocations; use POST.")
            }
            if let model { return try await score(request, model: model) }
            return try await score(request, model: try onlyModel())
        } catch {
            return ServingResponses.mlflowError(error)
        }
    }

    private func onlyModel() throws(ServingError) -> String {
        let all = service.table.all()
        guard all.count == 1, let only = all.first else {
            throw ServingError.badRequest("This server serves \(all.count) models (\(all.map(\.name).joined(separator: ", "))); call POST /models/{name}/invocations.")
        }
        return only.name
    }

    private func score(_ request: Request, model name: String) async throws(ServingError) -> Response {
        let context = InferenceService.RequestContext(protocolName: "mlflow", requestID: request.header("x-request-id"), headers: request.headers)
        let tensors: [InferenceTensor]
        do throws(ServingError) {
            let deployment = try service.deployment(name)
            let mediaType = try ScoringRequestDecoder.mediaType(request.header("content-type"))
            let body = try await request.collectBody(limit: maxBodySize)
            let payload = try ScoringRequestDecoder.decode(body, mediaType: mediaType)
            guard let signatures = (deployment.version(deployment.primary)?.model ?? deployment.versions.lazy.compactMap(\.model).first)?.inputs else {
                throw InferenceService.notReady(deployment)
            }
            tensors = try ScoringInputs.tensors(payload, for: signatures)
        } catch {
            service.recordRefusal(model: name, version: nil, code: error.status.rawValue, context: context)
            throw error
        }
        let answer = try service.infer(model: name, version: nil, inputs: tensors, context: context)
        guard let first = answer.outputs.first else { throw ServingError(.internalError, "The model returned no outputs.") }
        var writer = JSONWriter(capacity: 64 + first.data.count * 12)
        writer.raw("{\"predictions\":")
        Self.writePredictions(first, to: &writer)
        writer.raw("}")
        return ServingResponses.json(writer.bytes)
    }

    /// The first output as MLflow returns predictions: a flat list for [N] or [N, 1], else a list of rows.
    static func writePredictions(_ output: InferenceTensor, to writer: inout JSONWriter) {
        guard output.shape.count == 2, output.shape[1] != 1 else {
            TensorJSON.write(output.data, to: &writer)
            return
        }
        let (rows, columns) = (output.shape[0], output.shape[1])
        writer.raw("[")
        for row in 0..<rows {
            if row > 0 { writer.comma() }
            TensorJSON.write(output.data.elements((row * columns)..<((row + 1) * columns)), to: &writer)
        }
        writer.raw("]")
    }
}

