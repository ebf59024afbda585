import FerryCore

/// What a new model version starts with.
public struct NewModelVersion: Sendable {
    public var name: String
    public var source: String
    public var runID: String?
    public var runLink: String?
    public var description: String?
    public var modelID: String?
    public var userID: String?
    public var tags: [KeyValue]

    public init(
        name: String, source: String, runID: String? = nil, runLink: String? = nil, description: String? = nil,
        modelID: String? = nil, userID: String? = nil, tags: [KeyValue] = []
    ) {
        self.name = name
        self.source = source
        self.runID = runID
        self.runLink = runLink
        self.description = description
        self.modelID = modelID
        self.userID = userID
        self.tags = tags
    }
}

/// The model registry: registered models, their numbered versions, tags, stages and aliases.
public protocol RegistryStore: Sendable {
    func createRegisteredModel(name: String, description: String?, tags: [KeyValue]) async throws -> RegisteredModel
    func registeredModel(named name: String) async throws -> RegisteredModel
    func renameRegisteredModel(_ name: String, to newName: String) async throws -> RegisteredModel
    func updateRegisteredModel(_ name: String, description: String?) async throws -> RegisteredModel
    func deleteRegisteredModel(_ name: String) async throws
    func setRegisteredModelTag(_ name: String, _ tag: KeyValue) async throws
    func deleteRegisteredModelTag(_ name: String, key: String) async throws

    /// Creates the next version (1, 2, ...) of an existing registered model.
    func createModelVersion(_ version: NewModelVersion) async throws -> ModelVersion
    func modelVersion(name: String, version: Int64) async throws -> ModelVersion
    func updateModelVersion(name: String, version: Int64, description: String?) async throws -> ModelVersion
    func deleteModelVersion(name: String, version: Int64) async throws
    func setModelVersionTag(name: String, version: Int64, _ tag: KeyValue) async throws
    func deleteModelVersionTag(name: String, version: Int64, key: String) async throws
    /// Moves a version to `stage`; with `archiveExisting`, other versions in that stage move to Archived.
    func transitionStage(name: String, version: Int64, to stage: ModelStage, archiveExisting: Bool) async throws -> ModelVersion
    /// The newest version in each of `stages` (every stage when empty).
    func latestVersions(name: String, stages: [ModelStage]) async throws -> [ModelVersion]

    func searchRegisteredModels(filter: String?, orderBy: [String], maxResults: Int, pageToken: String?) async throws -> Page<RegisteredModel>
    func searchModelVersions(filter: String?, orderBy: [String], maxResults: Int, pageToken: String?) async throws -> Page<ModelVersion>

    func setAlias(name: String, alias: String, version: Int64) async throws
    func deleteAlias(name: String, alias: String) async throws
    func modelVersion(name: String, alias: String) async throws -> ModelVersion

    /// The audit trail of registry changes, oldest first.
    func auditEvents(_ query: AuditQuery) async throws -> Page<AuditEvent>
}
