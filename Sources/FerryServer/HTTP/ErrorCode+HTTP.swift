import FerryCore
import HTTPTypes

extension ErrorCode {
    /// The HTTP status for each code: the one table, following MLflow's `ERROR_CODE_TO_HTTP_STATUS`.
    var httpStatus: HTTPResponse.Status {
        switch self {
        case .invalidParameterValue, .resourceAlreadyExists, .badRequest: .badRequest
        case .unauthenticated: .unauthorized
        case .permissionDenied: .forbidden
        case .resourceDoesNotExist, .endpointNotFound: .notFound
        case .requestLimitExceeded: .tooManyRequests
        case .invalidState, .internalError: .internalServerError
        case .notImplemented: .notImplemented
        case .temporarilyUnavailable: .serviceUnavailable
        }
    }
}
