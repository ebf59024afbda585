import AsyncHTTPClient
import FerryCore
import NIOCore
import NIOHTTP1

/// The S3 operations that ``S3BlobStore`` uses, one request each.
extension S3Client {
    /// HeadObject: the object's size, or `nil` when there is no object at `key`.
    func headObject(key: String) async throws -> Int64? {
        let request = S3Request(operation: "HeadObject", method: .HEAD, key: key)
        let response = try await send(request, passing: [404])
        _ = try await readBody(response, limit: Self.documentLimit, request: request)
        if response.status == .notFound { return nil }
        guard let length = response.headers.first(name: "content-length").flatMap({ Int64($0) }) else {
            throw FerryError.internalError("S3 HeadObject on \(describe(key)) returned no Content-Length.")
        }
        return length
    }

    /// GetObject: the response with its body unread, or `nil` when there is no object at `key`.
    func getObject(key: String) async throws -> HTTPClientResponse? {
        let request = S3Request(operation: "GetObject", method: .GET, key: key)
        do {
            return try await send(request)
        } catch let error as S3ServiceError where error.code == "NoSuchKey" {
            return nil
        }
    }

    /// ListObjectsV2: one page of keys under `prefix`; with a delimiter, deeper keys roll up into common prefixes.
    func listObjects(prefix: String, delimiter: String?, continuationToken: String?, maxKeys: Int? = nil) async throws -> S3ListPage {
        var query: [(name: String, value: String)] = [("list-type", "2")]
        if !prefix.isEmpty { query.append(("prefix", prefix)) }
        if let delimiter { query.append(("delimiter", delimiter)) }
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        if let maxKeys { query.append(("max-keys", String(maxKeys))) }
        let request = S3Request(operation: "ListObjectsV2", method: .GET, key: "", query: query)
        let xml = try await sendForDocument(request)
        do {
            return try S3ListPage(xml: xml)
        } catch {
            throw FerryError.internalError("S3 ListObjectsV2 on \(describe(prefix)) returned an unexpected document: \(error)")
        }
    }

    /// Whether any key starts with `prefix` (ListObjectsV2 with max-keys 1).
    func hasObjects(prefix: String) async throws -> Bool {
        let page = try await listObjects(prefix: prefix, delimiter: "/", continuationToken: nil, maxKeys: 1)
        return !page.objects.isEmpty || !page.commonPrefixes.isEmpty
    }

    /// PutObject: the whole of `body` as the object at `key`.
    func putObject(key: String, body: ByteBuffer) async throws {
        try await sendDiscardingBody(S3Request(operation: "PutObject", method: .PUT, key: key, body: body))
    }

    /// DeleteObject: removes the object at `key`; S3 answers success when there is none.
    func deleteObject(key: String) async throws {
        try await sendDiscardingBody(S3Request(operation: "DeleteObject", method: .DELETE, key: key))
    }

    /// DeleteObjects: removes up to 1,000 keys in one request.
    func deleteObjects(keys: [String]) async throws {
        precondition(keys.count <= 1000, "DeleteObjects takes at most 1,000 keys")
        let body = ByteBuffer(string: S3RequestBody.deleteObjects(keys: keys))
        let request = S3Request(
            operation: "DeleteObjects", method: .POST, query: [("delete", "")],
            headers: [("content-md5", S3Encoding.md5Base64(body)), ("content-type", "application/xml")],
            body: body
        )
        let failures: [(key: String, code: String, message: String)]
        do {
            failures = try s3DeleteFailures(xml: try await sendForDocument(request))
        } catch let error as S3ResponseError {
            throw FerryError.internalError("S3 DeleteObjects in \(describe("")) returned an unexpected document: \(error)")
        }
        if let first = failures.first {
            throw S3ServiceError(
                operation: "DeleteObjects", resource: describe(first.key), status: 200, code: first.code,
                message: "\(first.message) (\(failures.count) of \(keys.count) keys not deleted)"
            )
        }
    }

    /// CreateMultipartUpload: starts an upload to `key` and returns its ID.
    func createMultipartUpload(key: String) async throws -> String {
        let request = S3Request(operation: "CreateMultipartUpload", method: .POST, key: key, query: [("uploads", "")])
        let xml = try await sendForDocument(request)
        do {
            return try s3UploadID(xml: xml)
        } catch {
            throw FerryError.internalError("S3 CreateMultipartUpload on \(describe(key)) returned an unexpected document: \(error)")
        }
    }

    /// UploadPart: one part (numbered from 1) of an upload; returns the part's ETag.
    func uploadPart(key: String, uploadID: String, number: Int, body: ByteBuffer) async throws -> String {
        let request = S3Request(
            operation: "UploadPart", method: .PUT, key: key,
            query: [("partNumber", String(number)), ("uploadId", uploadID)], body: body
        )
        let headers = try await sendDiscardingBody(request)
        guard let etag = headers.first(name: "etag") else {
            throw FerryError.internalError("S3 UploadPart \(number) on \(describe(key)) returned no ETag.")
        }
        return etag
    }

    /// CompleteMultipartUpload: joins the parts into the object at `key`.
    func completeMultipartUpload(key: String, uploadID: String, parts: [(number: Int, etag: String)]) async throws {
        let request = S3Request(
            operation: "CompleteMultipartUpload", method: .POST, key: key, query: [("uploadId", uploadID)],
            headers: [("content-type", "application/xml")],
            body: ByteBuffer(string: S3RequestBody.completeMultipartUpload(parts: parts))
        )
        _ = try await sendForDocument(request)
    }

    /// AbortMultipartUpload: discards an upload's parts.
    func abortMultipartUpload(key: String, uploadID: String) async throws {
        let request = S3Request(operation: "AbortMultipartUpload", method: .DELETE, key: key, query: [("uploadId", uploadID)])
        try await sendDiscardingBody(request)
    }

    /// ListMultipartUploads: the keys of uploads in progress under `prefix` (first page only).
    func listMultipartUploads(prefix: String) async throws -> [String] {
        let request = S3Request(operation: "ListMultipartUploads", method: .GET, query: [("uploads", ""), ("prefix", prefix)])
        let xml = try await sendForDocument(request)
        return xml.children("Upload").compactMap { $0.text(of: "Key") }
    }

    /// CreateBucket: creates the configured bucket; a bucket that this account owns already is fine.
    /// For development and tests against MinIO or moto.
    func createBucket() async throws {
        var body: ByteBuffer?
        if configuration.region != "us-east-1" {
            body = ByteBuffer(
                string: "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                    + "<LocationConstraint>\(S3Encoding.xmlEscape(configuration.region))</LocationConstraint>"
                    + "</CreateBucketConfiguration>"
            )
        }
        do {
            try await sendDiscardingBody(S3Request(operation: "CreateBucket", method: .PUT, body: body))
        } catch let error as S3ServiceError where error.code == "BucketAlreadyOwnedByYou" {
            return
        }
    }
}
