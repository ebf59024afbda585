/// One recorded change to the model registry, as `GET /api/2.0/ferry/registry/audit-events` returns it.
public struct AuditEvent: Codable, Sendable, Equatable {
    /// Increases with every event, in the order the changes committed.
    public var id: Int64
    /// When the change happened, in epoch milliseconds.
    public var timestamp: Int64
    /// Who made it.
    public var actor: String
    /// What happened: `set_alias`, `transition_stage`, `create_model_version`, ….
    public var action: String
    /// The registered model's name at the time of the change.
    public var name: String
    /// The version changed, for version-level actions.
    public var version: String?
    /// The changed fields before the change (`current_stage`, `alias.champion`, `tag.team`, …); empty for creations.
    public var before: [String: String]
    /// The changed fields after the change; empty for deletions.
    public var after: [String: String]

    /// An audit event.
    public init(
        id: Int64, timestamp: Int64, actor: String, action: String, name: String, version: String? = nil,
        before: [String: String] = [:], after: [String: String] = [:]
    ) {
        self.id = id
        self.timestamp = timestamp
        self.actor = actor
        self.action = action
        self.name = name
        self.version = version
        self.before = before
        self.after = after
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.int64IfPresent(forKey: .id) ?? 0
        timestamp = try container.int64IfPresent(forKey: .timestamp) ?? 0
        actor = try container.decodeIfPresent(String.self, forKey: .actor) ?? ""
        action = try container.decode(String.self, forKey: .action)
        name = try container.decode(String.self, forKey: .name)
        version = try container.stringIfPresent(forKey: .version)
        before = try container.decodeIfPresent([String: String].self, forKey: .before) ?? [:]
        after = try container.decodeIfPresent([String: String].self, forKey: .after) ?? [:]
    }
}
