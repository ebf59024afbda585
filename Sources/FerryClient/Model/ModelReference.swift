/// What a command line names: a whole model (`churn`), one version (`churn/3`) or an alias (`churn@champion`).
public enum ModelReference: Sendable, Equatable, CustomStringConvertible {
    /// A registered model.
    case model(name: String)
    /// A version of a registered model, by number.
    case version(name: String, version: String)
    /// The version an alias points to.
    case alias(name: String, alias: String)

    /// Reads `NAME`, `NAME/VERSION` or `NAME@ALIAS`; nil when a part is empty or the version is not a
    /// positive integer. MLflow model names cannot contain `/`, so the first `/` splits; an alias is what
    /// follows the last `@`.
    public init?(parsing text: String) {
        if let slash = text.firstIndex(of: "/") {
            let name = String(text[..<slash])
            let version = String(text[text.index(after: slash)...])
            guard !name.isEmpty, let number = Int64(version), number > 0 else { return nil }
            self = .version(name: name, version: String(number))
        } else if let at = text.lastIndex(of: "@") {
            let name = String(text[..<at])
            let alias = String(text[text.index(after: at)...])
            guard !name.isEmpty, !alias.isEmpty else { return nil }
            self = .alias(name: name, alias: alias)
        } else {
            guard !text.isEmpty else { return nil }
            self = .model(name: text)
        }
    }

    /// The registered model's name.
    public var name: String {
        switch self {
        case .model(let name), .version(let name, _), .alias(let name, _): name
        }
    }

    /// The reference as written on a command line.
    public var description: String {
        switch self {
        case .model(let name): name
        case .version(let name, let version): "\(name)/\(version)"
        case .alias(let name, let alias): "\(name)@\(alias)"
        }
    }
}
