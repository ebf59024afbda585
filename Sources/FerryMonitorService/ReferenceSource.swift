import FerryClient
import Foundation

/// Where a monitor's reference dataset comes from: a file, or the dataset registered with a model version.
///
/// A model version registers its reference with the tag `ferry.monitoring.reference`, whose value is either
/// `runs:/<run-id>/<path>` (a file logged with `mlflow.log_artifact` in, say, the training run) or a path inside the
/// version's own artifacts. Without the tag, the version's `reference.csv` is used.
public enum ReferenceSource: Sendable, Equatable, CustomStringConvertible {
    /// A CSV file on this machine.
    case file(String)
    /// The reference registered with `models:/name/version` or `models:/name@alias`.
    case registered(ModelReference)

    /// The model-version tag that names a version's reference dataset.
    public static let tag = "ferry.monitoring.reference"
    /// The file used when a version has no ``tag``.
    public static let defaultArtifact = "reference.csv"

    /// `models:/name/3` or `models:/name@alias` as a registered reference; anything else as a file path.
    public init(parsing text: String) throws(MonitorError) {
        guard text.hasPrefix("models:/") else {
            self = .file(text)
            return
        }
        guard let reference = ModelReference(parsing: String(text.dropFirst("models:/".count))), reference.isSpecific else {
            throw MonitorError("reference '\(text)' names no version: use models:/NAME/VERSION or models:/NAME@ALIAS")
        }
        self = .registered(reference)
    }

    public var description: String {
        switch self {
        case .file(let path): path
        case .registered(let reference): "models:/\(reference)"
        }
    }

    /// The reference's bytes and where they came from (for the report), fetched through `client` when registered.
    public func fetch(client: RegistryClient?) async throws -> (bytes: Data, origin: String) {
        switch self {
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw MonitorError("cannot read the reference \(path): no such file, or it is not readable")
            }
            return (data, path)
        case .registered(let reference):
            guard let client else { throw MonitorError("a registered reference (\(self)) needs a tracking server: set --tracking-uri") }
            let version = try await Self.version(of: reference, client: client)
            let tagged = version.tags.first { $0.key == Self.tag }?.value
            let location = tagged ?? Self.defaultArtifact
            if location.hasPrefix("runs:/") {
                let rest = location.dropFirst("runs:/".count)
                guard let slash = rest.firstIndex(of: "/"), slash != rest.startIndex else {
                    throw MonitorError("tag \(Self.tag) of \(version.name) version \(version.version) is '\(location)': expected runs:/<run-id>/<path>")
                }
                let runID = String(rest[..<slash])
                let path = String(rest[rest.index(after: slash)...])
                return (try await client.runArtifact(runID: runID, path: path), "\(location) (\(version.name) version \(version.version))")
            }
            do {
                return (
                    try await client.modelVersionArtifact(name: version.name, version: version.version, path: location),
                    "models:/\(version.name)/\(version.version)/\(location)"
                )
            } catch let error as FerryClientError where tagged == nil && error.httpStatus == 404 {
                throw MonitorError(
                    "\(version.name) version \(version.version) has no \(Self.defaultArtifact) and no tag \(Self.tag): "
                        + "log the reference with mlflow.log_artifact and tag the version with \(Self.tag)=runs:/<run-id>/<path>")
            }
        }
    }

    /// The version a reference names, resolving an alias.
    public static func version(of reference: ModelReference, client: RegistryClient) async throws -> ModelVersion {
        switch reference {
        case .version(let name, let version): try await client.modelVersion(name: name, version: version)
        case .alias(let name, let alias): try await client.versionByAlias(name: name, alias: alias)
        case .model(let name): throw MonitorError("models:/\(name) names no version")
        }
    }
}

extension ModelReference {
    /// Whether the reference names one version (by number or alias).
    var isSpecific: Bool {
        if case .model = self { return false }
        return true
    }
}

/// Why the monitor cannot run: a usage or setup error, with what to do.
public struct MonitorError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
