import FerryBlobs
import FerryCore
import HTTPTypes
import FerryStore
import Foundation
import Hummingbird
import NIOCore

/// The mlflow-artifacts proxy: clients upload, download, list and delete files under the
/// server's artifact store through `/api/2.0/mlflow-artifacts/artifacts/<path>`.
///
/// Every path is checked by ``ArtifactPathValidator`` before it reaches the blob store, and
/// ``BlobPath`` cannot express an escape, so nothing outside the artifact root is ever touched.
struct ArtifactProxy: Sendable {
    let blobs: any BlobStore
    let store: any TrackingStore

    static let prefixes = ["/api/2.0/mlflow-artifacts/artifacts", "/ajax-api/2.0/mlflow-artifacts/artifacts"]
    static let scheme = "mlflow-artifacts:"

    /// Serves a proxy request; `rawPath` is the still-encoded path after the route prefix.
    func handle(_ request: Request, rawPath: String) async throws -> Response {
        if rawPath.isEmpty || rawPath == "/" {
            guard request.method == .get else {
                throw FerryError(.endpointNotFound, "Use \(request.method.rawValue) on an artifact path under /artifacts/")
            }
            let query = RequestFields(query: QueryString.pairs(request.uri.query))
            return Responses.json(try await list(try Self.blobPath(try query.string("path") ?? "")))
        }
        guard rawPath.hasPrefix("/"), let decoded = String(rawPath.dropFirst()).removingPercentEncoding else {
            throw FerryError.invalidParameter(ArtifactPathValidator.invalidPathMessage)
        }
        let path = try Self.blobPath(decoded)
        switch request.method {
        case .put:
            guard !path.isRoot else { throw FerryError.invalidParameter(ArtifactPathValidator.invalidPathMessage) }
            try await blobs.write(path, contents: request.body)
            return Responses.empty
        case .get:
            return try await download(path)
        case .delete:
            guard !path.isRoot else { throw FerryError.invalidParameter(ArtifactPathValidator.invalidPathMessage) }
            try await blobs.delete(path)
            return Responses.empty
        default:
            throw FerryError(.endpointNotFound, "Method \(request.method.rawValue) is not served for artifacts")
        }
    }

    /// A client path as a blob path, refused with "Invalid path" when it could escape.
    static func blobPath(_ text: String) throws -> BlobPath {
        do {
            return try BlobPath(segments: try ArtifactPathValidator.segments(of: text))
        } catch {
            throw FerryError.invalidParameter(ArtifactPathValidator.invalidPathMessage)
        }
    }

    /// `{files: [{path, is_dir, file_size}]}` for a directory; `{}` when it is missing or a file.
    func list(_ directory: BlobPath, relativeTo base: BlobPath? = nil) async throws -> JSONOutput {
        let entries = try await blobs.list(directory)
        let files: [JSONOutput] = entries.map { entry in
            let name: String
            if let base {
                name = (directory.segments.dropFirst(base.segments.count) + [entry.name]).joined(separator: "/")
            } else {
                name = entry.name
            }
            return .fields([
                ("path", .string(name)),
                ("is_dir", .bool(entry.isDirectory)),
                ("file_size", entry.isDirectory || entry.size == 0 ? nil : entry.size.map(JSONOutput.int)),
            ])
        }
        return .fields([("files", .array(files))])
    }

    /// Streams a file; missing is 404, a directory is 400.
    func download(_ path: BlobPath) async throws -> Response {
        switch try await blobs.kind(of: path) {
        case nil:
            throw FerryError.notFound("File \(path) not found")
        case .directory:
            throw FerryError.invalidParameter("\(path.isRoot ? "/" : path.description) is a directory, not a file")
        case .file(let size):
            var headers = HTTPFields()
            headers[.contentType] = ContentTypes.guess(path.name)
            headers[.contentDisposition] = "attachment; filename=\"\(path.name.replacingOccurrences(of: "\"", with: ""))\""
            headers[.xContentTypeOptions] = "nosniff"
            let blobs = self.blobs
            let body = ResponseBody(contentLength: Int(size)) { writer in
                try await blobs.read(path) { chunk in try await writer.write(chunk) }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: headers, body: body)
        }
    }

    /// The blob path of a location in this server's store (`mlflow-artifacts:/<path>`); `nil` for any other location.
    static func storePath(of uri: String) -> BlobPath? {
        let location = StorageLocation(uri)
        guard location.scheme == "mlflow-artifacts", location.authority.isEmpty else { return nil }
        return try? BlobPath(segments: location.segments)
    }

    /// The blob path under a run's artifact root, when the run's artifacts live in this server's store.
    func runArtifactRoot(_ runID: String) async throws -> (uri: String, path: BlobPath?) {
        let uri = try await store.run(id: runID).info.artifactURI
        return (uri, Self.storePath(of: uri))
    }

    /// `GET /get-artifact?run_uuid=&path=`: a file of a run, for the UI.
    func runArtifact(_ request: Request) async throws -> Response {
        let fields = RequestFields(query: QueryString.pairs(request.uri.query))
        let runID = try fields.requiredString("run_uuid", "run_id")
        let relative = try Self.blobPath(try fields.requiredString("path"))
        let (uri, root) = try await runArtifactRoot(runID)
        guard let root else { throw FerryError.notFound("Artifacts of run \(runID) live at \(uri), outside this server's store") }
        return try await download(root.appending(relative))
    }

    /// `GET /api/2.0/mlflow/artifacts/list?run_id=&path=`: run-relative listing with the run's root URI.
    var routes: [APIRoute] {
        let proxy = self
        return [
            APIRoute(.get, "2.0/mlflow/artifacts/list") { request in
                let fields = request.fields
                let runID = try fields.requiredString("run_id", "run_uuid")
                let relative = try Self.blobPath(try fields.string("path") ?? "")
                let (uri, root) = try await proxy.runArtifactRoot(runID)
                guard let root else { return .object([("root_uri", .string(uri))]) }
                let listing = try await proxy.list(root.appending(relative), relativeTo: root)
                guard case .object(let fields) = listing else { return listing }
                return .object([("root_uri", .string(uri))] + fields)
            }
        ]
    }
}

/// Content types for downloads; anything that a browser might run is sent as text or bytes.
enum ContentTypes {
    static func guess(_ name: String) -> String {
        let lower = name.lowercased()
        let textual = [".txt", ".log", ".yaml", ".yml", ".md", ".csv", ".py", ".html", ".htm", ".svg", ".js", ".xml"]
        if lower.hasSuffix(".json") { return "application/json" }
        if textual.contains(where: lower.hasSuffix) || name == "MLmodel" { return "text/plain; charset=utf-8" }
        if lower.hasSuffix(".png") { return "image/png" }
        if lower.hasSuffix(".jpg") || lower.hasSuffix(".jpeg") { return "image/jpeg" }
        return "application/octet-stream"
    }
}
