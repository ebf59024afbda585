import Foundation

/// Sends one request to a tracking server and returns its answer.
///
/// ``RegistryClient`` speaks only through this protocol, so it can run against a real HTTP client, an
/// in-process server or a test fake. A transport resolves ``TransportRequest/path`` against the server's
/// address, adds whatever authentication the deployment needs, and sends ``TransportRequest/jsonBody``
/// with `Content-Type: application/json`. It returns every answer the server gives, error statuses
/// included; it throws only when no answer came back (the connection failed or timed out).
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the server's answer, whatever its status.
    func send(_ request: TransportRequest) async throws -> TransportResponse
}

/// One HTTP request, independent of any HTTP library.
public struct TransportRequest: Sendable, Equatable {
    /// The HTTP method: `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    public var method: String
    /// The path from the server's root, such as `/api/2.0/mlflow/registered-models/get`.
    public var path: String
    /// The query parameters, in order; empty for none.
    public var query: [URLQueryItem]
    /// The body, or nil for none: JSON unless ``contentType`` says otherwise.
    public var jsonBody: Data?
    /// The body's media type, sent as `Content-Type`.
    public var contentType: String

    /// A request for `method` on `path`, with optional query parameters and body (JSON by default).
    public init(method: String, path: String, query: [URLQueryItem] = [], jsonBody: Data? = nil, contentType: String = "application/json") {
        self.method = method
        self.path = path
        self.query = query
        self.jsonBody = jsonBody
        self.contentType = contentType
    }
}

/// The server's answer to a ``TransportRequest``.
public struct TransportResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The raw body; empty when the server sent none.
    public var body: Data

    /// An answer with `status` and `body`.
    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}
