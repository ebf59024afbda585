import HTTPTypes
import Hummingbird
import NIOCore

/// Response builders shared by the inference protocols.
enum ServingResponses {
    static let inferenceHeaderLength = HTTPField.Name("Inference-Header-Content-Length")!

    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, contentType: String = "application/json") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.contentLength] = String(bytes.count)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A JSON object written by `fill`.
    static func object(status: HTTPResponse.Status = .ok, _ fill: (inout JSONWriter) -> Void) -> Response {
        var writer = JSONWriter()
        fill(&writer)
        return json(writer.bytes, status: status)
    }

    static func text(_ text: String, status: HTTPResponse.Status = .ok, contentType: String = "text/plain; charset=utf-8") -> Response {
        json(Array(text.utf8), status: status, contentType: contentType)
    }

    /// OIP's error body, `{"error": message}`.
    static func oipError(_ error: ServingError) -> Response {
        object(status: HTTPResponse.Status(code: error.status.rawValue)) { writer in
            writer.raw("{")
            writer.key("error")
            writer.string(error.message)
            writer.raw("}")
        }
    }

    /// MLflow's error body, `{"error_code": ..., "message": ...}`; 415 is plain text as MLflow sends it.
    static func mlflowError(_ error: ServingError) -> Response {
        if error.status == .unsupportedMediaType { return text(error.message, status: .unsupportedMediaType) }
        return object(status: HTTPResponse.Status(code: error.status.rawValue)) { writer in
            writer.raw("{")
            writer.field("error_code")
            writer.string(error.mlflowErrorCode)
            writer.field("message")
            writer.string(error.message)
            writer.raw("}")
        }
    }
}

extension Request {
    /// The whole body, refused with 413 past `limit` bytes; `advice` says what to do about it.
    func collectBody(limit: Int, advice: String = "send smaller batches or raise --max-request-size") async throws(ServingError) -> [UInt8] {
        do {
            let buffer = try await body.collect(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch {
            throw ServingError(.payloadTooLarge, "The request body is larger than the limit of \(limit) bytes; \(advice).")
        }
    }

    /// The value of header `name`, when present.
    func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }
}
