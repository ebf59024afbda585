import FerryCore
import Foundation

/// Where and how ``S3BlobStore`` reaches a bucket: AWS S3 itself or any S3-compatible service
/// (MinIO, Ceph, moto, …).
public struct S3Configuration: Sendable, Equatable {
    /// The bucket's name.
    public var bucket: String
    /// The key prefix under which the store lives, without leading or trailing `/`; empty for the bucket's top.
    public var keyPrefix: String
    /// The region that requests are signed for, e.g. `us-east-1`.
    public var region: String
    /// A custom endpoint such as `http://127.0.0.1:9000`; `nil` for AWS S3 in ``region``.
    public var endpoint: URL?
    /// How the bucket appears in request URLs.
    public var addressingStyle: S3AddressingStyle
    /// The keys that sign requests.
    public var credentials: S3Credentials
    /// The size of one part of a multipart upload, and the most that a write buffers.
    /// Uploads no larger than this are a single PutObject.
    public var partSize: Int
    /// How long one request may take until its response head arrives.
    public var requestTimeout: Duration
    /// How many times a request is tried in all when S3 is busy or the connection fails.
    public var maxAttempts: Int

    /// The default part size: 8 MiB.
    public static let defaultPartSize = 8 * 1024 * 1024
    /// The smallest part size S3 accepts for every part but the last: 5 MiB.
    public static let minimumPartSize = 5 * 1024 * 1024

    /// Creates a configuration.
    /// - Parameters:
    ///   - addressingStyle: `nil` picks ``S3AddressingStyle/path`` with a custom endpoint and
    ///     ``S3AddressingStyle/virtualHosted`` for AWS.
    ///   - partSize: At least ``minimumPartSize``; smaller values are raised to it.
    public init(
        bucket: String,
        keyPrefix: String = "",
        region: String = "us-east-1",
        endpoint: URL? = nil,
        addressingStyle: S3AddressingStyle? = nil,
        credentials: S3Credentials,
        partSize: Int = S3Configuration.defaultPartSize,
        requestTimeout: Duration = .seconds(300),
        maxAttempts: Int = 3
    ) {
        self.bucket = bucket
        self.keyPrefix = keyPrefix.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
        self.region = region
        self.endpoint = endpoint
        self.addressingStyle = addressingStyle ?? (endpoint == nil ? .virtualHosted : .path)
        self.credentials = credentials
        self.partSize = max(partSize, Self.minimumPartSize)
        self.requestTimeout = requestTimeout
        self.maxAttempts = max(1, maxAttempts)
    }

    /// Reads a configuration from an `s3://bucket/prefix` URI and the standard AWS variables.
    ///
    /// Variables: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`;
    /// `AWS_REGION`, else `AWS_DEFAULT_REGION`, else `us-east-1`; the endpoint from `AWS_ENDPOINT_URL_S3`,
    /// else `AWS_ENDPOINT_URL`, else `MLFLOW_S3_ENDPOINT_URL`. A custom endpoint uses path-style addressing.
    ///
    /// ```swift
    /// let config = try S3Configuration.fromEnvironment(ProcessInfo.processInfo.environment, uri: "s3://artifacts/ferry")
    /// ```
    /// - Throws: ``FerryError`` INVALID_PARAMETER_VALUE when the URI, an endpoint or the credentials are missing or malformed.
    public static func fromEnvironment(_ env: [String: String], uri: String) throws -> S3Configuration {
        let (bucket, prefix) = try parseURI(uri)
        func value(_ name: String) -> String? {
            guard let text = env[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        guard let accessKey = value("AWS_ACCESS_KEY_ID"), let secret = value("AWS_SECRET_ACCESS_KEY") else {
            throw FerryError.invalidParameter(
                "The S3 store \(uri) needs credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."
            )
        }
        let region = value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") ?? "us-east-1"
        var endpoint: URL?
        for name in ["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "MLFLOW_S3_ENDPOINT_URL"] {
            guard let text = value(name) else { continue }
            endpoint = try parseEndpoint(text, variable: name)
            break
        }
        return S3Configuration(
            bucket: bucket,
            keyPrefix: prefix,
            region: region,
            endpoint: endpoint,
            credentials: S3Credentials(accessKeyID: accessKey, secretAccessKey: secret, sessionToken: value("AWS_SESSION_TOKEN"))
        )
    }

    /// Splits `s3://bucket/some/prefix` into the bucket and the prefix (`some/prefix`).
    static func parseURI(_ uri: String) throws -> (bucket: String, prefix: String) {
        let scheme = "s3://"
        guard uri.lowercased().hasPrefix(scheme) else {
            throw FerryError.invalidParameter("\(uri) is not an S3 URI: expected s3://bucket/prefix.")
        }
        let rest = uri.dropFirst(scheme.count)
        let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let bucket = parts.first.map(String.init) ?? ""
        guard isValidBucketName(bucket) else {
            throw FerryError.invalidParameter(
                "\(uri) does not name a valid S3 bucket: expected s3://bucket/prefix with a bucket name of "
                    + "3 to 63 lowercase letters, digits, dots and hyphens."
            )
        }
        let prefix = parts.count > 1 ? String(parts[1]) : ""
        if prefix.contains("?") || prefix.contains("#") {
            throw FerryError.invalidParameter("\(uri): an S3 URI takes no query or fragment.")
        }
        let segments = prefix.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == "." || $0 == ".." }) {
            throw FerryError.invalidParameter("\(uri): the key prefix may not contain '.' or '..' segments.")
        }
        return (bucket, segments.joined(separator: "/"))
    }

    /// Whether `name` can be a bucket's name: 3 to 255 characters of `A-Z a-z 0-9 . _ -`.
    /// (New buckets follow stricter rules; old ones in us-east-1 may have capitals and underscores.)
    static func isValidBucketName(_ name: String) -> Bool {
        guard (3...255).contains(name.unicodeScalars.count) else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "." || scalar == "-" || scalar == "_"
        }
    }

    /// Whether `name` can be a DNS label under virtual-hosted addressing over TLS:
    /// lowercase letters, digits and hyphens, 3 to 63 characters, a letter or digit at each end.
    static func isVirtualHostCompatible(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard (3...63).contains(scalars.count), scalars.first != "-", scalars.last != "-" else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    private static func parseEndpoint(_ text: String, variable: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            throw FerryError.invalidParameter("\(variable)=\(text) is not an http(s) URL such as http://127.0.0.1:9000.")
        }
        return url
    }
}

/// How a bucket appears in request URLs.
public enum S3AddressingStyle: String, Sendable, Equatable {
    /// `https://endpoint/bucket/key`: for MinIO, moto and other custom endpoints.
    case path
    /// `https://bucket.s3.region.amazonaws.com/key`: AWS's default.
    case virtualHosted = "virtual"
}

/// The keys that sign S3 requests.
public struct S3Credentials: Sendable, Equatable, CustomStringConvertible {
    /// The access key ID, e.g. `AKIA…`.
    public var accessKeyID: String
    /// The secret access key.
    public var secretAccessKey: String
    /// The session token of temporary credentials (STS); sent as `x-amz-security-token`.
    public var sessionToken: String?

    /// Creates credentials.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// Names the access key only; the secret and the token never appear in logs.
    public var description: String { "S3Credentials(accessKeyID: \(accessKeyID), secret: <redacted>)" }
}
