import FerryCore
import Logging
import NIOCore

extension S3BlobStore {
    /// S3 accepts at most this many parts in one multipart upload.
    static let maximumPartCount = 10_000

    public func write<Contents: AsyncSequence>(_ path: BlobPath, contents: Contents) async throws
    where Contents.Element == ByteBuffer {
        if path.isRoot { throw FerryError.invalidParameter("Cannot write a file at the artifact root") }
        let key = key(path)
        var parts = S3PartBuffer(partSize: configuration.partSize)
        var upload: MultipartUpload?
        do {
            for try await chunk in contents {
                var chunk = chunk
                while let part = parts.fill(from: &chunk) {
                    if upload == nil {
                        upload = MultipartUpload(key: key, id: try await translatingErrors { try await client.createMultipartUpload(key: key) })
                    }
                    try await upload!.send(part, client: client, store: self)
                }
            }
            let last = parts.remainder()
            if var started = upload {
                if last.readableBytes > 0 || started.parts.isEmpty {
                    try await started.send(last, client: client, store: self)
                }
                try await translatingErrors {
                    try await client.completeMultipartUpload(key: key, uploadID: started.id, parts: started.parts)
                }
            } else {
                try await translatingErrors { try await client.putObject(key: key, body: last) }
            }
        } catch {
            if let upload {
                await abort(upload)
            }
            throw error
        }
    }

    /// Aborts an upload so that its parts stop costing storage. This runs even when the writing task was
    /// cancelled (the abort is its own task, awaited here); a failed abort is logged and otherwise ignored:
    /// the write's own error is the one to report.
    private func abort(_ upload: MultipartUpload) async {
        let client = client
        let outcome = await Task.detached {
            do {
                try await client.abortMultipartUpload(key: upload.key, uploadID: upload.id)
                return nil as String?
            } catch {
                return "\(error)"
            }
        }.value
        if let outcome {
            client.logger.warning(
                "Could not abort an S3 multipart upload; a bucket lifecycle rule can remove it",
                metadata: ["s3.key": "\(upload.key)", "s3.upload_id": "\(upload.id)", "error": "\(outcome)"]
            )
        }
    }
}

/// A multipart upload in progress: its ID and the ETags of the parts sent so far.
struct MultipartUpload: Sendable {
    let key: String
    let id: String
    private(set) var parts: [(number: Int, etag: String)] = []

    init(key: String, id: String) {
        self.key = key
        self.id = id
    }

    /// Uploads the next part.
    mutating func send(_ body: ByteBuffer, client: S3Client, store: S3BlobStore) async throws {
        let number = parts.count + 1
        guard number <= S3BlobStore.maximumPartCount else {
            throw FerryError.internalError(
                "The file at \(client.describe(key)) is larger than S3's \(S3BlobStore.maximumPartCount) parts of "
                    + "\(client.configuration.partSize) bytes; configure a larger S3 part size."
            )
        }
        let etag = try await store.translatingErrors {
            try await client.uploadPart(key: key, uploadID: id, number: number, body: body)
        }
        parts.append((number, etag))
    }
}
