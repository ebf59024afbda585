import FerryCore

/// One page of a search: the rows and a token for the next page when there is one.
public struct Page<Element: Sendable>: Sendable {
    public var items: [Element]
    public var nextPageToken: String?

    public init(items: [Element], nextPageToken: String?) {
        self.items = items
        self.nextPageToken = nextPageToken
    }

    /// A page from rows fetched with one extra row (see `SearchSQL.page`): the extra row only tells
    /// that another page exists, and is dropped.
    init(overfetched rows: [Element], limit: Int, offset: Int) {
        if rows.count > limit {
            self.init(items: Array(rows.prefix(limit)), nextPageToken: PageToken(offset: offset + limit).encoded)
        } else {
            self.init(items: rows, nextPageToken: nil)
        }
    }
}

/// A search over experiments.
public struct ExperimentQuery: Sendable {
    public var filter: String?
    public var orderBy: [String]
    public var viewType: ViewType
    public var maxResults: Int
    public var pageToken: String?

    public init(filter: String? = nil, orderBy: [String] = [], viewType: ViewType = .activeOnly, maxResults: Int = 1000, pageToken: String? = nil) {
        self.filter = filter
        self.orderBy = orderBy
        self.viewType = viewType
        self.maxResults = maxResults
        self.pageToken = pageToken
    }
}

/// A search over runs.
public struct RunQuery: Sendable {
    public var experimentIDs: [String]
    public var filter: String?
    public var orderBy: [String]
    public var viewType: ViewType
    public var maxResults: Int
    public var pageToken: String?

    public init(
        experimentIDs: [String], filter: String? = nil, orderBy: [String] = [], viewType: ViewType = .activeOnly,
        maxResults: Int = Limits.defaultRunsPerSearch, pageToken: String? = nil
    ) {
        self.experimentIDs = experimentIDs
        self.filter = filter
        self.orderBy = orderBy
        self.viewType = viewType
        self.maxResults = maxResults
        self.pageToken = pageToken
    }
}

/// What a new run starts with.
public struct NewRun: Sendable {
    public var experimentID: String
    public var userID: String
    public var runName: String?
    public var startTime: Int64?
    public var tags: [KeyValue]

    public init(experimentID: String, userID: String = "", runName: String? = nil, startTime: Int64? = nil, tags: [KeyValue] = []) {
        self.experimentID = experimentID
        self.userID = userID
        self.runName = runName
        self.startTime = startTime
        self.tags = tags
    }
}

/// Changes to a run's attributes; `nil` leaves a field as it is.
public struct RunUpdate: Sendable {
    public var status: RunStatus?
    public var endTime: Int64?
    public var runName: String?

    public init(status: RunStatus? = nil, endTime: Int64? = nil, runName: String? = nil) {
        self.status = status
        self.endTime = endTime
        self.runName = runName
    }
}

/// Experiments: create, read, search, rename, soft-delete and restore, tags.
public protocol ExperimentStore: Sendable {
    /// Creates an experiment and returns its id.
    func createExperiment(name: String, artifactLocation: String?, tags: [KeyValue]) async throws -> String
    func experiment(id: String) async throws -> Experiment
    /// Finds an experiment by name, deleted ones included.
    func experiment(named name: String) async throws -> Experiment
    func searchExperiments(_ query: ExperimentQuery) async throws -> Page<Experiment>
    func renameExperiment(id: String, to newName: String) async throws
    func deleteExperiment(id: String) async throws
    func restoreExperiment(id: String) async throws
    func setExperimentTag(id: String, _ tag: KeyValue) async throws
    func deleteExperimentTag(id: String, key: String) async throws
}

/// Runs and everything logged to them.
public protocol RunStore: Sendable {
    func createRun(_ run: NewRun) async throws -> Run
    /// A run with its data, deleted runs included.
    func run(id: String) async throws -> Run
    func updateRun(id: String, _ update: RunUpdate) async throws -> RunInfo
    func deleteRun(id: String) async throws
    func restoreRun(id: String) async throws
    /// Logs metrics, params and tags in one transaction: all of them or, on any error, none.
    func logBatch(runID: String, metrics: [Metric], params: [KeyValue], tags: [KeyValue]) async throws
    func deleteTag(runID: String, key: String) async throws
    func logInputs(runID: String, datasets: [DatasetInput], modelIDs: [String]) async throws
    func logOutputs(runID: String, models: [ModelOutput]) async throws
    func metricHistory(runID: String, key: String, maxResults: Int?, pageToken: String?) async throws -> Page<Metric>
    func searchRuns(_ query: RunQuery) async throws -> Page<Run>
}

/// What a new logged model starts with.
public struct NewLoggedModel: Sendable {
    public var experimentID: String
    public var name: String?
    public var modelType: String?
    public var sourceRunID: String?
    public var params: [KeyValue]
    public var tags: [KeyValue]

    public init(experimentID: String, name: String? = nil, modelType: String? = nil, sourceRunID: String? = nil, params: [KeyValue] = [], tags: [KeyValue] = []) {
        self.experimentID = experimentID
        self.name = name
        self.modelType = modelType
        self.sourceRunID = sourceRunID
        self.params = params
        self.tags = tags
    }
}

/// A search over logged models.
public struct LoggedModelQuery: Sendable {
    public var experimentIDs: [String]
    public var filter: String?
    public var orderBy: [LoggedModelOrder]
    public var maxResults: Int
    public var pageToken: String?

    public init(experimentIDs: [String], filter: String? = nil, orderBy: [LoggedModelOrder] = [], maxResults: Int = 50, pageToken: String? = nil) {
        self.experimentIDs = experimentIDs
        self.filter = filter
        self.orderBy = orderBy
        self.maxResults = maxResults
        self.pageToken = pageToken
    }
}

/// One ordering of a logged-model search (`{field_name, ascending}`).
public struct LoggedModelOrder: Sendable {
    public var fieldName: String
    public var ascending: Bool

    public init(fieldName: String, ascending: Bool) {
        self.fieldName = fieldName
        self.ascending = ascending
    }
}

/// Models logged by `log_model`.
public protocol LoggedModelStore: Sendable {
    func createLoggedModel(_ model: NewLoggedModel) async throws -> LoggedModel
    func loggedModel(id: String) async throws -> LoggedModel
    func finalizeLoggedModel(id: String, status: LoggedModelStatus) async throws -> LoggedModel
    func setLoggedModelTags(id: String, _ tags: [KeyValue]) async throws
    func deleteLoggedModelTag(id: String, key: String) async throws
    func logLoggedModelParams(id: String, _ params: [KeyValue]) async throws
    func deleteLoggedModel(id: String) async throws
    func searchLoggedModels(_ query: LoggedModelQuery) async throws -> Page<LoggedModel>
}

/// Everything the MLflow tracking API reads and writes.
public typealias TrackingStore = ExperimentStore & RunStore & LoggedModelStore
