/// What a run read: its dataset inputs.
public struct RunInputs: Codable, Sendable, Equatable {
    /// The datasets, each with its input tags.
    public var datasetInputs: [DatasetInput]

    enum CodingKeys: String, CodingKey {
        case datasetInputs = "dataset_inputs"
    }

    /// Run inputs; none by default.
    public init(datasetInputs: [DatasetInput] = []) {
        self.datasetInputs = datasetInputs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        datasetInputs = try container.list(DatasetInput.self, forKey: .datasetInputs)
    }
}

/// A dataset a run read, and how it read it.
public struct DatasetInput: Codable, Sendable, Equatable {
    /// The tag that says what the run used the dataset for (`training`, `evaluation`).
    public static let contextTag = "mlflow.data.context"

    /// The dataset.
    public var dataset: Dataset
    /// Input tags, such as ``contextTag``.
    public var tags: [KeyValue]

    /// `dataset` read with `tags`.
    public init(dataset: Dataset, tags: [KeyValue] = []) {
        self.dataset = dataset
        self.tags = tags
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        dataset = try container.decode(Dataset.self, forKey: .dataset)
        tags = try container.list(KeyValue.self, forKey: .tags)
    }

    /// The value of ``contextTag``, or nil.
    public var context: String? { tags.value(for: Self.contextTag) }
}

/// A dataset as MLflow describes it.
public struct Dataset: Codable, Sendable, Equatable {
    /// The dataset's name.
    public var name: String
    /// A short hash of its content.
    public var digest: String?
    /// The kind of source (`local`, `s3`, `http`, `delta_table`, …).
    public var sourceType: String?
    /// The source, as JSON text whose shape depends on ``sourceType``.
    public var source: String?
    /// The schema, as JSON text.
    public var schema: String?
    /// Summary statistics, as JSON text.
    public var profile: String?

    enum CodingKeys: String, CodingKey {
        case name, digest, source, schema, profile
        case sourceType = "source_type"
    }

    /// A dataset; everything but the name is optional.
    public init(
        name: String, digest: String? = nil, sourceType: String? = nil, source: String? = nil, schema: String? = nil,
        profile: String? = nil
    ) {
        self.name = name
        self.digest = digest
        self.sourceType = sourceType
        self.source = source
        self.schema = schema
        self.profile = profile
    }
}
