/// A dataset as MLflow's `log_input` describes it.
public struct Dataset: Sendable, Equatable, Hashable {
    public var name: String
    public var digest: String
    public var sourceType: String
    public var source: String
    public var schema: String?
    public var profile: String?

    public init(name: String, digest: String, sourceType: String, source: String, schema: String? = nil, profile: String? = nil) {
        self.name = name
        self.digest = digest
        self.sourceType = sourceType
        self.source = source
        self.schema = schema
        self.profile = profile
    }
}

/// A dataset used by a run, with the input's tags (such as `mlflow.data.context`).
public struct DatasetInput: Sendable, Equatable {
    public var dataset: Dataset
    public var tags: [KeyValue]

    public init(dataset: Dataset, tags: [KeyValue]) {
        self.dataset = dataset
        self.tags = tags
    }

    /// The tag that names the context a dataset was used in (`training`, `eval`, ...).
    public static let contextTag = "mlflow.data.context"
}
