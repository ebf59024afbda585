/// A model version's `source`, parsed and checked for hidden traversal.
///
/// Ferry confines sources to the store's own artifacts: a version must come from the run or logged
/// model named in the request (`run_id`, `model_id`), or copy another registered version. Local
/// paths, `file:` URIs, other hosts, another run's or model's artifacts, and traversal hidden behind
/// percent-encoding are refused — the inputs of MLflow's source CVEs (CVE-2023-1177, -2356, -2780,
/// -6977, -6753, CVE-2024-1558, -1483, -1594, -2928, -3848).
public enum ModelVersionSource: Equatable, Sendable {
    /// `runs:/<run_id>/<path>`: a path inside a run's artifacts (`path` may be empty).
    case run(id: String, path: String)
    /// `models:/<model_id>`: a logged model's artifacts.
    case loggedModel(id: String)
    /// `models:/<name>/<version>` or `models:/<name>@<alias>`: a copy of another registered version.
    case registeredVersion(name: String, reference: VersionReference)
    /// Any other URI: it must lie inside the artifact root of the run or logged model in the request.
    case location(StorageLocation)

    /// How a `models:/` source names another registered version.
    public enum VersionReference: Equatable, Sendable {
        case version(Int64)
        case alias(String)
    }

    /// Parses `source`, refusing control characters, `..` segments (even percent-encoded, any number of
    /// times), query strings, fragments and `runs:`/`models:` URIs with a host.
    public static func parse(_ source: String) throws -> ModelVersionSource {
        let decoded = ArtifactPathValidator.fullyDecoded(source)
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw invalid(source, "Control characters (including NUL) are not allowed.")
        }
        if decoded.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains(where: { $0 == ".." }) {
            throw invalid(source, "Relative path references ('..') are not allowed; give a path inside the run's or model's artifacts.")
        }
        if decoded.contains("?") || decoded.contains("#") {
            throw invalid(source, "Query strings and fragments are not allowed.")
        }
        let location = StorageLocation(source)
        switch location.scheme {
        case "runs":
            guard location.authority.isEmpty, let runID = location.segments.first else {
                throw invalid(source, "Expected 'runs:/<run_id>/<path>'.")
            }
            return .run(id: runID, path: location.segments.dropFirst().joined(separator: "/"))
        case "models":
            guard location.authority.isEmpty else {
                throw invalid(source, "Registered model sources must use this server's registry ('models:/...').")
            }
            return try parseModelsURI(source, segments: location.segments)
        default:
            return .location(location)
        }
    }

    private static func parseModelsURI(_ source: String, segments: [String]) throws -> ModelVersionSource {
        switch segments.count {
        case 1:
            let segment = segments[0]
            if let at = segment.firstIndex(of: "@") {
                let name = String(segment[..<at])
                let alias = String(segment[segment.index(after: at)...])
                guard !name.isEmpty, !alias.isEmpty else { throw invalid(source, "Expected 'models:/<name>@<alias>'.") }
                return .registeredVersion(name: name, reference: .alias(alias))
            }
            return .loggedModel(id: segment)
        case 2:
            guard let version = Int64(segments[1]), version > 0 else {
                throw invalid(source, "Expected 'models:/<name>/<version>' with a version number, or 'models:/<name>@<alias>'.")
            }
            return .registeredVersion(name: segments[0], reference: .version(version))
        default:
            throw invalid(source, "Expected 'models:/<model_id>', 'models:/<name>/<version>' or 'models:/<name>@<alias>'.")
        }
    }

    /// Throws unless this source lies inside the artifacts of the run or logged model the request names.
    ///
    /// - Parameters:
    ///   - runID: the request's `run_id`, if any.
    ///   - runArtifactURI: that run's artifact URI (`nil` when there is no run).
    ///   - modelID: the request's `model_id`, if any.
    ///   - modelArtifactLocation: that logged model's artifact location (`nil` when there is none).
    /// A `.registeredVersion` source is not checked here: the caller resolves it against the registry.
    public func checkConfined(
        _ source: String, runID: String?, runArtifactURI: String?, modelID: String?, modelArtifactLocation: String?
    ) throws {
        let runID = runID.flatMap { $0.isEmpty ? nil : $0 }
        let modelID = modelID.flatMap { $0.isEmpty ? nil : $0 }
        switch self {
        case .run(let id, _):
            if modelID != nil { throw Self.mustIdentify(source, "run_id") }
            guard id == runID else { throw Self.mustIdentify(source, "run_id") }
        case .loggedModel(let id):
            guard id == modelID else { throw Self.mustIdentify(source, "model_id") }
        case .registeredVersion:
            return
        case .location(let location):
            if modelID != nil {
                guard let root = modelArtifactLocation, location.isInside(StorageLocation(root)) else {
                    throw Self.mustIdentify(source, "model_id")
                }
            } else if runID != nil {
                guard let root = runArtifactURI, location.isInside(StorageLocation(root)) else {
                    throw Self.mustIdentify(source, "run_id")
                }
            } else {
                throw Self.invalid(
                    source,
                    "A source outside 'runs:/' and 'models:/' URIs needs the run_id or model_id request parameter, "
                        + "and must lie inside that run's or model's artifacts.")
            }
        }
    }

    /// The error for a source outside the resource that `parameter` (`run_id`, `model_id`) names.
    public static func mustIdentify(_ source: String, _ parameter: String) -> FerryError {
        invalid(source, "The \(parameter) request parameter must identify the resource that contains the source.")
    }

    static func invalid(_ source: String, _ why: String) -> FerryError {
        FerryError.invalidParameter("Invalid model version source: '\(source)'. \(why)")
    }
}

/// A URI or path split for containment checks: lower-cased scheme and authority, and the path's
/// non-empty segments, each fully percent-decoded.
public struct StorageLocation: Equatable, Sendable {
    /// The scheme without `:`, lower-cased; empty for a plain path.
    public let scheme: String
    /// The authority after `//`, lower-cased; empty when there is none.
    public let authority: String
    /// The path's non-empty segments, decoded.
    public let segments: [String]

    public init(_ uri: String) {
        var rest = Substring(uri)
        if let colon = rest.firstIndex(of: ":"), Self.isScheme(rest[..<colon]) {
            scheme = rest[..<colon].lowercased()
            rest = rest[rest.index(after: colon)...]
        } else {
            scheme = ""
        }
        if rest.hasPrefix("//") {
            let afterSlashes = rest.dropFirst(2)
            let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
            authority = afterSlashes[..<end].lowercased()
            rest = afterSlashes[end...]
        } else {
            authority = ""
        }
        let path = rest.prefix { $0 != "?" && $0 != "#" }
        segments = path.split(separator: "/").map { ArtifactPathValidator.fullyDecoded(String($0)) }
    }

    /// Whether this location is `root` or lies below it (same scheme and authority, and a non-empty root).
    public func isInside(_ root: StorageLocation) -> Bool {
        scheme == root.scheme && authority == root.authority && !root.segments.isEmpty && segments.starts(with: root.segments)
    }

    /// A scheme has two or more characters (one letter would be a Windows drive), starting with a letter.
    private static func isScheme(_ text: Substring) -> Bool {
        guard let first = text.first, first.isLetter, text.count > 1 else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }
}
