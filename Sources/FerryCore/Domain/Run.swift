/// A run: one execution of training code, with its metrics, params, tags, inputs and outputs.
public struct Run: Sendable, Equatable {
    public var info: RunInfo
    public var metrics: [Metric]
    public var params: [KeyValue]
    public var tags: [KeyValue]
    public var datasetInputs: [DatasetInput]
    public var modelInputs: [String]
    public var modelOutputs: [ModelOutput]

    public init(
        info: RunInfo, metrics: [Metric] = [], params: [KeyValue] = [], tags: [KeyValue] = [],
        datasetInputs: [DatasetInput] = [], modelInputs: [String] = [], modelOutputs: [ModelOutput] = []
    ) {
        self.info = info
        self.metrics = metrics
        self.params = params
        self.tags = tags
        self.datasetInputs = datasetInputs
        self.modelInputs = modelInputs
        self.modelOutputs = modelOutputs
    }
}

/// A run's attributes.
public struct RunInfo: Sendable, Equatable {
    /// 32 lowercase hex characters.
    public var runID: String
    public var runName: String
    public var experimentID: String
    public var userID: String
    public var status: RunStatus
    /// Epoch milliseconds.
    public var startTime: Int64
    /// Epoch milliseconds, once the run has ended.
    public var endTime: Int64?
    public var artifactURI: String
    public var lifecycleStage: LifecycleStage

    public init(
        runID: String, runName: String, experimentID: String, userID: String, status: RunStatus, startTime: Int64,
        endTime: Int64?, artifactURI: String, lifecycleStage: LifecycleStage
    ) {
        self.runID = runID
        self.runName = runName
        self.experimentID = experimentID
        self.userID = userID
        self.status = status
        self.startTime = startTime
        self.endTime = endTime
        self.artifactURI = artifactURI
        self.lifecycleStage = lifecycleStage
    }
}

/// A run's status, as MLflow names it.
public enum RunStatus: String, Sendable, Equatable, CaseIterable {
    case running = "RUNNING"
    case scheduled = "SCHEDULED"
    case finished = "FINISHED"
    case failed = "FAILED"
    case killed = "KILLED"

    /// Whether a run in this status has ended.
    public var isTerminal: Bool {
        switch self {
        case .finished, .failed, .killed: true
        case .running, .scheduled: false
        }
    }
}

/// One metric point.
public struct Metric: Sendable, Equatable {
    public var key: String
    public var value: Double
    /// Epoch milliseconds.
    public var timestamp: Int64
    public var step: Int64
    public var datasetName: String?
    public var datasetDigest: String?
    public var modelID: String?
    /// Filled in responses that span several runs.
    public var runID: String?

    public init(
        key: String, value: Double, timestamp: Int64, step: Int64 = 0, datasetName: String? = nil,
        datasetDigest: String? = nil, modelID: String? = nil, runID: String? = nil
    ) {
        self.key = key
        self.value = value
        self.timestamp = timestamp
        self.step = step
        self.datasetName = datasetName
        self.datasetDigest = datasetDigest
        self.modelID = modelID
        self.runID = runID
    }

    /// Whether `self` replaces `other` as the latest value of its key: MLflow keeps the largest
    /// `(step, timestamp, value)`, with NaN above every number.
    public func supersedes(_ other: Metric) -> Bool {
        if step != other.step { return step > other.step }
        if timestamp != other.timestamp { return timestamp > other.timestamp }
        if value.isNaN != other.value.isNaN { return value.isNaN }
        return value > other.value
    }
}

/// A model a run produced, at a step.
public struct ModelOutput: Sendable, Equatable {
    public var modelID: String
    public var step: Int64

    public init(modelID: String, step: Int64) {
        self.modelID = modelID
        self.step = step
    }
}
