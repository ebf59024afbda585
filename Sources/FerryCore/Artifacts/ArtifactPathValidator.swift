import Foundation

/// Checks artifact paths that clients send, before they touch any store.
///
/// Mirrors MLflow's `validate_path_is_safe` and goes further: the path is percent-decoded
/// repeatedly (up to 10 passes, so `%252e%252e` is caught), then refused if it contains `#`,
/// a backslash, NUL or another control character, a `..` segment, a `file:` URI, or an absolute
/// POSIX or Windows path (`/x`, `C:\x`, `C:/x`, `\\host`).
public enum ArtifactPathValidator {
    /// The message MLflow gives for every unsafe path.
    public static let invalidPathMessage = "Invalid path"

    /// Validates `path` (checking its fully decoded form) and returns the segments of `path` as given
    /// (empty for the root); `.` and empty segments are dropped.
    /// - Throws: ``FerryError`` INVALID_PARAMETER_VALUE "Invalid path".
    public static func segments(of path: String) throws -> [String] {
        let decoded = fullyDecoded(path)
        let invalid = FerryError.invalidParameter(invalidPathMessage)
        if decoded.contains("#") || decoded.contains("\\") { throw invalid }
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { throw invalid }
        if decoded.hasPrefix("/") { throw invalid }
        if decoded.lowercased().hasPrefix("file:") { throw invalid }
        if isWindowsDrivePath(decoded) { throw invalid }
        if decoded.split(separator: "/", omittingEmptySubsequences: true).contains("..") { throw invalid }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        return parts.filter { $0 != "." }
    }

    /// `text` percent-decoded until it stops changing, at most 10 times.
    public static func fullyDecoded(_ text: String) -> String {
        var current = text
        for _ in 0..<10 {
            guard current.contains("%"), let next = current.removingPercentEncoding, next != current else { break }
            current = next
        }
        return current
    }

    private static func isWindowsDrivePath(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars.prefix(3))
        guard scalars.count >= 2, scalars[1] == ":", scalars[0].properties.isAlphabetic else { return false }
        return scalars.count == 2 || scalars[2] == "/" || scalars[2] == "\\"
    }
}
