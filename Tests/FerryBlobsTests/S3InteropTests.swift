import Foundation
import NIOCore
import Testing

@testable import FerryBlobs

/// Byte-for-byte exchange with another S3 client (boto3), driven from outside:
/// with `FERRY_TEST_S3_ENDPOINT` and `FERRY_TEST_S3_INTEROP_PREFIX` set, this test
/// 1. reads every `<prefix>/from-boto3/<name>` that has a `<name>.sha256` beside it and checks the digest, and
/// 2. writes `<prefix>/from-ferry/<name>` (a single-part and a multipart file) with `<name>.sha256` beside each,
/// so the other client can check what Ferry wrote. The objects are left in place for that check.
@Suite("S3 interoperability")
struct S3InteropTests {
    static var prefix: String? {
        ProcessInfo.processInfo.environment["FERRY_TEST_S3_INTEROP_PREFIX"].flatMap { $0.isEmpty ? nil : $0 }
    }

    @Test("Ferry reads what boto3 wrote and writes what boto3 can read",
          .enabled(if: S3TestEnvironment.current != nil && S3InteropTests.prefix != nil))
    func exchange() async throws {
        let environment = try #require(S3TestEnvironment.current)
        let store = try await environment.makeStore(prefix: try #require(Self.prefix))

        let incoming = try await store.list(path("from-boto3")).filter { !$0.isDirectory && !$0.name.hasSuffix(".sha256") }
        #expect(!incoming.isEmpty, "boto3 should have written files under from-boto3/")
        for entry in incoming {
            let expected = try await readText(store, path("from-boto3/\(entry.name).sha256"))
            let read = try await streamedDigest(store, path("from-boto3/\(entry.name)"))
            #expect(read.sha256 == expected.trimmingCharacters(in: .whitespacesAndNewlines), "\(entry.name)")
            #expect(Int64(read.size) == entry.size)
        }

        for (name, size) in [("small.bin", 1_234), ("multipart.bin", 13 * 1024 * 1024 + 5)] {
            let source = GeneratedBytes(totalBytes: size, seed: UInt64(size))
            try await store.write(path("from-ferry/\(name)"), contents: source)
            try await writeText(store, path("from-ferry/\(name).sha256"), try await source.sha256())
        }
    }
}
