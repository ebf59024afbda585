/// Everything `ferry models show NAME` prints: the model and all its versions.
public struct ModelOverview: Codable, Sendable, Equatable {
    /// The registered model.
    public var registeredModel: RegisteredModel
    /// All its versions, newest first.
    public var modelVersions: [ModelVersion]

    enum CodingKeys: String, CodingKey {
        case registeredModel = "registered_model"
        case modelVersions = "model_versions"
    }

    /// An overview of `registeredModel`; the versions are sorted newest first.
    public init(registeredModel: RegisteredModel, modelVersions: [ModelVersion]) {
        self.registeredModel = registeredModel
        self.modelVersions = modelVersions.sorted { VersionOrder.precedes($1.version, $0.version) }
    }
}
