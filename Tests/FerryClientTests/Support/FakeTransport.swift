import FerryClient
import Foundation

/// A transport that answers from a script and records every request, for asserting on what the client sends.
actor FakeTransport: HTTPTransport {
    typealias Responder = @Sendable (TransportRequest) throws -> TransportResponse

    private let responder: Responder
    private(set) var requests: [TransportRequest] = []

    /// A transport whose answers `responder` computes.
    init(_ responder: @escaping Responder) {
        self.responder = responder
    }

    /// A transport that answers every request with `status` and the JSON text `body`.
    init(status: Int = 200, json body: String) {
        self.init { _ in TransportResponse(status: status, body: Data(body.utf8)) }
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        requests.append(request)
        return try responder(request)
    }
}

/// A 200 answer with the JSON text `body`.
func ok(_ body: String) -> TransportResponse {
    TransportResponse(status: 200, body: Data(body.utf8))
}

extension TransportRequest {
    /// The query as `name=value` strings, in order, for compact assertions.
    var queryPairs: [String] { query.map { "\($0.name)=\($0.value ?? "")" } }

    /// The JSON body as text.
    var bodyText: String? { jsonBody.map { String(decoding: $0, as: UTF8.self) } }

    /// The value of query parameter `name`.
    func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }
}

/// A flag that a responder can set and read from any task.
final class SharedFlag: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var value = false

    /// Sets the flag.
    func set() { lock.withLock { value = true } }

    /// Whether the flag is set.
    var isSet: Bool { lock.withLock { value } }
}
