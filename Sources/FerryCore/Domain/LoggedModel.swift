/// A model logged by `mlflow.<flavor>.log_model`, with its own artifact location.
public struct LoggedModel: Sendable, Equatable {
    /// `m-` followed by 32 hex characters.
    public var modelID: String
    public var experimentID: String
    public var name: String
    public var artifactLocation: String
    public var creationTimestamp: Int64
    public var lastUpdatedTimestamp: Int64
    public var status: LoggedModelStatus
    public var statusMessage: String?
    public var modelType: String?
    public var sourceRunID: String?
    public var lifecycleStage: LifecycleStage
    public var tags: [KeyValue]
    public var params: [KeyValue]
    public var metrics: [Metric]

    public init(
        modelID: String, experimentID: String, name: String, artifactLocation: String, creationTimestamp: Int64,
        lastUpdatedTimestamp: Int64, status: LoggedModelStatus, statusMessage: String? = nil, modelType: String? = nil,
        sourceRunID: String? = nil, lifecycleStage: LifecycleStage = .active, tags: [KeyValue] = [],
        params: [KeyValue] = [], metrics: [Metric] = []
    ) {
        self.modelID = modelID
        self.experimentID = experimentID
        self.name = name
        self.artifactLocation = artifactLocation
        self.creationTimestamp = creationTimestamp
        self.lastUpdatedTimestamp = lastUpdatedTimestamp
        self.status = status
        self.statusMessage = statusMessage
        self.modelType = modelType
        self.sourceRunID = sourceRunID
        self.lifecycleStage = lifecycleStage
        self.tags = tags
        self.params = params
        self.metrics = metrics
    }
}

/// A logged model's upload state.
public enum LoggedModelStatus: String, Sendable, Equatable, CaseIterable {
    case unspecified = "LOGGED_MODEL_STATUS_UNSPECIFIED"
    case pending = "LOGGED_MODEL_PENDING"
    case ready = "LOGGED_MODEL_READY"
    case uploadFailed = "LOGGED_MODEL_UPLOAD_FAILED"
}
