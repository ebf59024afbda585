/// The one error type of Ferry's domain.
///
/// Every failure that a client can see carries an ``ErrorCode``; the HTTP layer maps codes to
/// protocol error bodies and statuses in one table, so the code decides what a client receives.
public struct FerryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public let code: ErrorCode
    /// A sentence for people: what was wrong and, where it helps, what to do.
    public let message: String

    /// Creates an error with a code and a message.
    public init(_ code: ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// A request carried a value that the protocol does not accept.
    public static func invalidParameter(_ message: String) -> FerryError { FerryError(.invalidParameterValue, message) }
    /// The named thing does not exist.
    public static func notFound(_ message: String) -> FerryError { FerryError(.resourceDoesNotExist, message) }
    /// The thing to create exists already.
    public static func alreadyExists(_ message: String) -> FerryError { FerryError(.resourceAlreadyExists, message) }
    /// The request is malformed as a whole.
    public static func badRequest(_ message: String) -> FerryError { FerryError(.badRequest, message) }
    /// A failure on the server's side that the client cannot fix.
    public static func internalError(_ message: String) -> FerryError { FerryError(.internalError, message) }
}

/// Error codes, spelled as MLflow's `ErrorCode` protobuf enum spells them.
public enum ErrorCode: String, Sendable, CaseIterable {
    case invalidParameterValue = "INVALID_PARAMETER_VALUE"
    case resourceAlreadyExists = "RESOURCE_ALREADY_EXISTS"
    case resourceDoesNotExist = "RESOURCE_DOES_NOT_EXIST"
    case badRequest = "BAD_REQUEST"
    case endpointNotFound = "ENDPOINT_NOT_FOUND"
    case invalidState = "INVALID_STATE"
    case internalError = "INTERNAL_ERROR"
    case notImplemented = "NOT_IMPLEMENTED"
    case temporarilyUnavailable = "TEMPORARILY_UNAVAILABLE"
    case requestLimitExceeded = "REQUEST_LIMIT_EXCEEDED"
    case permissionDenied = "PERMISSION_DENIED"
    case unauthenticated = "UNAUTHENTICATED"
}
