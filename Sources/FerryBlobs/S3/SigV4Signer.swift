import FerryCore
import Crypto

/// AWS Signature Version 4 for S3, as a pure value: no clock, no I/O.
///
/// The caller supplies the already-encoded canonical path, the query items, the headers to sign
/// and the payload hash; the signer returns every intermediate (canonical request, string to sign)
/// so each step can be checked against AWS's published examples.
struct SigV4Signer: Sendable {
    /// The signing algorithm's name as it appears in the string to sign and the header.
    static let algorithm = "AWS4-HMAC-SHA256"

    var accessKeyID: String
    var secretAccessKey: String
    var region: String
    var service: String = "s3"

    /// What signing one request produced.
    struct Signature: Sendable, Equatable {
        var canonicalRequest: String
        var stringToSign: String
        /// Lowercase hex HMAC of the string to sign.
        var signature: String
        /// `name;name;…` of the signed headers, lowercase and sorted.
        var signedHeaders: String
        /// The full value of the `Authorization` header.
        var authorization: String
    }

    /// Signs one request.
    /// - Parameters:
    ///   - method: The HTTP method, e.g. `GET`.
    ///   - canonicalPath: The request path, already URI-encoded segment by segment (`/` kept); `/` for none.
    ///   - query: Query parameters, unencoded; a subresource such as `uploads` has an empty value.
    ///   - headers: Every header to sign, including `host`, `x-amz-date` and `x-amz-content-sha256`.
    ///   - payloadHash: Lowercase hex SHA-256 of the body (or `UNSIGNED-PAYLOAD`).
    ///   - date: The request's time, the same value as its `x-amz-date` header.
    func sign(
        method: String,
        canonicalPath: String,
        query: [(name: String, value: String)],
        headers: [(name: String, value: String)],
        payloadHash: String,
        date: AmzDate
    ) -> Signature {
        let canonicalHeaders = Self.canonicalHeaders(headers)
        let signedHeaders = canonicalHeaders.map(\.name).joined(separator: ";")
        let canonicalRequest = [
            method,
            canonicalPath.isEmpty ? "/" : canonicalPath,
            S3Encoding.canonicalQuery(query),
            canonicalHeaders.map { "\($0.name):\($0.value)\n" }.joined(),
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")

        let scope = credentialScope(date: date)
        let stringToSign = [
            Self.algorithm,
            date.timestamp,
            scope,
            S3Encoding.hex(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")

        let key = signingKey(date: date)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key)
        let signature = S3Encoding.hex(mac)
        let authorization =
            "\(Self.algorithm) Credential=\(accessKeyID)/\(scope),SignedHeaders=\(signedHeaders),Signature=\(signature)"
        return Signature(
            canonicalRequest: canonicalRequest,
            stringToSign: stringToSign,
            signature: signature,
            signedHeaders: signedHeaders,
            authorization: authorization
        )
    }

    /// `yyyymmdd/region/service/aws4_request`.
    func credentialScope(date: AmzDate) -> String {
        "\(date.day)/\(region)/\(service)/aws4_request"
    }

    /// The derived key: HMAC chain over the day, region, service and `aws4_request`.
    func signingKey(date: AmzDate) -> SymmetricKey {
        func step(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
            SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key))
        }
        var key = SymmetricKey(data: Array("AWS4\(secretAccessKey)".utf8))
        for part in [date.day, region, service, "aws4_request"] {
            key = step(key, part)
        }
        return key
    }

    /// Header names lowercased, values trimmed with inner runs of spaces collapsed,
    /// repeated names joined with `,`, sorted by name.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        var merged: [String: String] = [:]
        for (name, value) in headers {
            let name = name.lowercased()
            let value = collapseSpaces(value)
            merged[name] = merged[name].map { "\($0),\(value)" } ?? value
        }
        return merged.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }

    private static func collapseSpaces(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}

/// A UTC instant in the two forms SigV4 uses: `yyyymmdd` and `yyyymmddThhmmssZ`.
struct AmzDate: Sendable, Equatable {
    /// `yyyymmdd`, e.g. `20130524`.
    let day: String
    /// `yyyymmddThhmmssZ`, e.g. `20130524T000000Z`, the value of `x-amz-date`.
    let timestamp: String

    /// The instant `secondsSince1970` seconds after the Unix epoch (fractions dropped).
    init(secondsSince1970: Int64) {
        let time = CivilTime(millisecondsSince1970: secondsSince1970 * 1000)
        day = time.compactDate
        timestamp = time.compact
    }
}
