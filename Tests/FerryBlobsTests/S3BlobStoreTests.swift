import AsyncHTTPClient
import FerryCore
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import FerryBlobs

/// S3-only behaviour: the key layout, multipart uploads, paging, and errors. All but the first test
/// need an S3-compatible server named by `FERRY_TEST_S3_ENDPOINT` (moto, MinIO).
@Suite("S3 blob store")
struct S3BlobStoreTests {
    @Test("an unreachable endpoint is INTERNAL_ERROR naming the bucket and key")
    func unreachable() async throws {
        let config = S3Configuration(
            bucket: "bkt", keyPrefix: "pre", endpoint: URL(string: "http://127.0.0.1:1"),
            credentials: S3Credentials(accessKeyID: "a", secretAccessKey: "b"), maxAttempts: 1
        )
        // AHC retries a refused connection until its connect timeout: keep that short here.
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(timeout: .init(connect: .seconds(2)))
        )
        let store = S3BlobStore(configuration: config, httpClient: client)
        do {
            _ = try await store.kind(of: try BlobPath("x/y"))
            Issue.record("expected an error")
        } catch let error as FerryError {
            #expect(error.code == .internalError)
            #expect(error.message.contains("HeadObject on s3://bkt/pre/x/y"))
            #expect(error.message.contains("could not reach S3"))
        }
        try await client.shutdown()
    }

    @Test("keys are the prefix and the path, and a file above one part is a multipart upload",
          .enabled(if: S3TestEnvironment.current != nil))
    func keyLayoutAndMultipart() async throws {
        try await withS3Store { store in
            let prefix = store.configuration.keyPrefix
            try await writeText(store, path("run/small.txt"), "small")
            try await store.write(path("run/big.bin"), contents: GeneratedBytes(totalBytes: 11 * 1024 * 1024))
            let page = try await store.client.listObjects(prefix: prefix + "/", delimiter: nil, continuationToken: nil)
            #expect(page.objects.map(\.key) == ["\(prefix)/run/big.bin", "\(prefix)/run/small.txt"])
            // A multipart object's ETag ends in -<part count>: 5 MiB + 5 MiB + 1 MiB.
            let head = try await store.client.send(S3Request(operation: "HeadObject", method: .HEAD, key: "\(prefix)/run/big.bin"))
            #expect(head.headers.first(name: "etag")?.hasSuffix("-3\"") == true)
            let small = try await store.client.send(S3Request(operation: "HeadObject", method: .HEAD, key: "\(prefix)/run/small.txt"))
            #expect(small.headers.first(name: "etag")?.contains("-") == false)
        }
    }

    @Test("a failed multipart write aborts its upload", .enabled(if: S3TestEnvironment.current != nil))
    func failedWriteAborts() async throws {
        try await withS3Store { store in
            let failing = GeneratedBytes(totalBytes: 20 * 1024 * 1024, failAfter: 12 * 1024 * 1024)
            await #expect(throws: InjectedFailure.self) { try await store.write(path("aborted.bin"), contents: failing) }
            let uploads = try await store.client.listMultipartUploads(prefix: store.configuration.keyPrefix + "/")
            #expect(uploads == [])
            #expect(try await store.kind(of: path("aborted.bin")) == nil)
        }
    }

    @Test("a folder marker object (`dir/`) makes a directory and is not listed as a child",
          .enabled(if: S3TestEnvironment.current != nil))
    func folderMarker() async throws {
        try await withS3Store { store in
            try await store.client.putObject(key: store.configuration.keyPrefix + "/made-by-console/", body: ByteBuffer())
            #expect(try await store.kind(of: path("made-by-console")) == .directory)
            #expect(try await store.list(path("made-by-console")) == [])
            #expect(try await store.list(.root) == [BlobEntry(name: "made-by-console", isDirectory: true, size: nil)])
            try await store.delete(path("made-by-console"))
            #expect(try await store.kind(of: path("made-by-console")) == nil)
        }
    }

    @Test("listing and deleting more than one page of keys", .enabled(if: S3TestEnvironment.current != nil))
    func paging() async throws {
        try await withS3Store { store in
            let count = 1_005
            try await withThrowingTaskGroup(of: Void.self) { group in
                for batch in 0..<8 {
                    group.addTask {
                        for index in stride(from: batch, to: count, by: 8) {
                            try await writeText(store, path("many/f\(String(format: "%04d", index))"), "\(index)")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let entries = try await store.list(path("many"))
            #expect(entries.count == count)
            #expect(entries.first?.name == "f0000")
            #expect(entries.last?.name == "f1004")
            try await store.delete(path("many"))
            #expect(try await store.list(path("many")) == [])
            #expect(try await store.kind(of: path("many")) == nil)
        }
    }

    @Test("a missing bucket is INTERNAL_ERROR with S3's code", .enabled(if: S3TestEnvironment.current != nil))
    func missingBucket() async throws {
        let environment = try #require(S3TestEnvironment.current)
        let config = environment.configuration(bucket: "ferry-no-such-bucket", prefix: "p")
        let store = S3BlobStore(configuration: config, httpClient: S3TestEnvironment.httpClient)
        do {
            _ = try await store.list(.root)
            Issue.record("expected an error")
        } catch let error as FerryError {
            #expect(error.code == .internalError)
            #expect(error.message.contains("NoSuchBucket"))
            #expect(error.message.contains("s3://ferry-no-such-bucket/"))
        }
    }

    /// Runs `body` on a store under a fresh prefix of the test bucket and deletes the prefix afterwards.
    private func withS3Store(_ body: (S3BlobStore) async throws -> Void) async throws {
        let environment = try #require(S3TestEnvironment.current)
        let store = try await environment.makeStore(prefix: "s3-tests-\(UUID().uuidString.lowercased())")
        do {
            try await body(store)
        } catch {
            try? await store.deleteKeys(under: store.configuration.keyPrefix + "/")
            throw error
        }
        try await store.deleteKeys(under: store.configuration.keyPrefix + "/")
    }
}
