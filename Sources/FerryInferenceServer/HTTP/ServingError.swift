import FerryServing

/// A request the inference server refuses or cannot answer: the HTTP status it gets and what to change.
///
/// Each protocol renders it in its own format: OIP as `{"error": message}`, MLflow scoring as
/// `{"error_code": ..., "message": ...}`.
public struct ServingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status a refusal gets.
    public enum Status: Int, Sendable {
        case badRequest = 400
        case unauthorized = 401
        case notFound = 404
        case methodNotAllowed = 405
        case payloadTooLarge = 413
        case unsupportedMediaType = 415
        case internalError = 500
        case notImplemented = 501
        case unavailable = 503
    }

    public let status: Status
    public let message: String

    public init(_ status: Status, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { message }

    static func badRequest(_ message: String) -> Self { Self(.badRequest, message) }

    /// The status an inference failure gets: bad input is the caller's to fix (400), the rest is ours (500).
    init(_ error: InferenceError) {
        switch error.kind {
        case .invalidInput: self.init(.badRequest, error.message)
        case .unloadable: self.init(.unavailable, error.message)
        case .failed: self.init(.internalError, error.message)
        }
    }

    /// MLflow's error code for this status, as `mlflow models serve` sends it.
    var mlflowErrorCode: String {
        switch status {
        case .badRequest, .payloadTooLarge: "BAD_REQUEST"
        case .unauthorized: "UNAUTHENTICATED"
        case .notFound: "RESOURCE_DOES_NOT_EXIST"
        case .methodNotAllowed: "BAD_REQUEST"
        case .unsupportedMediaType: "BAD_REQUEST"
        case .internalError, .notImplemented, .unavailable: "INTERNAL_ERROR"
        }
    }
}
