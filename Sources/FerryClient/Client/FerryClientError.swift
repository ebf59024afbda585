import Foundation

/// Why a call to the tracking server failed.
///
/// Its ``description`` is one line fit for a terminal: `ERROR_CODE: message` for an MLflow JSON error,
/// otherwise a sentence that names the request and what came back.
public struct FerryClientError: Error, Sendable, CustomStringConvertible {
    private enum Reason: Sendable {
        case server(status: Int, code: String, message: String)
        case unexpectedAnswer(status: Int, request: String, excerpt: String)
        case undecodable(request: String, detail: String)
        case unreachable(request: String, detail: String)
    }

    private let reason: Reason

    private init(_ reason: Reason) {
        self.reason = reason
    }

    /// The MLflow error code (`RESOURCE_DOES_NOT_EXIST`, `INVALID_PARAMETER_VALUE`, …) when the server sent one.
    public var errorCode: String? {
        if case .server(_, let code, _) = reason { return code }
        return nil
    }

    /// The HTTP status of the answer, or nil when no answer came back.
    public var httpStatus: Int? {
        switch reason {
        case .server(let status, _, _), .unexpectedAnswer(let status, _, _): status
        case .undecodable, .unreachable: nil
        }
    }

    /// True when the transport could not get any answer from the server.
    public var isConnectionFailure: Bool {
        if case .unreachable = reason { return true }
        return false
    }

    /// What went wrong when no answer came back (such as `Connection refused`), otherwise nil.
    public var connectionFailureDetail: String? {
        if case .unreachable(_, let detail) = reason { return detail }
        return nil
    }

    /// The server's message for an MLflow error, otherwise the same text as ``description``.
    public var message: String {
        if case .server(_, _, let message) = reason { return message }
        return description
    }

    public var description: String {
        switch reason {
        case .server(_, let code, let message):
            message.isEmpty ? code : "\(code): \(message)"
        case .unexpectedAnswer(let status, let request, let excerpt):
            "The server answered \(request) with HTTP \(status) and no MLflow error"
                + (excerpt.isEmpty ? "" : ": \(excerpt)")
        case .undecodable(let request, let detail):
            "The server's answer to \(request) is not what an MLflow tracking server sends: \(detail)"
        case .unreachable(let request, let detail):
            "Could not reach the tracking server for \(request): \(detail)"
        }
    }

    /// An MLflow JSON error: `{"error_code": code, "message": message}` with HTTP `status`.
    public static func server(status: Int, errorCode: String, message: String) -> Self {
        Self(.server(status: status, code: errorCode, message: message))
    }

    /// An error status whose body is not an MLflow error (a proxy's HTML page, plain text, nothing).
    static func unexpectedAnswer(status: Int, request: String, body: Data) -> Self {
        Self(.unexpectedAnswer(status: status, request: request, excerpt: excerpt(of: body)))
    }

    /// A successful status whose body cannot be read as the expected JSON.
    static func undecodable(request: String, detail: String) -> Self {
        Self(.undecodable(request: request, detail: detail))
    }

    /// The transport threw: no answer came back for `request`.
    public static func unreachable(request: String, cause: any Error) -> Self {
        Self(.unreachable(request: request, detail: String(describing: cause)))
    }

    /// The body's text on one line, cut to 200 characters.
    private static func excerpt(of body: Data) -> String {
        let text = String(decoding: body, as: UTF8.self)
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
        return text.count > 200 ? String(text.prefix(199)) + "…" : text
    }
}
