/// An experiment: a named group of runs with its own artifact location.
public struct Experiment: Sendable, Equatable {
    /// A decimal string; `"0"` is the Default experiment.
    public var experimentID: String
    public var name: String
    public var artifactLocation: String
    public var lifecycleStage: LifecycleStage
    /// Epoch milliseconds.
    public var creationTime: Int64
    /// Epoch milliseconds.
    public var lastUpdateTime: Int64
    public var tags: [KeyValue]

    public init(
        experimentID: String, name: String, artifactLocation: String, lifecycleStage: LifecycleStage,
        creationTime: Int64, lastUpdateTime: Int64, tags: [KeyValue] = []
    ) {
        self.experimentID = experimentID
        self.name = name
        self.artifactLocation = artifactLocation
        self.lifecycleStage = lifecycleStage
        self.creationTime = creationTime
        self.lastUpdateTime = lastUpdateTime
        self.tags = tags
    }

    /// The id of the experiment that exists from the start.
    public static let defaultID = "0"
    /// The name of the experiment that exists from the start.
    public static let defaultName = "Default"
}

/// Whether an entity is live or soft-deleted.
public enum LifecycleStage: String, Sendable, Equatable {
    case active
    case deleted
}

/// Which entities a search returns, by lifecycle stage.
public enum ViewType: String, Sendable, Equatable {
    case activeOnly = "ACTIVE_ONLY"
    case deletedOnly = "DELETED_ONLY"
    case all = "ALL"

    /// The stages this view includes.
    public var stages: [LifecycleStage] {
        switch self {
        case .activeOnly: [.active]
        case .deletedOnly: [.deleted]
        case .all: [.active, .deleted]
        }
    }
}

/// A key and a value: tags and params.
public struct KeyValue: Sendable, Equatable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
