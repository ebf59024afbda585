import Foundation

/// Which user-given experiment artifact locations Ferry stores.
///
/// Locations must not hide traversal (`..` in the path or query, even percent-encoded), carry a
/// fragment or `;params`, use `runs:`, or address another host with a scheme the server itself
/// would fetch from (http, https, ftp, sftp, hdfs, `mlflow-artifacts://host`): those are how
/// MLflow's path-traversal and SSRF CVEs started.
public enum ArtifactLocationPolicy {
    static let hostAddressedSchemes: Set<String> = ["http", "https", "ftp", "sftp", "hdfs", "viewfs", "mlflow-artifacts", "file"]

    /// Throws INVALID_PARAMETER_VALUE when `location` is not acceptable.
    public static func validate(_ location: String) throws {
        func refuse(_ why: String) -> FerryError {
            FerryError.invalidParameter("Invalid artifact_location '\(location)': \(why)")
        }
        if location.count > Limits.maxArtifactLocationLength {
            throw FerryError.invalidParameter(Messages.exceedsMaximumLength("artifact_location", Limits.maxArtifactLocationLength))
        }
        let decoded = ArtifactPathValidator.fullyDecoded(location)
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw refuse("control characters are not allowed")
        }
        if decoded.contains("#") { throw refuse("a fragment ('#') is not allowed") }
        if decoded.contains(";") { throw refuse("';' parameters are not allowed") }
        if decoded.contains("?") { throw refuse("a query string ('?') is not allowed") }
        let pieces = decoded.split(whereSeparator: { "/\\?&=".contains($0) })
        if pieces.contains(where: { $0 == ".." }) { throw refuse("'..' is not allowed") }
        guard let colon = decoded.firstIndex(of: ":"), let scheme = schemeName(decoded, upTo: colon) else {
            return
        }
        if scheme == "runs" || scheme == "models" { throw refuse("'\(scheme):' URIs cannot be artifact locations") }
        if hostAddressedSchemes.contains(scheme) {
            let afterScheme = decoded[decoded.index(after: colon)...]
            if afterScheme.hasPrefix("//") {
                let authority = afterScheme.dropFirst(2).prefix { $0 != "/" && $0 != "?" }
                if scheme == "file" && authority.isEmpty { return }
                throw refuse("locations on other hosts are not allowed; use the server's artifact store or an object store URI")
            }
        }
    }

    private static func schemeName(_ text: String, upTo colon: String.Index) -> String? {
        let candidate = text[..<colon]
        guard let first = candidate.first, first.isLetter, candidate.count > 1 else { return nil }
        guard candidate.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else { return nil }
        return candidate.lowercased()
    }
}
