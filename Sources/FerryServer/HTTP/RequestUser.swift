import FerryCore
import Foundation
import HTTPTypes
import Hummingbird

/// Who a request says it comes from, for the audit trail.
///
/// The `mlflow` client sends HTTP basic credentials when `MLFLOW_TRACKING_USERNAME` is set; Ferry
/// records that user name. Ferry does not check passwords yet, so the name is what the client claims.
enum RequestUser {
    /// The basic-auth user name, else `anonymous`.
    static func name(of request: Request) -> String {
        guard let header = request.headers[.authorization] else { return AuditContext.actor }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
              let credentials = String(data: decoded, encoding: .utf8)
        else { return AuditContext.actor }
        let user = credentials.prefix { $0 != ":" }
        return user.isEmpty ? AuditContext.actor : String(user.prefix(256))
    }
}
