import FerryBlobs
import FerryCore
import HTTPTypes
import FerryStore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// The HTTP front of the tracking server: the MLflow REST API under `/api/…` and `/ajax-api/…`,
/// the mlflow-artifacts proxy, `/health` and `/version`.
///
/// Every failure leaves as MLflow's JSON error with the status of its code; an unexpected error is
/// logged and answered with INTERNAL_ERROR, never a crash.
public struct FerryResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    let routes: APIRouteTable
    let artifacts: ArtifactProxy
    let versionArtifacts: ModelVersionArtifacts
    let version: String
    let logger: Logger
    /// The largest JSON body accepted.
    static let maxJSONBodySize = 64 * 1024 * 1024

    /// Creates the responder over the tracking and registry store and the artifact blob store.
    ///
    /// With `requireCleanModels`, a model version whose artifact scan is not clean is refused.
    public init(store: any TrackingStore & RegistryStore, blobs: any BlobStore, version: String, requireCleanModels: Bool = false, logger: Logger) {
        let handlers = TrackingHandlers(store: store)
        let registry = RegistryHandlers(registry: store, tracking: store, blobs: blobs, requireCleanModels: requireCleanModels)
        let artifacts = ArtifactProxy(blobs: blobs, store: store)
        self.routes = APIRouteTable(handlers.routes + registry.routes + AuditHandlers.routes(registry: store) + artifacts.routes + ServerInfoHandlers.routes(version: version))
        self.artifacts = artifacts
        self.versionArtifacts = ModelVersionArtifacts(proxy: artifacts, registry: store, sources: registry.registrar.sources)
        self.version = version
        self.logger = logger
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        do {
            switch path {
            case "/health": return Responses.text("OK")
            case "/version": return Responses.text(version)
            default: break
            }
            if let rest = Self.strip(path, prefixes: ArtifactProxy.prefixes) {
                return try await artifacts.handle(request, rawPath: rest)
            }
            if path == "/get-artifact" || path == "/ajax-api/2.0/mlflow/get-artifact" {
                return try await artifacts.runArtifact(request)
            }
            if ModelVersionArtifacts.paths.contains(path) {
                return try await versionArtifacts.download(request)
            }
            guard let rest = Self.strip(path, prefixes: ["/api/", "/ajax-api/"]) else {
                throw FerryError(.endpointNotFound, "No endpoint \(request.method.rawValue) \(path)")
            }
            guard let (handler, parameters) = routes.match(request.method, rest) else {
                let allowed = routes.allowedMethods(rest)
                if !allowed.isEmpty { return Responses.methodNotAllowed(request.method, path: path, allowed: allowed) }
                throw FerryError(.endpointNotFound, "No API endpoint \(request.method.rawValue) \(path)")
            }
            let fields = try await Self.fields(of: request)
            let body = try await AuditContext.$actor.withValue(RequestUser.name(of: request)) {
                try await handler(APIRequest(request: request, fields: fields, pathParameters: parameters))
            }
            return Responses.json(body)
        } catch let error as FerryError {
            if error.code.httpStatus.code >= 500 {
                logger.error("Request failed", metadata: ["path": "\(path)", "error": "\(error)"])
            }
            return Responses.error(error)
        } catch {
            logger.error("Unexpected failure", metadata: ["path": "\(path)", "error": "\(String(reflecting: error))"])
            return Responses.error(FerryError.internalError("Unexpected server error: \(error)"))
        }
    }

    static func strip(_ path: String, prefixes: [String]) -> String? {
        for prefix in prefixes where path.hasPrefix(prefix) {
            return String(path.dropFirst(prefix.count))
        }
        return nil
    }

    /// The request's fields: query parameters for GET, the JSON body otherwise (query when the body is empty).
    static func fields(of request: Request) async throws -> RequestFields {
        let query = QueryString.pairs(request.uri.query)
        if request.method == .get || request.method == .head {
            return RequestFields(query: query)
        }
        if request.method == .post || request.method == .put {
            guard let contentType = request.headers[.contentType] else {
                throw FerryError.invalidParameter("Bad Request. Content-Type header is missing.")
            }
            let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard mediaType == "application/json" else {
                throw FerryError.invalidParameter("Bad Request. Content-Type must be one of ['application/json'].")
            }
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxJSONBodySize)
        } catch {
            throw FerryError.invalidParameter("The request body is larger than \(maxJSONBodySize / (1024 * 1024)) MiB.")
        }
        if body.readableBytes == 0 { return RequestFields(query: query) }
        var value: JSONValue
        do {
            value = try JSONParser.parse(Array(body.readableBytesView))
            if case .string(let inner) = value { value = try JSONParser.parse(Array(inner.utf8)) }
        } catch let error as JSONSyntaxError {
            throw FerryError.invalidParameter("\(error). Send a JSON object with Content-Type: application/json.")
        }
        guard case .object(let object) = value else {
            throw FerryError.invalidParameter("The request body must be a JSON object, got a \(value.typeName).")
        }
        return RequestFields(object: object)
    }
}
