import FerryCore
import HTTPTypes
import Foundation
import Hummingbird
import NIOCore

/// Builders for the responses the MLflow API sends.
enum Responses {
    /// A JSON body with status 200.
    static func json(_ value: JSONOutput, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.serializedBytes)))
    }

    /// `{}`.
    static var empty: Response { json(.object([])) }

    /// MLflow's error body: `{"error_code": ..., "message": ...}` with the code's status.
    static func error(_ error: FerryError) -> Response {
        json(.object([("error_code", .string(error.code.rawValue)), ("message", .string(error.message))]), status: error.code.httpStatus)
    }

    /// 405 with an `Allow` header, for a known path called with the wrong method.
    static func methodNotAllowed(_ method: HTTPRequest.Method, path: String, allowed: [HTTPRequest.Method]) -> Response {
        let names = allowed.map(\.rawValue).joined(separator: ", ")
        var response = json(
            .object([
                ("error_code", .string(ErrorCode.badRequest.rawValue)),
                ("message", .string("Method \(method.rawValue) is not allowed for \(path); use \(names)")),
            ]), status: .methodNotAllowed)
        response.headers[.allow] = names
        return response
    }

    /// Plain text.
    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Query-string parsing as HTML forms encode it: `+` is a space, then percent-decoding.
enum QueryString {
    static func pairs(_ query: String?) -> [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            return (key, value)
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
