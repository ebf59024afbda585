import Foundation
import HTTPTypes
import Yams

/// What to serve under one name, before anything is loaded: from `ferry serve MODEL...` arguments or a
/// deployment file.
public struct DeploymentSpec: Sendable, Equatable {
    /// One version to load: where from, and its label (nil: the registry version, else the next free number).
    public struct VersionSpec: Sendable, Equatable {
        public var source: ModelSource
        public var version: String?
        /// The traffic percent, for a canary or shadow.
        public var percent: Double?

        public init(source: ModelSource, version: String? = nil, percent: Double? = nil) {
            self.source = source
            self.version = version
            self.percent = percent
        }
    }

    public var name: String
    public var primary: VersionSpec
    public var canary: VersionSpec?
    public var shadow: VersionSpec?
    public var stickyHeader: String?

    public init(name: String, primary: VersionSpec, canary: VersionSpec? = nil, shadow: VersionSpec? = nil, stickyHeader: String? = nil) {
        self.name = name
        self.primary = primary
        self.canary = canary
        self.shadow = shadow
        self.stickyHeader = stickyHeader
    }

    /// A `ferry serve` argument: `SOURCE` or `NAME=SOURCE` (SOURCE: a `.onnx` file, a folder, or
    /// `models:/name/N` / `models:/name@alias`).
    public init(argument: String, isFolder: (String) -> Bool) throws(ServingSetupError) {
        var name: String?
        var reference = argument
        if !argument.hasPrefix("models:/"), let equals = argument.firstIndex(of: "="), !argument[..<equals].contains("/") {
            name = String(argument[..<equals])
            reference = String(argument[argument.index(after: equals)...])
        }
        let source = try ModelSource(parsing: reference, isFolder: isFolder)
        self.init(name: try Self.checkedName(name ?? source.defaultName), primary: VersionSpec(source: source))
    }

    /// The characters a served name or version label may hold: safe in a URL path segment.
    private static let pathSafe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")

    /// A served name must be usable in a URL path segment.
    static func checkedName(_ name: String) throws(ServingSetupError) -> String {
        guard !name.isEmpty, name != ".", name != "..", name.allSatisfy(pathSafe.contains) else {
            throw ServingSetupError("'\(name)' cannot be a served model name: use letters, digits, '-', '_' and '.'")
        }
        return name
    }

    /// A version label must be usable in a URL path segment (`/v2/models/NAME/versions/LABEL`).
    static func checkedVersionLabel(_ label: String) throws(ServingSetupError) -> String {
        guard !label.isEmpty, label.count <= 64, label != ".", label != "..", label.allSatisfy(pathSafe.contains) else {
            throw ServingSetupError("'\(label)' cannot be a version label: use up to 64 letters, digits, '-', '_' and '.'")
        }
        return label
    }
}

/// The deployment file `ferry serve --deployment FILE` reads (YAML):
///
/// ```yaml
/// deployments:
///   - name: churn
///     primary: {model: models:/churn/3}
///     canary: {model: ./churn-v4.onnx, version: "4", percent: 10}
///     shadow: {model: models:/churn@challenger, percent: 100}
///     sticky_header: x-user-id
/// ```
public enum DeploymentFile {
    /// The deployments in `text`; `origin` names the file in messages, and relative model paths are
    /// resolved against `baseFolder`.
    public static func parse(_ text: String, origin: String, baseFolder: String, isFolder: (String) -> Bool) throws(ServingSetupError) -> [DeploymentSpec] {
        let document: Any?
        do {
            document = try Yams.load(yaml: text)
        } catch {
            throw ServingSetupError("\(origin) is not valid YAML: \(error)")
        }
        guard let root = document as? [String: Any], let items = root["deployments"] as? [Any] else {
            throw ServingSetupError("\(origin) needs a top-level 'deployments' list")
        }
        let unknownTop = Set(root.keys).subtracting(["deployments"])
        guard unknownTop.isEmpty else { throw ServingSetupError("\(origin): unknown key(s) \(unknownTop.sorted().joined(separator: ", "))") }
        guard !items.isEmpty else { throw ServingSetupError("\(origin): 'deployments' is empty; list at least one deployment") }
        return try items.enumerated().map { index, item throws(ServingSetupError) in
            let place = "\(origin), deployments[\(index)]"
            guard let fields = item as? [String: Any] else { throw ServingSetupError("\(place) must be a mapping") }
            let unknown = Set(fields.keys).subtracting(["name", "primary", "canary", "shadow", "sticky_header"])
            guard unknown.isEmpty else { throw ServingSetupError("\(place): unknown key(s) \(unknown.sorted().joined(separator: ", "))") }
            func version(_ key: String, percentAllowed: Bool) throws(ServingSetupError) -> DeploymentSpec.VersionSpec? {
                guard let value = fields[key] else { return nil }
                let entry: [String: Any]
                if let reference = value as? String { entry = ["model": reference] } else if let mapping = value as? [String: Any] { entry = mapping } else {
                    throw ServingSetupError("\(place).\(key) must be a model reference or a mapping with 'model'")
                }
                let extra = Set(entry.keys).subtracting(percentAllowed ? ["model", "version", "percent"] : ["model", "version"])
                guard extra.isEmpty else { throw ServingSetupError("\(place).\(key): unknown key(s) \(extra.sorted().joined(separator: ", "))") }
                guard let reference = entry["model"] as? String else { throw ServingSetupError("\(place).\(key) needs 'model'") }
                let resolved = reference.hasPrefix("models:/") || reference.hasPrefix("/") ? reference : (baseFolder as NSString).appendingPathComponent(reference)
                var percent: Double?
                if let raw = entry["percent"] {
                    guard let number = (raw as? Double) ?? (raw as? Int).map(Double.init), (0...100).contains(number) else {
                        throw ServingSetupError("\(place).\(key).percent must be a number from 0 to 100")
                    }
                    percent = number
                }
                var label: String?
                if let raw = entry["version"] {
                    guard raw is String || raw is Int else { throw ServingSetupError("\(place).\(key).version must be a string or a whole number") }
                    label = try DeploymentSpec.checkedVersionLabel("\(raw)")
                }
                return .init(source: try ModelSource(parsing: resolved, isFolder: isFolder), version: label, percent: percent)
            }
            guard let primary = try version("primary", percentAllowed: false) else { throw ServingSetupError("\(place) needs a 'primary' model") }
            func text(_ key: String) throws(ServingSetupError) -> String? {
                guard let value = fields[key] else { return nil }
                guard let text = value as? String else { throw ServingSetupError("\(place).\(key) must be a string") }
                return text
            }
            let name = try DeploymentSpec.checkedName(try text("name") ?? primary.source.defaultName)
            let stickyHeader = try text("sticky_header")
            if let stickyHeader, HTTPField.Name(stickyHeader) == nil {
                throw ServingSetupError("\(place).sticky_header '\(stickyHeader)' is not a valid HTTP header name")
            }
            var canary = try version("canary", percentAllowed: true)
            if canary != nil, canary?.percent == nil { canary?.percent = 0 }
            var shadow = try version("shadow", percentAllowed: true)
            if shadow != nil, shadow?.percent == nil { shadow?.percent = 100 }
            return DeploymentSpec(name: name, primary: primary, canary: canary, shadow: shadow, stickyHeader: stickyHeader)
        }
    }
}
