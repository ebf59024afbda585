/// Everything `ferry models show NAME/VERSION` prints: the version, where its files are, and its lineage.
public struct ModelVersionDetail: Codable, Sendable, Equatable {
    /// The model version.
    public var modelVersion: ModelVersion
    /// The run that produced it; nil when it names no run or the run could not be read.
    public var run: Run?
    /// Where its files can be downloaded from; nil when the server would not say.
    public var downloadURI: String?
    /// What could not be read, one sentence each (not part of the JSON form).
    public var problems: [String]

    enum CodingKeys: String, CodingKey {
        case modelVersion = "model_version"
        case run
        case downloadURI = "download_uri"
    }

    /// The detail of `modelVersion`.
    public init(modelVersion: ModelVersion, run: Run? = nil, downloadURI: String? = nil, problems: [String] = []) {
        self.modelVersion = modelVersion
        self.run = run
        self.downloadURI = downloadURI
        self.problems = problems
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        modelVersion = try container.decode(ModelVersion.self, forKey: .modelVersion)
        run = try container.decodeIfPresent(Run.self, forKey: .run)
        downloadURI = try container.decodeIfPresent(String.self, forKey: .downloadURI)
        problems = []
    }
}
