import FerryCore

/// A path inside a blob store: zero or more plain segments, never escaping the store's root.
///
/// A segment is never empty, `.` or `..`, and never holds `/`, `\` or a control character,
/// so every driver can join segments onto its root without further checks.
public struct BlobPath: Sendable, Hashable, CustomStringConvertible {
    /// The path's segments, outermost first.
    public let segments: [String]

    /// The root of the store.
    public static let root = BlobPath(validated: [])

    /// Creates a path from segments.
    /// - Throws: ``FerryError`` INVALID_PARAMETER_VALUE when a segment is unsafe.
    public init(segments: [String]) throws {
        for segment in segments where !BlobPath.isSafe(segment) {
            throw FerryError.invalidParameter("Invalid path")
        }
        self.segments = segments
    }

    /// Creates a path from `/`-separated text; empty segments (doubled or trailing slashes) are dropped.
    /// - Throws: ``FerryError`` INVALID_PARAMETER_VALUE when a segment is unsafe.
    public init(_ text: String) throws {
        try self.init(segments: text.split(separator: "/", omittingEmptySubsequences: true).map(String.init))
    }

    private init(validated segments: [String]) {
        self.segments = segments
    }

    /// The path joined with `/`; empty for the root.
    public var description: String { segments.joined(separator: "/") }

    /// Whether this is the store's root.
    public var isRoot: Bool { segments.isEmpty }

    /// The last segment, or `""` for the root.
    public var name: String { segments.last ?? "" }

    /// This path with `child`'s segments appended.
    public func appending(_ child: BlobPath) -> BlobPath {
        BlobPath(validated: segments + child.segments)
    }

    /// This path with one more segment.
    /// - Throws: ``FerryError`` INVALID_PARAMETER_VALUE when the segment is unsafe.
    public func appending(segment: String) throws -> BlobPath {
        try BlobPath(segments: segments + [segment])
    }

    static func isSafe(_ segment: String) -> Bool {
        if segment.isEmpty || segment == "." || segment == ".." { return false }
        return !segment.unicodeScalars.contains { scalar in
            scalar == "/" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F
        }
    }
}
