import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import FerryBlobs

/// One ``BlobStore`` driver that the conformance suite runs against.
///
/// Each test gets a fresh, empty store (a new temporary folder, or a new key prefix in the test bucket)
/// and the store is removed afterwards.
struct BlobDriver: Sendable, CustomTestStringConvertible {
    let name: String
    let open: @Sendable () async throws -> (store: any BlobStore, cleanup: @Sendable () async throws -> Void)

    var testDescription: String { name }

    /// Runs `body` on a fresh store and cleans up, also when `body` throws.
    func withStore(_ body: (any BlobStore) async throws -> Void) async throws {
        let (store, cleanup) = try await open()
        do {
            try await body(store)
        } catch {
            try? await cleanup()
            throw error
        }
        try await cleanup()
    }

    /// Every driver available here: the local folder always, S3 when `FERRY_TEST_S3_ENDPOINT` is set.
    static var all: [BlobDriver] {
        [local] + (S3TestEnvironment.current.map { [s3($0)] } ?? [])
    }

    static let local = BlobDriver(name: "local") {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("ferry-blobs-\(UUID().uuidString)", isDirectory: true).path
        return (LocalBlobStore(root: root), { try? FileManager.default.removeItem(atPath: root) })
    }

    static func s3(_ environment: S3TestEnvironment) -> BlobDriver {
        BlobDriver(name: "s3") {
            let store = try await environment.makeStore(prefix: "conformance-\(UUID().uuidString.lowercased())")
            return (store, { try await store.deleteKeys(under: store.configuration.keyPrefix + "/") })
        }
    }
}

/// An S3-compatible server for tests (moto, MinIO), named by `FERRY_TEST_S3_ENDPOINT`.
struct S3TestEnvironment: Sendable {
    /// The test bucket; created on first use.
    static let bucket = "ferry-conformance"
    /// The part size of test stores: S3's minimum, so that a few tens of MB take several parts.
    static let partSize = 5 * 1024 * 1024

    let endpoint: URL

    /// The client of every S3 test store, configured as a server should configure its own: no response
    /// decompression (a blob's bytes are returned as stored) and a short connect timeout. Never shut down:
    /// it lives as long as the test process.
    static let httpClient = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: .seconds(60)))
    )

    /// The environment named by `FERRY_TEST_S3_ENDPOINT`, or `nil` when it is not set.
    static var current: S3TestEnvironment? {
        guard let text = ProcessInfo.processInfo.environment["FERRY_TEST_S3_ENDPOINT"], !text.isEmpty,
            let url = URL(string: text)
        else { return nil }
        return S3TestEnvironment(endpoint: url)
    }

    /// A configuration on the test bucket with moto's dummy credentials.
    func configuration(bucket: String = S3TestEnvironment.bucket, prefix: String) -> S3Configuration {
        S3Configuration(
            bucket: bucket,
            keyPrefix: prefix,
            region: "us-east-1",
            endpoint: endpoint,
            credentials: S3Credentials(accessKeyID: "testing", secretAccessKey: "testing"),
            partSize: Self.partSize
        )
    }

    /// A store under `prefix` in the test bucket, creating the bucket when needed (a signed CreateBucket PUT).
    func makeStore(prefix: String) async throws -> S3BlobStore {
        let store = S3BlobStore(configuration: configuration(prefix: prefix), httpClient: Self.httpClient)
        try await store.client.createBucket()
        return store
    }
}
