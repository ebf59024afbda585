/// A run as `GET /api/2.0/mlflow/runs/get` returns it: what produced a model version.
public struct Run: Codable, Sendable, Equatable {
    /// Identity, timing and status.
    public var info: RunInfo
    /// Parameters, metrics and tags.
    public var data: RunData
    /// The datasets the run read.
    public var inputs: RunInputs

    /// A run from its three parts.
    public init(info: RunInfo, data: RunData = RunData(), inputs: RunInputs = RunInputs()) {
        self.info = info
        self.data = data
        self.inputs = inputs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        info = try container.decode(RunInfo.self, forKey: .info)
        data = try container.decodeIfPresent(RunData.self, forKey: .data) ?? RunData()
        inputs = try container.decodeIfPresent(RunInputs.self, forKey: .inputs) ?? RunInputs()
    }
}

/// A run's identity, timing and status.
public struct RunInfo: Codable, Sendable, Equatable {
    /// 32 hexadecimal characters.
    public var runID: String
    /// The human-readable name (`smiling-quail-901`).
    public var runName: String?
    /// The experiment the run belongs to.
    public var experimentID: String?
    /// Who ran it.
    public var userID: String?
    /// `RUNNING`, `SCHEDULED`, `FINISHED`, `FAILED` or `KILLED`.
    public var status: String?
    /// When it started, in epoch milliseconds.
    public var startTime: Int64?
    /// When it ended, in epoch milliseconds; nil while it runs.
    public var endTime: Int64?
    /// Where its artifacts live.
    public var artifactURI: String?
    /// `active` or `deleted`.
    public var lifecycleStage: String?

    enum CodingKeys: String, CodingKey {
        case status
        case runID = "run_id"
        case runName = "run_name"
        case experimentID = "experiment_id"
        case userID = "user_id"
        case startTime = "start_time"
        case endTime = "end_time"
        case artifactURI = "artifact_uri"
        case lifecycleStage = "lifecycle_stage"
    }

    /// Run information; everything but the id is optional.
    public init(
        runID: String, runName: String? = nil, experimentID: String? = nil, userID: String? = nil, status: String? = nil,
        startTime: Int64? = nil, endTime: Int64? = nil, artifactURI: String? = nil, lifecycleStage: String? = nil
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

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        runID = try container.decode(String.self, forKey: .runID)
        runName = try container.decodeIfPresent(String.self, forKey: .runName)
        experimentID = try container.stringIfPresent(forKey: .experimentID)
        userID = try container.decodeIfPresent(String.self, forKey: .userID)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        startTime = try container.int64IfPresent(forKey: .startTime)
        endTime = try container.int64IfPresent(forKey: .endTime)
        artifactURI = try container.decodeIfPresent(String.self, forKey: .artifactURI)
        lifecycleStage = try container.decodeIfPresent(String.self, forKey: .lifecycleStage)
    }
}

/// A run's parameters, metrics and tags.
public struct RunData: Codable, Sendable, Equatable {
    /// The parameters, each written once.
    public var params: [KeyValue]
    /// The metrics; MLflow sends the latest value of each key.
    public var metrics: [Metric]
    /// The run's tags.
    public var tags: [KeyValue]

    /// Run data; every list defaults to empty.
    public init(params: [KeyValue] = [], metrics: [Metric] = [], tags: [KeyValue] = []) {
        self.params = params
        self.metrics = metrics
        self.tags = tags
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        params = try container.list(KeyValue.self, forKey: .params)
        metrics = try container.list(Metric.self, forKey: .metrics)
        tags = try container.list(KeyValue.self, forKey: .tags)
    }

    /// One metric per key, the latest by (step, timestamp, value), sorted by key.
    public var latestMetrics: [Metric] {
        var latest: [String: Metric] = [:]
        for metric in metrics where latest[metric.key].map({ $0.precedes(metric) }) ?? true {
            latest[metric.key] = metric
        }
        return latest.values.sorted { $0.key < $1.key }
    }
}
