import AsyncHTTPClient
import FerryCore
import Logging
import NIOCore

/// A ``BlobStore`` on an S3 bucket: AWS S3 or any S3-compatible service (MinIO, Ceph, moto).
///
/// A path's key is the configured prefix and the path's segments joined with `/`. Directories are
/// implied by keys, as S3 has none: a path is a directory when some key lies under `path/`.
/// Writes buffer at most one part (``S3Configuration/partSize``) and switch to a multipart upload
/// beyond it; reads stream the object's body chunk by chunk. Requests are signed with SigV4.
///
/// ```swift
/// let config = try S3Configuration.fromEnvironment(environment, uri: "s3://artifacts/ferry")
/// let store = S3BlobStore(configuration: config, httpClient: httpClient, logger: logger)
/// ```
public struct S3BlobStore: BlobStore {
    /// Where the store lives and how it is reached.
    public var configuration: S3Configuration { client.configuration }
    let client: S3Client

    /// Creates a store; nothing is sent until the first call.
    /// - Parameters:
    ///   - httpClient: The client that sends every request; its owner shuts it down. Give it response
    ///     decompression off (the default of `HTTPClient.Configuration()`, though not of `HTTPClient.shared`),
    ///     or an object stored with `Content-Encoding: gzip` reads back decompressed, unlike what was written.
    ///   - logger: Receives one debug line per request and retry.
    public init(
        configuration: S3Configuration,
        httpClient: HTTPClient,
        logger: Logger = Logger(label: "ferry.blobs.s3", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.client = S3Client(http: httpClient, configuration: configuration, logger: logger)
    }

    /// The object key of `path`: the prefix and the segments joined with `/`; the prefix alone for the root.
    func key(_ path: BlobPath) -> String {
        let prefix = configuration.keyPrefix
        let joined = path.segments.joined(separator: "/")
        if prefix.isEmpty { return joined }
        return joined.isEmpty ? prefix : "\(prefix)/\(joined)"
    }

    /// The key prefix of everything under `path`: its key and `/`, or empty at the bucket's top.
    func directoryPrefix(_ path: BlobPath) -> String {
        let key = key(path)
        return key.isEmpty ? "" : key + "/"
    }

    public func kind(of path: BlobPath) async throws -> BlobKind? {
        if path.isRoot { return .directory }
        return try await translatingErrors {
            if let size = try await client.headObject(key: key(path)) {
                return .file(size: size)
            }
            return try await client.hasObjects(prefix: directoryPrefix(path)) ? .directory : nil
        }
    }

    public func read(_ path: BlobPath, into consume: (ByteBuffer) async throws -> Void) async throws {
        if path.isRoot { throw FerryError.invalidParameter("The artifact root is a directory, not a file") }
        let key = key(path)
        let response = try await translatingErrors { try await client.getObject(key: key) }
        guard let response else {
            let isDirectory = try await translatingErrors { try await client.hasObjects(prefix: directoryPrefix(path)) }
            if isDirectory { throw FerryError.invalidParameter("'\(path)' is a directory, not a file") }
            throw FerryError.notFound("No artifact at '\(path)'")
        }
        var chunks = response.body.makeAsyncIterator()
        while true {
            let chunk: ByteBuffer?
            do {
                chunk = try await chunks.next()
            } catch {
                throw FerryError.internalError("S3 GetObject on \(client.describe(key)) failed while reading the body: \(error)")
            }
            guard let chunk else { return }
            try await consume(chunk)
        }
    }

    public func list(_ path: BlobPath) async throws -> [BlobEntry] {
        let prefix = directoryPrefix(path)
        var entries: [BlobEntry] = []
        var token: String?
        try await translatingErrors {
            repeat {
                let page = try await client.listObjects(prefix: prefix, delimiter: "/", continuationToken: token)
                for object in page.objects {
                    let name = String(object.key.dropFirst(prefix.count))
                    // Skip a folder marker (`dir/`, written by some tools): it names the directory itself.
                    guard !name.isEmpty, !name.contains("/") else { continue }
                    entries.append(BlobEntry(name: name, isDirectory: false, size: object.size))
                }
                for common in page.commonPrefixes {
                    let name = String(common.dropFirst(prefix.count).dropLast())
                    guard !name.isEmpty, !name.contains("/") else { continue }
                    entries.append(BlobEntry(name: name, isDirectory: true, size: nil))
                }
                token = page.nextContinuationToken
            } while token != nil
        }
        return entries.sorted { $0.name == $1.name ? $0.isDirectory && !$1.isDirectory : $0.name < $1.name }
    }

    public func delete(_ path: BlobPath) async throws {
        guard !path.isRoot else { throw FerryError.invalidParameter("Refusing to delete the whole artifact root") }
        try await translatingErrors {
            try await client.deleteObject(key: key(path))
            try await deleteKeys(under: directoryPrefix(path))
        }
    }

    /// Deletes every key that starts with `prefix`: one ListObjectsV2 page of up to 1,000 keys,
    /// then one DeleteObjects, until no page is left.
    func deleteKeys(under prefix: String) async throws {
        var token: String?
        repeat {
            let page = try await client.listObjects(prefix: prefix, delimiter: nil, continuationToken: token)
            if !page.objects.isEmpty {
                try await client.deleteObjects(keys: page.objects.map(\.key))
            }
            token = page.nextContinuationToken
        } while token != nil
    }

    /// Runs `body`, turning S3's error responses into ``FerryError`` values.
    func translatingErrors<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as S3ServiceError {
            throw error.ferryError
        }
    }
}
