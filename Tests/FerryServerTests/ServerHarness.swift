import FerryBlobs
import FerryCore
import FerryServer
import FerryStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// A tracking server on a temporary SQLite file and artifact folder, tested without sockets.
struct TestServer: Sendable {
    let folder: URL
    let app: Application<FerryResponder>

    /// The artifact root on disk.
    var artifactRoot: URL { folder.appendingPathComponent("artifacts") }

    static func withServer(
        requireCleanModels: Bool = false, _ body: @escaping @Sendable (TestServer, any TestClientProtocol) async throws -> Void
    ) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var logger = Logger(label: "ferry.tests")
        logger.logLevel = .warning
        let provider = try await SQLiteDatabaseProvider.open(path: folder.appendingPathComponent("ferry.db").path, logger: logger)
        let store = SQLTrackingStore(database: provider, logger: logger)
        try await store.migrate()
        let blobs = LocalBlobStore(root: folder.appendingPathComponent("artifacts").path)
        let responder = FerryResponder(store: store, blobs: blobs, version: "test", requireCleanModels: requireCleanModels, logger: logger)
        let app = Application(responder: responder, logger: logger)
        let server = TestServer(folder: folder, app: app)
        try await app.test(.router) { client in
            try await body(server, client)
        }
        try await provider.close()
    }
}

extension TestClientProtocol {
    /// POSTs `json` with Content-Type application/json and returns the status and parsed body.
    func postJSON(_ path: String, _ json: String, method: HTTPRequest.Method = .post) async throws -> (HTTPResponse.Status, [String: Any]) {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return try await execute(uri: path, method: method, headers: headers, body: ByteBuffer(string: json)) { response in
            (response.status, Self.object(response.body))
        }
    }

    func getJSON(_ path: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await execute(uri: path, method: .get) { response in (response.status, Self.object(response.body)) }
    }

    static func object(_ body: ByteBuffer) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]) ?? [:]
    }
}
