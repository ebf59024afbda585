/// One page of a ListObjectsV2 response.
struct S3ListPage: Sendable, Equatable {
    struct Object: Sendable, Equatable {
        var key: String
        var size: Int64
    }

    /// Objects directly matched (all of them under the prefix when no delimiter was given).
    var objects: [Object]
    /// Rolled-up prefixes, each ending with the delimiter: the "directories".
    var commonPrefixes: [String]
    /// The token of the next page; `nil` on the last page.
    var nextContinuationToken: String?

    /// Reads a `ListBucketResult` document.
    init(xml: S3XMLNode) throws(S3ResponseError) {
        guard xml.name == "ListBucketResult" else { throw S3ResponseError(expected: "ListBucketResult", found: xml.name) }
        objects = try xml.children("Contents").map { entry throws(S3ResponseError) in
            guard let key = entry.text(of: "Key") else { throw S3ResponseError(expected: "Contents/Key", found: "nothing") }
            return Object(key: key, size: Int64(entry.text(of: "Size") ?? "") ?? 0)
        }
        commonPrefixes = xml.children("CommonPrefixes").compactMap { $0.text(of: "Prefix") }
        let truncated = xml.text(of: "IsTruncated") == "true"
        let token = xml.text(of: "NextContinuationToken")
        nextContinuationToken = truncated && token?.isEmpty == false ? token : nil
    }

    init(objects: [Object], commonPrefixes: [String], nextContinuationToken: String?) {
        self.objects = objects
        self.commonPrefixes = commonPrefixes
        self.nextContinuationToken = nextContinuationToken
    }
}

/// The error document of a failed S3 request: `<Error><Code>…</Code><Message>…</Message></Error>`.
struct S3ErrorBody: Sendable, Equatable {
    var code: String
    var message: String

    /// Reads an `Error` document; `nil` when `xml` is something else.
    init?(xml: S3XMLNode) {
        guard xml.name == "Error" else { return nil }
        code = xml.text(of: "Code") ?? "Unknown"
        message = xml.text(of: "Message") ?? ""
    }
}

/// The upload ID from an `InitiateMultipartUploadResult` document.
func s3UploadID(xml: S3XMLNode) throws(S3ResponseError) -> String {
    guard xml.name == "InitiateMultipartUploadResult", let id = xml.text(of: "UploadId"), !id.isEmpty else {
        throw S3ResponseError(expected: "InitiateMultipartUploadResult/UploadId", found: xml.name)
    }
    return id
}

/// The keys that a DeleteObjects request failed to delete, with S3's code for each.
func s3DeleteFailures(xml: S3XMLNode) throws(S3ResponseError) -> [(key: String, code: String, message: String)] {
    guard xml.name == "DeleteResult" else { throw S3ResponseError(expected: "DeleteResult", found: xml.name) }
    return xml.children("Error").map { error in
        (error.text(of: "Key") ?? "", error.text(of: "Code") ?? "Unknown", error.text(of: "Message") ?? "")
    }
}

/// A response body that is not the document S3 documents for the operation.
struct S3ResponseError: Error, Sendable, CustomStringConvertible {
    var expected: String
    var found: String

    var description: String { "expected an XML \(expected) element, found \(found)" }
}

/// Request bodies of the operations that send XML.
enum S3RequestBody {
    /// `CompleteMultipartUpload` with every part's number and ETag, in order.
    static func completeMultipartUpload(parts: [(number: Int, etag: String)]) -> String {
        var xml = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        for part in parts {
            xml += "<Part><PartNumber>\(part.number)</PartNumber><ETag>\(S3Encoding.xmlEscape(part.etag))</ETag></Part>"
        }
        return xml + "</CompleteMultipartUpload>"
    }

    /// `Delete` in quiet mode (only failures are reported) for up to 1,000 keys.
    static func deleteObjects(keys: [String]) -> String {
        var xml = "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>"
        for key in keys {
            xml += "<Object><Key>\(S3Encoding.xmlEscape(key))</Key></Object>"
        }
        return xml + "</Delete>"
    }
}
