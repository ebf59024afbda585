import Foundation

/// An opaque page token: base64 of `{"offset": N}`, as MLflow's server writes it.
public struct PageToken: Sendable, Equatable {
    /// The number of rows to skip.
    public var offset: Int

    public init(offset: Int) { self.offset = offset }

    /// Parses a token from a client; an empty or missing token is offset 0.
    /// - Throws: ``FerryError`` INVALID_PARAMETER_VALUE for a token Ferry did not write.
    public init(parsing token: String?) throws {
        guard let token, !token.isEmpty else {
            self.offset = 0
            return
        }
        guard let data = Data(base64Encoded: token),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let offset = (object["offset"] as? NSNumber)?.intValue, offset >= 0
        else {
            throw FerryError.invalidParameter("Invalid page token, could not base64-decode")
        }
        self.offset = offset
    }

    /// The token's text form.
    public var encoded: String {
        Data("{\"offset\": \(offset)}".utf8).base64EncodedString()
    }
}
