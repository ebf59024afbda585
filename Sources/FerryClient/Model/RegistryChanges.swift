/// What setting or deleting an alias changed: `churn@champion: 2 → 3`.
public struct AliasChange: Codable, Sendable, Equatable {
    /// The registered model.
    public var name: String
    /// The alias.
    public var alias: String
    /// The version the alias pointed to before; nil when it was not set.
    public var previousVersion: String?
    /// The version it points to now; nil when it was deleted.
    public var version: String?

    enum CodingKeys: String, CodingKey {
        case name, alias, version
        case previousVersion = "previous_version"
    }

    /// A change of `alias` from `previousVersion` to `version`.
    public init(name: String, alias: String, previousVersion: String?, version: String?) {
        self.name = name
        self.alias = alias
        self.previousVersion = previousVersion
        self.version = version
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        alias = try container.decode(String.self, forKey: .alias)
        previousVersion = try container.decodeIfPresent(String.self, forKey: .previousVersion)
        version = try container.decodeIfPresent(String.self, forKey: .version)
    }

    /// Writes both versions, as `null` when unset, so that scripts always find the keys.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(alias, forKey: .alias)
        try container.encode(previousVersion, forKey: .previousVersion)
        try container.encode(version, forKey: .version)
    }

    /// True when the alias points where it pointed before.
    public var isUnchanged: Bool { previousVersion == version }
}

/// What a stage transition changed for one version: `churn/2 stage: Production → Archived`.
public struct StageChange: Codable, Sendable, Equatable {
    /// The registered model.
    public var name: String
    /// The version.
    public var version: String
    /// Its stage before.
    public var previousStage: String
    /// Its stage now.
    public var stage: String

    enum CodingKeys: String, CodingKey {
        case name, version, stage
        case previousStage = "previous_stage"
    }

    /// `version` moved from `previousStage` to `stage`.
    public init(name: String, version: String, previousStage: String, stage: String) {
        self.name = name
        self.version = version
        self.previousStage = previousStage
        self.stage = stage
    }
}

/// What `ferry models promote` changed: the alias, and the stages when a stage was asked for.
public struct Promotion: Codable, Sendable, Equatable {
    /// The alias moved to the promoted version.
    public var alias: AliasChange
    /// The stage changes, the promoted version's first; empty when no stage was asked for.
    public var stageChanges: [StageChange]
    /// The stage asked for, or nil.
    public var requestedStage: String?

    enum CodingKeys: String, CodingKey {
        case alias
        case stageChanges = "stage_changes"
        case requestedStage = "requested_stage"
    }

    /// A promotion's outcome.
    public init(alias: AliasChange, stageChanges: [StageChange] = [], requestedStage: String? = nil) {
        self.alias = alias
        self.stageChanges = stageChanges
        self.requestedStage = requestedStage
    }
}
