import AsyncHTTPClient
import FerryClient
import Foundation
import NIOCore
import NIOHTTP1

/// The client commands' transport: one AsyncHTTPClient for the process, requests resolved against the tracking
/// URI, basic credentials from `MLFLOW_TRACKING_USERNAME` / `MLFLOW_TRACKING_PASSWORD` when set.
struct AsyncHTTPTransport: HTTPTransport {
    /// A command makes a few requests and exits: a server that is not there fails at once instead of being
    /// retried until the connect timeout. The client lives as long as the process.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: .seconds(60)))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// The tracking URI without a trailing slash, e.g. `http://127.0.0.1:5000`.
    let baseURL: String
    /// The `Authorization` header value, when credentials are configured.
    let authorization: String?
    let timeout: TimeAmount = .seconds(60)
    /// Answers larger than this are refused (a registry listing is far smaller).
    static let maximumResponseSize = 256 * 1024 * 1024

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        var components = URLComponents()
        components.queryItems = request.query.isEmpty ? nil : request.query
        let query = components.percentEncodedQuery.map { "?" + $0.replacingOccurrences(of: "+", with: "%2B") } ?? ""
        var outgoing = HTTPClientRequest(url: baseURL + request.path + query)
        outgoing.method = HTTPMethod(rawValue: request.method)
        if let authorization { outgoing.headers.add(name: "Authorization", value: authorization) }
        if let body = request.jsonBody {
            outgoing.headers.add(name: "Content-Type", value: request.contentType)
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await Self.client.execute(outgoing, timeout: timeout)
            let body = try await response.body.collect(upTo: Self.maximumResponseSize)
            return TransportResponse(status: Int(response.status.code), body: Data(body.readableBytesView))
        } catch {
            throw FerryClientError.unreachable(request: "\(request.method) \(request.path)", cause: error)
        }
    }
}

/// A transport for the tracking server at `trackingURI` (`http://` or `https://`).
func makeTransport(trackingURI: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any HTTPTransport {
    let trimmed = try checkedBaseURL(trackingURI, name: "tracking URI", of: "a tracking server", example: "http://127.0.0.1:5000")
    var authorization: String?
    if let user = environment["MLFLOW_TRACKING_USERNAME"], !user.isEmpty {
        let credentials = "\(user):\(environment["MLFLOW_TRACKING_PASSWORD"] ?? "")"
        authorization = "Basic " + Data(credentials.utf8).base64EncodedString()
    } else if let token = environment["MLFLOW_TRACKING_TOKEN"], !token.isEmpty {
        authorization = "Bearer " + token
    }
    return AsyncHTTPTransport(baseURL: trimmed, authorization: authorization)
}

/// `text` without a trailing slash, refused unless it is an http(s) URL with a host; `name`, `server`
/// and `example` word the message (`The tracking URI 'x' is not an http(s) URL of a tracking server, ...`).
func checkedBaseURL(_ text: String, name: String, of server: String, example: String) throws -> String {
    let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
    guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
        throw ValidationErrorMessage("The \(name) '\(text)' is not an http(s) URL of \(server), e.g. \(example)")
    }
    return trimmed
}

/// An error whose description is its message, for a one-line report.
struct ValidationErrorMessage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
