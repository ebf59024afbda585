/// One recorded change to the model registry: who made it, when, what, and the state before and after.
///
/// Events are written in the same transaction as the change, so the trail never misses a change that
/// happened and never shows one that did not.
public struct AuditEvent: Sendable, Equatable {
    /// Increases with every event; the order in which changes committed.
    public var id: Int64
    /// Epoch milliseconds.
    public var timestamp: Int64
    /// Who asked for the change (see ``AuditContext``).
    public var actor: String
    /// What happened.
    public var action: AuditAction
    /// The registered model changed (its name at the time of the change).
    public var modelName: String
    /// The version changed, for version-level actions.
    public var version: Int64?
    /// The changed fields before the change; empty for creations.
    public var before: [String: String]
    /// The changed fields after the change; empty for deletions.
    public var after: [String: String]

    public init(
        id: Int64, timestamp: Int64, actor: String, action: AuditAction, modelName: String, version: Int64?,
        before: [String: String], after: [String: String]
    ) {
        self.id = id
        self.timestamp = timestamp
        self.actor = actor
        self.action = action
        self.modelName = modelName
        self.version = version
        self.before = before
        self.after = after
    }
}

/// The kinds of registry change the audit trail records.
public enum AuditAction: String, Sendable, CaseIterable {
    case createRegisteredModel = "create_registered_model"
    case renameRegisteredModel = "rename_registered_model"
    case updateRegisteredModel = "update_registered_model"
    case deleteRegisteredModel = "delete_registered_model"
    case setRegisteredModelTag = "set_registered_model_tag"
    case deleteRegisteredModelTag = "delete_registered_model_tag"
    case setAlias = "set_alias"
    case deleteAlias = "delete_alias"
    case createModelVersion = "create_model_version"
    case updateModelVersion = "update_model_version"
    case deleteModelVersion = "delete_model_version"
    case setModelVersionTag = "set_model_version_tag"
    case deleteModelVersionTag = "delete_model_version_tag"
    case transitionStage = "transition_stage"
}

/// Who the current task acts for, as recorded in the audit trail.
///
/// The HTTP layer binds it for each request (`AuditContext.$actor.withValue(...)`); stores read it
/// when they record an event.
public enum AuditContext {
    /// The acting user: the request's user name when it carries one, else `anonymous`.
    @TaskLocal public static var actor: String = "anonymous"
}
