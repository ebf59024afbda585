/// A registered model as the MLflow REST API returns it.
public struct RegisteredModel: Codable, Sendable, Equatable {
    /// The model's unique name.
    public var name: String
    /// When it was created, in epoch milliseconds.
    public var creationTimestamp: Int64?
    /// When it last changed, in epoch milliseconds.
    public var lastUpdatedTimestamp: Int64?
    /// Who created it.
    public var userID: String?
    /// Free text; may span several lines.
    public var description: String?
    /// The model's tags.
    public var tags: [KeyValue]
    /// The model's aliases and the versions they point to.
    public var aliases: [RegisteredModelAlias]
    /// The newest version in each stage.
    public var latestVersions: [ModelVersion]

    enum CodingKeys: String, CodingKey {
        case name, description, tags, aliases
        case creationTimestamp = "creation_timestamp"
        case lastUpdatedTimestamp = "last_updated_timestamp"
        case userID = "user_id"
        case latestVersions = "latest_versions"
    }

    /// A registered model; everything but the name is optional.
    public init(
        name: String, creationTimestamp: Int64? = nil, lastUpdatedTimestamp: Int64? = nil, userID: String? = nil,
        description: String? = nil, tags: [KeyValue] = [], aliases: [RegisteredModelAlias] = [],
        latestVersions: [ModelVersion] = []
    ) {
        self.name = name
        self.creationTimestamp = creationTimestamp
        self.lastUpdatedTimestamp = lastUpdatedTimestamp
        self.userID = userID
        self.description = description
        self.tags = tags
        self.aliases = aliases
        self.latestVersions = latestVersions
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        creationTimestamp = try container.int64IfPresent(forKey: .creationTimestamp)
        lastUpdatedTimestamp = try container.int64IfPresent(forKey: .lastUpdatedTimestamp)
        userID = try container.decodeIfPresent(String.self, forKey: .userID)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        tags = try container.list(KeyValue.self, forKey: .tags)
        aliases = try container.list(RegisteredModelAlias.self, forKey: .aliases)
        latestVersions = try container.list(ModelVersion.self, forKey: .latestVersions)
    }

    /// The highest version number among ``latestVersions``, or nil when the model has no versions.
    public var latestVersionNumber: String? {
        latestVersions.map(\.version).max { VersionOrder.precedes($0, $1) }
    }
}

/// An alias of a registered model and the version it points to.
public struct RegisteredModelAlias: Codable, Sendable, Equatable {
    /// The alias, such as `champion`.
    public var alias: String
    /// The version number it points to, as a decimal string.
    public var version: String

    /// `alias` pointing to `version`.
    public init(alias: String, version: String) {
        self.alias = alias
        self.version = version
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        alias = try container.decode(String.self, forKey: .alias)
        version = try container.stringIfPresent(forKey: .version) ?? ""
    }
}
