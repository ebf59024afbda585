import Crypto
import FerryBlobs
import FerryCore
import NIOCore
import Testing

/// Deterministic pseudo-random bytes, generated chunk by chunk: a large stream without a large buffer.
struct GeneratedBytes: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// The whole stream's length in bytes.
    let totalBytes: Int
    /// Chunk sizes, used in turn; odd sizes make chunks straddle part boundaries.
    let chunkSizes: [Int]
    let seed: UInt64
    /// When set, the stream throws ``InjectedFailure`` instead of producing bytes past this offset.
    var failAfter: Int?

    init(totalBytes: Int, chunkSizes: [Int] = [65_536, 100_003, 7, 1_048_577], seed: UInt64 = 42, failAfter: Int? = nil) {
        self.totalBytes = totalBytes
        self.chunkSizes = chunkSizes
        self.seed = seed
        self.failAfter = failAfter
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let source: GeneratedBytes
        var produced = 0
        var chunkIndex = 0
        var state: UInt64

        mutating func next() async throws -> ByteBuffer? {
            if let limit = source.failAfter, produced >= limit { throw InjectedFailure() }
            guard produced < source.totalBytes else { return nil }
            var length = Swift.min(source.chunkSizes[chunkIndex % source.chunkSizes.count], source.totalBytes - produced)
            if let limit = source.failAfter { length = Swift.min(length, Swift.max(1, limit - produced)) }
            chunkIndex += 1
            var buffer = ByteBuffer()
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { raw in
                var offset = 0
                while offset < length {
                    // xorshift64, eight bytes per step: cheap and reproducible.
                    state ^= state << 13
                    state ^= state >> 7
                    state ^= state << 17
                    if length - offset >= 8 {
                        raw.storeBytes(of: state.littleEndian, toByteOffset: offset, as: UInt64.self)
                        offset += 8
                        continue
                    }
                    var word = state.littleEndian
                    for _ in 0..<(length - offset) {
                        raw[offset] = UInt8(truncatingIfNeeded: word)
                        word >>= 8
                        offset += 1
                    }
                }
                return length
            }
            produced += length
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(source: self, state: seed | 1)
    }

    /// The SHA-256 (hex) of the whole stream, computed by generating it once.
    func sha256() async throws -> String {
        var hasher = SHA256()
        var iterator = GeneratedBytes(totalBytes: totalBytes, chunkSizes: chunkSizes, seed: seed).makeAsyncIterator()
        while let chunk = try await iterator.next() {
            chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        }
        return hex(hasher.finalize())
    }
}

/// An async sequence of no chunks at all.
struct NoChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    struct AsyncIterator: AsyncIteratorProtocol {
        mutating func next() async -> ByteBuffer? { nil }
    }
    func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }
}

/// The error that ``GeneratedBytes`` throws to simulate a client that goes away mid-upload.
struct InjectedFailure: Error, Equatable {}

/// Lowercase hex of a digest.
func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    bytes.map { byte in
        let text = String(byte, radix: 16)
        return byte < 16 ? "0" + text : text
    }.joined()
}

/// Reads a file from `store`, hashing it chunk by chunk; returns the hex SHA-256, the size and the chunk count.
func streamedDigest(_ store: any BlobStore, _ path: BlobPath) async throws -> (sha256: String, size: Int, chunks: Int) {
    var hasher = SHA256()
    var size = 0
    var chunks = 0
    try await store.read(path) { chunk in
        chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        size += chunk.readableBytes
        chunks += 1
    }
    return (hex(hasher.finalize()), size, chunks)
}

/// Reads a small file as UTF-8 text.
func readText(_ store: any BlobStore, _ path: BlobPath) async throws -> String {
    String(buffer: try await store.readAll(path))
}

/// Writes UTF-8 text as a file.
func writeText(_ store: any BlobStore, _ path: BlobPath, _ text: String) async throws {
    try await store.write(path, bytes: ByteBuffer(string: text))
}

/// Runs `body` and returns the ``FerryError`` code it threw; records an issue when it throws something else or nothing.
func ferryErrorCode(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> ErrorCode? {
    do {
        try await body()
        Issue.record("expected a FerryError, but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as FerryError {
        return error.code
    } catch {
        Issue.record("expected a FerryError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// Shorthand for a path in tests.
func path(_ text: String) -> BlobPath {
    try! BlobPath(text)
}
