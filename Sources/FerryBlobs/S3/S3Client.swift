import AsyncHTTPClient
import FerryCore
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// One S3 request before it is signed.
struct S3Request: Sendable {
    /// The operation's name for messages and logs, e.g. `PutObject`.
    var operation: String
    var method: HTTPMethod
    /// The object key; empty for a request on the bucket itself.
    var key: String = ""
    /// Query parameters, unencoded; a subresource such as `uploads` has an empty value.
    var query: [(name: String, value: String)] = []
    /// Extra headers to send and sign (e.g. `content-md5`).
    var headers: [(name: String, value: String)] = []
    var body: ByteBuffer?
}

/// Sends signed requests to one bucket: the I/O shell around ``SigV4Signer`` and ``S3Endpoint``.
///
/// Failed responses become ``S3ServiceError``; a failed connection becomes ``FerryError`` INTERNAL_ERROR.
/// Requests whose response says "try again" (HTTP 500/502/503/504, `SlowDown`) or that lose their
/// connection are retried up to ``S3Configuration/maxAttempts`` times in all.
struct S3Client: Sendable {
    let http: HTTPClient
    let configuration: S3Configuration
    let endpoint: S3Endpoint
    let signer: SigV4Signer
    let logger: Logger

    /// The most bytes of a response document that are read: a ListObjectsV2 page of 1,000 long keys fits well.
    static let documentLimit = 32 * 1024 * 1024

    init(http: HTTPClient, configuration: S3Configuration, logger: Logger) {
        self.http = http
        self.configuration = configuration
        self.endpoint = S3Endpoint(configuration: configuration)
        self.signer = SigV4Signer(
            accessKeyID: configuration.credentials.accessKeyID,
            secretAccessKey: configuration.credentials.secretAccessKey,
            region: configuration.region
        )
        self.logger = logger
    }

    /// `s3://bucket/key`, for messages.
    func describe(_ key: String) -> String {
        "s3://\(configuration.bucket)/\(key)"
    }

    /// Builds the signed HTTP request for `request` at `date`.
    func prepare(_ request: S3Request, payloadHash: String, date: AmzDate) -> HTTPClientRequest {
        let target = endpoint.target(key: request.key, query: request.query)
        var headers = request.headers
        headers.append(("host", target.host))
        headers.append(("x-amz-content-sha256", payloadHash))
        headers.append(("x-amz-date", date.timestamp))
        if let token = configuration.credentials.sessionToken {
            headers.append(("x-amz-security-token", token))
        }
        let signature = signer.sign(
            method: request.method.rawValue,
            canonicalPath: target.canonicalPath,
            query: request.query,
            headers: headers,
            payloadHash: payloadHash,
            date: date
        )
        var prepared = HTTPClientRequest(url: target.url)
        prepared.method = request.method
        for (name, value) in headers {
            prepared.headers.add(name: name, value: value)
        }
        prepared.headers.add(name: "authorization", value: signature.authorization)
        if let body = request.body {
            prepared.body = .bytes(body)
        } else if request.method == .PUT || request.method == .POST {
            prepared.body = .bytes(ByteBuffer())
        }
        return prepared
    }

    /// Sends `request` and returns the response of a 2xx status (or one in `passing`) with its body unread.
    /// - Throws: ``S3ServiceError`` for any other status; ``FerryError`` INTERNAL_ERROR when S3 cannot be reached.
    func send(_ request: S3Request, passing: Set<UInt> = []) async throws -> HTTPClientResponse {
        let payloadHash = request.body.map(S3Encoding.sha256Hex) ?? S3Encoding.emptyPayloadHash
        let timeout = TimeAmount.nanoseconds(
            configuration.requestTimeout.components.seconds * 1_000_000_000
                + configuration.requestTimeout.components.attoseconds / 1_000_000_000
        )
        var attempt = 1
        while true {
            let date = AmzDate(secondsSince1970: Int64(Date().timeIntervalSince1970))
            let prepared = prepare(request, payloadHash: payloadHash, date: date)
            let outcome: Result<HTTPClientResponse, any Error>
            do {
                outcome = .success(try await http.execute(prepared, timeout: timeout, logger: logger))
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success(let response) where (200..<300).contains(response.status.code) || passing.contains(response.status.code):
                logger.debug(
                    "S3 request done",
                    metadata: ["s3.operation": "\(request.operation)", "s3.key": "\(request.key)", "http.status": "\(response.status.code)"]
                )
                return response
            case .success(let response):
                let failure = await serviceError(request, response)
                guard attempt < configuration.maxAttempts, failure.isRetryable else { throw failure }
                logger.debug("S3 request will be retried", metadata: ["s3.operation": "\(request.operation)", "s3.code": "\(failure.code)"])
            case .failure(let error):
                guard attempt < configuration.maxAttempts, Self.isRetryable(error), !Task.isCancelled else {
                    if error is CancellationError || Task.isCancelled { throw CancellationError() }
                    throw FerryError.internalError(
                        "S3 \(request.operation) on \(describe(request.key)) failed: could not reach S3 at "
                            + "\(endpoint.target(key: "").host): \(error)"
                    )
                }
                logger.debug("S3 request will be retried", metadata: ["s3.operation": "\(request.operation)", "error": "\(error)"])
            }
            try await Task.sleep(for: .milliseconds(100 << (2 * (attempt - 1))))
            attempt += 1
        }
    }

    /// Sends `request` and reads its whole response document (bounded by ``documentLimit``).
    func sendForDocument(_ request: S3Request) async throws -> S3XMLNode {
        let response = try await send(request)
        let bytes = try await readBody(response, limit: Self.documentLimit, request: request)
        guard let xml = S3XMLNode.parse(bytes) else {
            throw FerryError.internalError("S3 \(request.operation) on \(describe(request.key)) returned a response that is not XML.")
        }
        // CompleteMultipartUpload and CopyObject can fail with status 200 and an error document.
        if let error = S3ErrorBody(xml: xml) {
            throw S3ServiceError(
                operation: request.operation, resource: describe(request.key), status: response.status.code,
                code: error.code, message: error.message
            )
        }
        return xml
    }

    /// Sends `request` and drains its (empty or ignorable) response body, so the connection can be reused.
    @discardableResult
    func sendDiscardingBody(_ request: S3Request) async throws -> HTTPHeaders {
        let response = try await send(request)
        _ = try await readBody(response, limit: Self.documentLimit, request: request)
        return response.headers
    }

    /// Reads at most `limit` bytes of a response body.
    func readBody(_ response: HTTPClientResponse, limit: Int, request: S3Request) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            for try await chunk in response.body {
                guard bytes.count + chunk.readableBytes <= limit else {
                    throw FerryError.internalError(
                        "S3 \(request.operation) on \(describe(request.key)) returned more than \(limit) bytes of XML."
                    )
                }
                bytes += chunk.readableBytesView
            }
        } catch let error as FerryError {
            throw error
        } catch {
            throw FerryError.internalError("S3 \(request.operation) on \(describe(request.key)) failed while reading the response: \(error)")
        }
        return bytes
    }

    private func serviceError(_ request: S3Request, _ response: HTTPClientResponse) async -> S3ServiceError {
        let bytes = (try? await readBody(response, limit: 1024 * 1024, request: request)) ?? []
        let body = S3XMLNode.parse(bytes).flatMap(S3ErrorBody.init(xml:))
        return S3ServiceError(
            operation: request.operation,
            resource: describe(request.key),
            status: response.status.code,
            code: body?.code ?? Self.codeForStatus(response.status),
            message: body?.message ?? ""
        )
    }

    /// A code for responses without an error document (HEAD requests): `NotFound`, `Forbidden`, ….
    private static func codeForStatus(_ status: HTTPResponseStatus) -> String {
        status.reasonPhrase.replacingOccurrences(of: " ", with: "")
    }

    private static func isRetryable(_ error: any Error) -> Bool {
        if error is CancellationError { return false }
        if let error = error as? HTTPClientError, error == .cancelled || error == .deadlineExceeded { return false }
        return true
    }
}

/// S3 answered a request with an error status.
struct S3ServiceError: Error, Sendable, CustomStringConvertible {
    /// The operation, e.g. `GetObject`.
    var operation: String
    /// `s3://bucket/key` of the request.
    var resource: String
    var status: UInt
    /// S3's error code, e.g. `NoSuchKey`, `AccessDenied`, `SlowDown`.
    var code: String
    var message: String

    var description: String {
        "S3 \(operation) on \(resource) failed: HTTP \(status) \(code)" + (message.isEmpty ? "" : ": \(message)")
    }

    /// Whether trying again may help.
    var isRetryable: Bool {
        [500, 502, 503, 504].contains(status) || ["SlowDown", "RequestTimeout", "InternalError"].contains(code)
    }

    /// The ``FerryError`` a client sees: INVALID_PARAMETER_VALUE for keys that S3 refuses, INTERNAL_ERROR otherwise.
    var ferryError: FerryError {
        switch code {
        case "KeyTooLongError":
            return .invalidParameter("The path is too long for S3 (at most 1024 bytes with the store's prefix): \(resource)")
        default:
            return .internalError(description)
        }
    }
}
