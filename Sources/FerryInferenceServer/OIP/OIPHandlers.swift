import FerryServing
import HTTPTypes
import Hummingbird

/// The Open Inference Protocol v2 REST routes: health, server and model metadata, readiness and `/infer`.
struct OIPHandlers: Sendable {
    let service: InferenceService
    let serverVersion: String
    let maxBodySize: Int

    static let extensions = ["binary_tensor_data"]

    /// Answers `path` (which starts with `/v2`), or nil when it is not an OIP path.
    func respond(to request: Request, path: String) async -> Response? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst(2).map(String.init)
        do throws(ServingError) {
            if parts.isEmpty, request.method == .get { return serverMetadata() }
            if parts == ["health", "live"], request.method == .get { return Self.flag("live", true) }
            if parts == ["health", "ready"], request.method == .get {
                let ready = service.table.all().allSatisfy(\.isReady)
                return ready ? Self.flag("ready", true) : ServingResponses.object(status: .serviceUnavailable) { Self.writeFlag("ready", false, &$0) }
            }
            guard parts.count >= 2, parts[0] == "models", !parts[1].isEmpty else { return nil }
            let model = parts[1]
            var rest = parts.dropFirst(2)
            var version: String?
            if rest.first == "versions" {
                guard rest.count >= 2, !rest[rest.startIndex + 1].isEmpty else { return nil }
                version = rest[rest.startIndex + 1]
                rest = rest.dropFirst(2)
            }
            guard rest.count <= 1 else { return nil }
            return try await modelAction(request, model: model, version: version, action: rest.first)
        } catch {
            return ServingResponses.oipError(error)
        }
    }

    private func modelAction(_ request: Request, model: String, version: String?, action: String?) async throws(ServingError) -> Response {
        switch (request.method, action) {
        case (.get, nil): return try metadata(model: model, version: version)
        case (.get, "ready"?): return try readiness(model: model, version: version)
        case (.post, "infer"?): return try await infer(request, model: model, version: version)
        case (_, nil), (_, "ready"?), (_, "infer"?):
            throw ServingError(.methodNotAllowed, "\(request.method.rawValue) is not allowed here; use \(action == "infer" ? "POST" : "GET").")
        default:
            throw ServingError(.notFound, "No OIP endpoint \(request.uri.path).")
        }
    }

    private func serverMetadata() -> Response {
        ServingResponses.object { writer in
            writer.raw("{")
            writer.field("name")
            writer.string("ferry")
            writer.field("version")
            writer.string(serverVersion)
            writer.field("extensions")
            writer.array(Self.extensions) { $0.string($1) }
            writer.raw("}")
        }
    }

    private func readiness(model name: String, version label: String?) throws(ServingError) -> Response {
        let deployment = try service.deployment(name)
        let ready: Bool
        var failure: String?
        if let label {
            guard let version = deployment.version(label) else { throw ServingError(.notFound, "Model '\(name)' has no version '\(label)'.") }
            ready = version.isReady
            failure = version.failure
        } else {
            ready = deployment.isReady
            failure = deployment.version(deployment.primary)?.failure
        }
        return ServingResponses.object(status: ready ? .ok : .serviceUnavailable) { writer in
            writer.raw("{")
            writer.field("name")
            writer.string(name)
            Self.writeFlag("ready", ready, &writer, braces: false)
            if let failure {
                writer.field("error")
                writer.string(failure)
            }
            writer.raw("}")
        }
    }

    private func metadata(model name: String, version label: String?) throws(ServingError) -> Response {
        let deployment = try service.deployment(name)
        let version: ServedVersion
        if let label {
            guard let found = deployment.version(label) else { throw ServingError(.notFound, "Model '\(name)' has no version '\(label)'.") }
            version = found
        } else {
            guard let primary = deployment.version(deployment.primary) else { throw ServingError(.unavailable, "Model '\(name)' has no primary version.") }
            version = primary
        }
        guard let model = version.model else {
            throw ServingError(.unavailable, "Version '\(version.version)' of model '\(name)' is \(version.stateName)\(version.failure.map { ": \($0)" } ?? "").")
        }
        return ServingResponses.object { writer in
            writer.raw("{")
            writer.field("name")
            writer.string(name)
            writer.field("versions")
            writer.array(deployment.versions.map(\.version)) { $0.string($1) }
            writer.field("platform")
            writer.string("onnx_onnxv1")
            writer.field("inputs")
            writer.array(model.inputs) { Self.writeSignature($1, &$0) }
            writer.field("outputs")
            writer.array(model.outputs) { Self.writeSignature($1, &$0) }
            writer.raw("}")
        }
    }

    private func infer(_ request: Request, model name: String, version label: String?) async throws(ServingError) -> Response {
        let context = InferenceService.RequestContext(protocolName: "v2", requestID: nil, headers: request.headers)
        _ = try service.deployment(name)
        let decoded: OIPInferenceRequest
        do throws(ServingError) {
            let body = try await request.collectBody(limit: maxBodySize)
            let headerLength = try request.header("Inference-Header-Content-Length").map { text throws(ServingError) in
                guard let length = Int(text) else { throw ServingError.badRequest("Inference-Header-Content-Length '\(text)' is not a number.") }
                return length
            }
            decoded = try OIPRequestDecoder.decode(body, headerLength: headerLength)
        } catch {
            service.recordRefusal(model: name, version: label, code: error.status.rawValue, context: context)
            throw error
        }
        var withID = context
        withID.requestID = decoded.id
        let answer = try service.infer(model: name, version: label, inputs: decoded.inputs, context: withID)
        var outputs = answer.outputs
        if let requested = decoded.outputs {
            outputs = try requested.map { wanted throws(ServingError) in
                guard let output = answer.outputs.first(where: { $0.name == wanted.name }) else {
                    throw ServingError.badRequest("The model has no output '\(wanted.name)'; its outputs are \(answer.outputs.map { "'\($0.name)'" }.joined(separator: ", ")).")
                }
                return output
            }
        }
        let encoded = OIPResponseEncoder.encode(model: name, version: answer.version, id: decoded.id, outputs: outputs, binary: decoded.wantsBinary)
        var response = ServingResponses.json(encoded.body, contentType: encoded.headerLength == nil ? "application/json" : "application/octet-stream")
        if let headerLength = encoded.headerLength {
            response.headers[ServingResponses.inferenceHeaderLength] = String(headerLength)
        }
        return response
    }

    private static func flag(_ name: String, _ value: Bool) -> Response {
        ServingResponses.object { writeFlag(name, value, &$0) }
    }

    private static func writeFlag(_ name: String, _ value: Bool, _ writer: inout JSONWriter, braces: Bool = true) {
        if braces { writer.raw("{") }
        writer.field(name)
        writer.bool(value)
        if braces { writer.raw("}") }
    }

    private static func writeSignature(_ signature: TensorSignature, _ writer: inout JSONWriter) {
        writer.raw("{")
        writer.tensorHeader(name: signature.name, datatype: signature.datatype.rawValue, shape: signature.shape)
        if let labels = signature.classLabels {
            writer.field("parameters")
            writer.raw("{\"class_labels\":")
            writer.array(labels) { $0.string($1) }
            writer.raw("}")
        }
        writer.raw("}")
    }
}
