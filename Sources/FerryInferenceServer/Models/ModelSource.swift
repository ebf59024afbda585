/// Where a served model version comes from: an `.onnx` file, a folder holding one (an MLflow model
/// folder with an `MLmodel` file, or any folder with exactly one `.onnx` file), or a registered model
/// version resolved through a tracking server.
public enum ModelSource: Sendable, Equatable, CustomStringConvertible {
    case file(path: String)
    case folder(path: String)
    /// `models:/name/N`.
    case registryVersion(name: String, version: String)
    /// `models:/name@alias`.
    case registryAlias(name: String, alias: String)

    /// Reads a command-line or deployment-file model reference. Paths are told apart by what is on
    /// disk (`isFolder`), so a folder need not end in `/`.
    public init(parsing text: String, isFolder: (String) -> Bool) throws(ServingSetupError) {
        if text.hasPrefix("models:/") {
            let rest = String(text.dropFirst("models:/".count))
            if let at = rest.firstIndex(of: "@") {
                let name = String(rest[..<at]), alias = String(rest[rest.index(after: at)...])
                guard !name.isEmpty, !alias.isEmpty, !alias.contains("/") else { throw ServingSetupError("'\(text)' is not models:/NAME@ALIAS") }
                self = .registryAlias(name: name, alias: alias)
                return
            }
            let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, let number = Int(parts[1]), number > 0 else {
                throw ServingSetupError("'\(text)' is not models:/NAME/VERSION or models:/NAME@ALIAS (a stage such as Production is not supported; use an alias)")
            }
            self = .registryVersion(name: String(parts[0]), version: String(number))
            return
        }
        guard !text.isEmpty else { throw ServingSetupError("An empty model reference; give a .onnx file, a folder or models:/NAME/VERSION") }
        if isFolder(text) {
            self = .folder(path: text)
        } else {
            self = .file(path: text)
        }
    }

    /// The name the model is served under when none is given: the file name without `.onnx`, the
    /// folder's name, or the registered model's name.
    public var defaultName: String {
        switch self {
        case .file(let path):
            let file = Self.lastComponent(path)
            return file.hasSuffix(".onnx") ? String(file.dropLast(5)) : file
        case .folder(let path): return Self.lastComponent(path)
        case .registryVersion(let name, _), .registryAlias(let name, _): return name
        }
    }

    public var description: String {
        switch self {
        case .file(let path), .folder(let path): path
        case .registryVersion(let name, let version): "models:/\(name)/\(version)"
        case .registryAlias(let name, let alias): "models:/\(name)@\(alias)"
        }
    }

    private static func lastComponent(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        return trimmed.split(separator: "/").last.map(String.init) ?? trimmed
    }
}

/// A problem with what `ferry serve` was asked to serve (a model reference, a deployment file); the
/// message says what to change.
public struct ServingSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
