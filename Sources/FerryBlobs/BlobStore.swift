import FerryCore
import NIOCore

/// Where artifacts live: a tree of files addressed by ``BlobPath``.
///
/// Drivers: ``LocalBlobStore`` (a folder) and ``S3BlobStore`` (any S3-compatible service).
/// Every driver streams in both directions, so a file never has to sit whole in memory,
/// and every driver runs the same conformance suite.
///
/// Failures are ``FerryError`` values: reading a missing file is RESOURCE_DOES_NOT_EXIST,
/// reading a directory is INVALID_PARAMETER_VALUE.
public protocol BlobStore: Sendable {
    /// What is at `path`: a file with its size, a directory, or `nil` when nothing is there.
    /// The root (the empty path) is always a directory.
    func kind(of path: BlobPath) async throws -> BlobKind?

    /// Writes the bytes of `contents` to the file at `path`, creating parent directories.
    /// The file appears only once every byte is written; a failed write leaves the previous file, or none.
    func write<Contents: AsyncSequence>(_ path: BlobPath, contents: Contents) async throws
    where Contents.Element == ByteBuffer

    /// Streams the file at `path` to `consume`, one chunk at a time, in order.
    func read(_ path: BlobPath, into consume: (ByteBuffer) async throws -> Void) async throws

    /// The direct children of the directory at `path`, sorted by name.
    /// Empty when `path` is missing or is a file.
    func list(_ path: BlobPath) async throws -> [BlobEntry]

    /// Removes the file or the whole directory tree at `path`. Removing nothing is not an error.
    func delete(_ path: BlobPath) async throws
}

/// What a path names in a blob store.
public enum BlobKind: Sendable, Equatable {
    case file(size: Int64)
    case directory
}

/// One child of a directory in a blob store.
public struct BlobEntry: Sendable, Equatable {
    /// The child's own name (one segment, no slashes).
    public var name: String
    public var isDirectory: Bool
    /// The size in bytes of a file; `nil` for a directory.
    public var size: Int64?

    public init(name: String, isDirectory: Bool, size: Int64?) {
        self.name = name
        self.isDirectory = isDirectory
        self.size = size
    }
}

extension BlobStore {
    /// Writes `bytes` to the file at `path`.
    public func write(_ path: BlobPath, bytes: ByteBuffer) async throws {
        try await write(path, contents: SingleBufferSequence(buffer: bytes))
    }

    /// Reads the whole file at `path`; for small files and tests.
    public func readAll(_ path: BlobPath) async throws -> ByteBuffer {
        var result = ByteBuffer()
        try await read(path) { chunk in
            var chunk = chunk
            result.writeBuffer(&chunk)
        }
        return result
    }
}

/// An async sequence of exactly one buffer.
struct SingleBufferSequence: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let buffer: ByteBuffer

    struct AsyncIterator: AsyncIteratorProtocol {
        var buffer: ByteBuffer?
        mutating func next() async -> ByteBuffer? {
            defer { buffer = nil }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(buffer: buffer) }
}
