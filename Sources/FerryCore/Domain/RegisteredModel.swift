/// A named model in the registry, with its versions' summary, tags and aliases.
public struct RegisteredModel: Sendable, Equatable {
    public var name: String
    /// Epoch milliseconds.
    public var creationTimestamp: Int64
    /// Epoch milliseconds.
    public var lastUpdatedTimestamp: Int64
    public var userID: String?
    public var description: String?
    /// The newest version in each stage, as MLflow reports `latest_versions`.
    public var latestVersions: [ModelVersion]
    public var tags: [KeyValue]
    public var aliases: [ModelAlias]

    public init(
        name: String, creationTimestamp: Int64, lastUpdatedTimestamp: Int64, userID: String? = nil, description: String? = nil,
        latestVersions: [ModelVersion] = [], tags: [KeyValue] = [], aliases: [ModelAlias] = []
    ) {
        self.name = name
        self.creationTimestamp = creationTimestamp
        self.lastUpdatedTimestamp = lastUpdatedTimestamp
        self.userID = userID
        self.description = description
        self.latestVersions = latestVersions
        self.tags = tags
        self.aliases = aliases
    }
}

/// An alias pointing at one version of a registered model (`champion` → 3).
public struct ModelAlias: Sendable, Equatable {
    public var alias: String
    public var version: Int64

    public init(alias: String, version: Int64) {
        self.alias = alias
        self.version = version
    }
}

/// One version of a registered model.
public struct ModelVersion: Sendable, Equatable {
    public var name: String
    public var version: Int64
    public var creationTimestamp: Int64
    public var lastUpdatedTimestamp: Int64
    public var userID: String?
    public var currentStage: ModelStage
    public var description: String?
    public var source: String
    public var runID: String?
    public var status: ModelVersionStatus
    public var statusMessage: String?
    public var runLink: String?
    public var modelID: String?
    public var tags: [KeyValue]
    public var aliases: [String]

    public init(
        name: String, version: Int64, creationTimestamp: Int64, lastUpdatedTimestamp: Int64, userID: String? = nil,
        currentStage: ModelStage = .none, description: String? = nil, source: String, runID: String? = nil,
        status: ModelVersionStatus = .ready, statusMessage: String? = nil, runLink: String? = nil, modelID: String? = nil,
        tags: [KeyValue] = [], aliases: [String] = []
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
        self.runLink = runLink
        self.modelID = modelID
        self.tags = tags
        self.aliases = aliases
    }
}

/// A model version's stage, spelled as MLflow spells it.
public enum ModelStage: String, Sendable, Equatable, CaseIterable {
    case none = "None"
    case staging = "Staging"
    case production = "Production"
    case archived = "Archived"

    /// Parses a stage case-insensitively, as MLflow does.
    /// - Throws: ``FerryError`` INVALID_PARAMETER_VALUE naming the accepted stages.
    public init(parsing text: String) throws {
        guard let stage = ModelStage.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
            throw FerryError.invalidParameter(
                "Invalid Model Version stage: \(text). Value must be one of \(ModelStage.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        self = stage
    }
}

/// Registration state of a model version.
public enum ModelVersionStatus: String, Sendable, Equatable {
    case pendingRegistration = "PENDING_REGISTRATION"
    case failedRegistration = "FAILED_REGISTRATION"
    case ready = "READY"
}
