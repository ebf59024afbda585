import Foundation
import Testing
@testable import FerryBlobs

@Test(.enabled(if: ProcessInfo.processInfo.environment["FERRY_MEMPROBE"] != nil))
func memoryProbe() async throws {
    let env = try #require(S3TestEnvironment.current)
    var config = env.configuration(prefix: "memprobe")
    config.partSize = 8 * 1024 * 1024
    let store = S3BlobStore(configuration: config, httpClient: S3TestEnvironment.httpClient)
    try await store.client.createBucket()
    let mib = Int(ProcessInfo.processInfo.environment["FERRY_MEMPROBE"]!)!
    let source = GeneratedBytes(totalBytes: mib * 1024 * 1024, chunkSizes: [65_536])
    try await store.write(path("big.bin"), contents: source)
    let read = try await streamedDigest(store, path("big.bin"))
    #expect(read.size == source.totalBytes)
    print("MEMPROBE chunks", read.chunks)
    try await store.deleteKeys(under: "memprobe/")
}
