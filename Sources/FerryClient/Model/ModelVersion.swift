/// A model version as the MLflow REST API returns it.
public struct ModelVersion: Codable, Sendable, Equatable {
    /// The registered model's name.
    public var name: String
    /// The version number, as a decimal string (`"3"`).
    public var version: String
    /// When it was created, in epoch milliseconds.
    public var creationTimestamp: Int64?
    /// When it last changed, in epoch milliseconds.
    public var lastUpdatedTimestamp: Int64?
    /// Who created it.
    public var userID: String?
    /// `None`, `Staging`, `Production` or `Archived`.
    public var currentStage: String?
    /// Free text; may span several lines.
    public var description: String?
    /// Where the model's files came from (`runs:/…`, `models:/m-…`, a storage URI).
    public var source: String?
    /// The run that produced it.
    public var runID: String?
    /// `PENDING_REGISTRATION`, `FAILED_REGISTRATION` or `READY`.
    public var status: String?
    /// Why registration is pending or failed.
    public var statusMessage: String?
    /// The version's tags, including Ferry's scan verdict (`ferry.scan`) and findings (`ferry.scan.findings`).
    public var tags: [KeyValue]
    /// The aliases that point to this version.
    public var aliases: [String]
    /// A link to the run in another system.
    public var runLink: String?
    /// The logged model it registers (`m-…`).
    public var modelID: String?

    enum CodingKeys: String, CodingKey {
        case name, version, description, source, status, tags, aliases
        case creationTimestamp = "creation_timestamp"
        case lastUpdatedTimestamp = "last_updated_timestamp"
        case userID = "user_id"
        case currentStage = "current_stage"
        case runID = "run_id"
        case statusMessage = "status_message"
        case runLink = "run_link"
        case modelID = "model_id"
    }

    /// A model version; everything but the name and number is optional.
    public init(
        name: String, version: String, creationTimestamp: Int64? = nil, lastUpdatedTimestamp: Int64? = nil,
        userID: String? = nil, currentStage: String? = nil, description: String? = nil, source: String? = nil,
        runID: String? = nil, status: String? = nil, statusMessage: String? = nil, tags: [KeyValue] = [],
        aliases: [String] = [], runLink: String? = nil, modelID: String? = nil
    ) {
        self.name = name
        self.version = version
        self.creationTimestamp = creationTimestamp
        self.lastUpdatedTimestamp = lastUpdatedTimestamp
        self.userID = userID
        self.currentStage = currentStage
        self.description = description
        self.source = source
        self.runID = runID
        self.status = status
        self.statusMessage = statusMessage
        self.tags = tags
        self.aliases = aliases
        self.runLink = runLink
        self.modelID = modelID
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        version = try container.stringIfPresent(forKey: .version) ?? ""
        creationTimestamp = try container.int64IfPresent(forKey: .creationTimestamp)
        lastUpdatedTimestamp = try container.int64IfPresent(forKey: .lastUpdatedTimestamp)
        userID = try container.decodeIfPresent(String.self, forKey: .userID)
        currentStage = try container.decodeIfPresent(String.self, forKey: .currentStage)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        runID = try container.decodeIfPresent(String.self, forKey: .runID)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        statusMessage = try container.decodeIfPresent(String.self, forKey: .statusMessage)
        tags = try container.list(KeyValue.self, forKey: .tags)
        aliases = try container.list(String.self, forKey: .aliases)
        runLink = try container.decodeIfPresent(String.self, forKey: .runLink)
        modelID = try container.decodeIfPresent(String.self, forKey: .modelID)
    }
}

extension ModelVersion {
    /// The tag that holds Ferry's scan verdict (`clean` or `unsafe`).
    public static let scanVerdictTag = "ferry.scan"
    /// The tag that holds Ferry's scan findings, joined with `, `.
    public static let scanFindingsTag = "ferry.scan.findings"

    /// Ferry's scan verdict, or nil when the version was never scanned.
    public var scanVerdict: String? { tags.value(for: Self.scanVerdictTag) }

    /// Ferry's scan findings, or nil when there are none.
    public var scanFindings: String? {
        tags.value(for: Self.scanFindingsTag).flatMap { $0.isEmpty ? nil : $0 }
    }
}
