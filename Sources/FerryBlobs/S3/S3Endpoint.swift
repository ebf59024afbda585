import Foundation

/// Where one S3 request goes: the URL to send, the `Host` header and the canonical path to sign.
struct S3Target: Sendable, Equatable {
    /// The full URL, with the encoded path and the canonical query.
    var url: String
    /// The `host` header's value: the host, plus `:port` when the port is not the scheme's default.
    var host: String
    /// The URI-encoded path, exactly as sent and signed.
    var canonicalPath: String
}

/// Turns a bucket, a key and query parameters into request targets, for either addressing style.
struct S3Endpoint: Sendable, Equatable {
    var scheme: String
    /// The host without the bucket, e.g. `s3.eu-west-1.amazonaws.com` or `127.0.0.1`.
    var host: String
    var port: Int?
    /// Path segments of a custom endpoint's own path (rare; e.g. a gateway at `/s3`).
    var basePath: [String]
    var bucket: String
    var style: S3AddressingStyle

    init(configuration: S3Configuration) {
        bucket = configuration.bucket
        if let endpoint = configuration.endpoint {
            scheme = endpoint.scheme?.lowercased() ?? "https"
            host = endpoint.host ?? "localhost"
            port = endpoint.port
            basePath = endpoint.path.split(separator: "/").map(String.init)
        } else {
            scheme = "https"
            host = "s3.\(configuration.region).amazonaws.com"
            port = nil
            basePath = []
        }
        // Buckets that are no DNS label (dots, capitals, underscores) fall back to path-style,
        // as AWS's SDKs do, so TLS certificates and DNS keep working.
        let virtualHostable = S3Configuration.isVirtualHostCompatible(configuration.bucket)
        style = configuration.addressingStyle == .virtualHosted && virtualHostable ? .virtualHosted : .path
    }

    /// The target of a request on `key` (empty for the bucket itself) with `query` parameters.
    func target(key: String, query: [(name: String, value: String)] = []) -> S3Target {
        var segments = basePath.map { S3Encoding.uriEncode($0) }
        var requestHost = bracketedHost
        switch style {
        case .path:
            segments.append(S3Encoding.uriEncode(bucket))
        case .virtualHosted:
            requestHost = "\(bucket).\(requestHost)"
        }
        var path = "/" + segments.joined(separator: "/")
        if !key.isEmpty {
            path += (path.hasSuffix("/") ? "" : "/") + S3Encoding.uriEncode(key, keepSlash: true)
        }
        let defaultPort = scheme == "https" ? 443 : 80
        let authority = port.map { $0 == defaultPort ? requestHost : "\(requestHost):\($0)" } ?? requestHost
        let queryText = S3Encoding.canonicalQuery(query)
        let url = "\(scheme)://\(authority)\(path)" + (queryText.isEmpty ? "" : "?\(queryText)")
        return S3Target(url: url, host: authority, canonicalPath: path)
    }

    /// An IPv6 literal in brackets, any other host as it is.
    private var bracketedHost: String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }
}
