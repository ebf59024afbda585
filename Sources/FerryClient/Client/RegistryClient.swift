import Foundation

/// The model registry of an MLflow-compatible tracking server (Ferry or MLflow), over any ``HTTPTransport``.
///
/// Each method is one REST call under `/api/2.0/mlflow/` (or `/api/2.0/ferry/` for the audit trail).
/// Failures throw ``FerryClientError``.
public struct RegistryClient: Sendable {
    /// The transport every call goes through.
    public let transport: any HTTPTransport

    /// A client that sends its requests through `transport`.
    public init(transport: any HTTPTransport) {
        self.transport = transport
    }

    /// Sends `request` and decodes a successful answer as `Answer`.
    func call<Answer: Decodable>(_ request: TransportRequest, as answer: Answer.Type) async throws -> Answer {
        let body = try await send(request)
        do {
            return try WireJSON.decoder().decode(Answer.self, from: body.isEmpty ? Data("{}".utf8) : body)
        } catch {
            throw FerryClientError.undecodable(request: Self.label(request), detail: Self.explain(error))
        }
    }

    /// Sends `request` and returns the body of a successful answer; throws for anything else.
    func send(_ request: TransportRequest) async throws -> Data {
        let response: TransportResponse
        do {
            response = try await transport.send(request)
        } catch let error as FerryClientError {
            throw error
        } catch {
            throw FerryClientError.unreachable(request: Self.label(request), cause: error)
        }
        if (200..<300).contains(response.status) { return response.body }
        if let failure = try? JSONDecoder().decode(ErrorBody.self, from: response.body) {
            throw FerryClientError.server(status: response.status, errorCode: failure.errorCode, message: failure.message ?? "")
        }
        throw FerryClientError.unexpectedAnswer(status: response.status, request: Self.label(request), body: response.body)
    }

    /// A GET request for `path` under `/api/2.0/mlflow/`, leaving out parameters that are nil.
    static func get(_ path: String, _ query: [(String, String?)]) -> TransportRequest {
        TransportRequest(
            method: "GET", path: "/api/2.0/mlflow/" + path,
            query: query.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } })
    }

    /// A request with a JSON body for `path` under `/api/2.0/mlflow/`.
    static func json(_ method: String, _ path: String, _ body: some Encodable) throws -> TransportRequest {
        TransportRequest(method: method, path: "/api/2.0/mlflow/" + path, jsonBody: try WireJSON.requestEncoder().encode(body))
    }

    /// `GET /api/2.0/mlflow/registered-models/get` and the like, for messages.
    private static func label(_ request: TransportRequest) -> String {
        "\(request.method) \(request.path)"
    }

    private static func explain(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return String(describing: error) }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field '\(path(context.codingPath + [key]))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let place = path(context.codingPath)
            return place.isEmpty ? context.debugDescription : "field '\(place)': \(context.debugDescription)"
        @unknown default:
            return String(describing: error)
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

/// MLflow's error body: `{"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "…"}`.
private struct ErrorBody: Decodable {
    var errorCode: String
    var message: String?

    enum CodingKeys: String, CodingKey {
        case errorCode = "error_code"
        case message
    }
}
