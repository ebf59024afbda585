import FerryCore
import FerryStore
import Testing

@Suite("Run search conformance")
struct RunSearchTests {
    /// Three runs: a (acc 0.9, lr 0.1, tag team=ml, dataset iris), b (acc 0.5, lr 0.2), c (no metrics or params).
    static func seed(_ store: SQLTrackingStore) async throws -> (experiment: String, a: String, b: String, c: String) {
        let experiment = try await store.createExperiment(name: "search-\(Identifiers.newRunID().prefix(6))", artifactLocation: nil, tags: [])
        let a = try await store.createRun(NewRun(experimentID: experiment, userID: "ana", runName: "Alpha-run", startTime: 100)).info.runID
        let b = try await store.createRun(NewRun(experimentID: experiment, userID: "bo", runName: "beta-run", startTime: 200)).info.runID
        let c = try await store.createRun(NewRun(experimentID: experiment, userID: "cy", runName: "gamma", startTime: 300)).info.runID
        try await store.logBatch(runID: a, metrics: [Metric(key: "acc", value: 0.9, timestamp: 1)], params: [KeyValue(key: "lr", value: "0.1")], tags: [KeyValue(key: "team", value: "ml")])
        try await store.logBatch(runID: b, metrics: [Metric(key: "acc", value: 0.5, timestamp: 1)], params: [KeyValue(key: "lr", value: "0.2")], tags: [])
        let iris = Dataset(name: "iris", digest: "d1", sourceType: "local", source: "s")
        try await store.logInputs(runID: a, datasets: [DatasetInput(dataset: iris, tags: [KeyValue(key: "mlflow.data.context", value: "training")])], modelIDs: [])
        _ = try await store.updateRun(id: b, RunUpdate(status: .finished, endTime: 250))
        return (experiment, a, b, c)
    }

    static func ids(_ store: SQLTrackingStore, _ experiment: String, filter: String? = nil, orderBy: [String] = []) async throws -> [String] {
        try await store.searchRuns(RunQuery(experimentIDs: [experiment], filter: filter, orderBy: orderBy)).items.map(\.info.runID)
    }

    @Test("Filters on metrics, params, tags, attributes and datasets", arguments: StoreEngine.available)
    func filters(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let (e, a, b, c) = try await Self.seed(store)
            #expect(try await Self.ids(store, e) == [c, b, a])
            #expect(try await Self.ids(store, e, filter: "metrics.acc > 0.6") == [a])
            #expect(try await Self.ids(store, e, filter: "metrics.acc != 0.9") == [b])
            #expect(try await Self.ids(store, e, filter: "params.lr = '0.2'") == [b])
            #expect(try await Self.ids(store, e, filter: "params.lr != '0.2'") == [a])
            #expect(try await Self.ids(store, e, filter: "params.lr IS NULL") == [c])
            #expect(try await Self.ids(store, e, filter: "tags.team IS NOT NULL") == [a])
            #expect(try await Self.ids(store, e, filter: "attributes.run_name LIKE '%run'") == [b, a])
            #expect(try await Self.ids(store, e, filter: "run_name LIKE 'alpha%'").isEmpty)
            #expect(try await Self.ids(store, e, filter: "run_name ILIKE 'alpha%'") == [a])
            #expect(try await Self.ids(store, e, filter: "attributes.status = 'FINISHED'") == [b])
            #expect(try await Self.ids(store, e, filter: "attributes.run_id IN ('\(a)', '\(c)')") == [c, a])
            #expect(try await Self.ids(store, e, filter: "attributes.start_time >= 200 AND metrics.acc < 1") == [b])
            #expect(try await Self.ids(store, e, filter: "datasets.name = 'iris'") == [a])
            #expect(try await Self.ids(store, e, filter: "datasets.context = 'training'") == [a])
            #expect(try await Self.ids(store, e, filter: "attributes.user_id = 'bo'") == [b])
        }
    }

    @Test("Ordering puts missing values last in both directions", arguments: StoreEngine.available)
    func ordering(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let (e, a, b, c) = try await Self.seed(store)
            #expect(try await Self.ids(store, e, orderBy: ["metrics.acc ASC"]) == [b, a, c])
            #expect(try await Self.ids(store, e, orderBy: ["metrics.acc DESC"]) == [a, b, c])
            #expect(try await Self.ids(store, e, orderBy: ["params.lr DESC"]) == [b, a, c])
            #expect(try await Self.ids(store, e, orderBy: ["attributes.start_time ASC"]) == [a, b, c])
            #expect(try await Self.ids(store, e, orderBy: ["attributes.end_time DESC"]) == [b, c, a])
        }
    }

    @Test("Paging with max_results and page tokens; view types", arguments: StoreEngine.available)
    func paging(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let (e, a, b, c) = try await Self.seed(store)
            let first = try await store.searchRuns(RunQuery(experimentIDs: [e], maxResults: 2))
            #expect(first.items.map(\.info.runID) == [c, b])
            let second = try await store.searchRuns(RunQuery(experimentIDs: [e], maxResults: 2, pageToken: first.nextPageToken))
            #expect(second.items.map(\.info.runID) == [a])
            #expect(second.nextPageToken == nil)
            try await store.deleteRun(id: b)
            #expect(try await store.searchRuns(RunQuery(experimentIDs: [e], viewType: .deletedOnly)).items.map(\.info.runID) == [b])
            #expect(try await store.searchRuns(RunQuery(experimentIDs: [e], viewType: .all)).items.count == 3)
            #expect(try await store.searchRuns(RunQuery(experimentIDs: [])).items.isEmpty)
            let tooMany = await #expect(throws: FerryError.self) { _ = try await store.searchRuns(RunQuery(experimentIDs: [e], maxResults: 50001)) }
            #expect(tooMany?.code == .invalidParameterValue)
        }
    }

    @Test("Invalid filters are 400s", arguments: StoreEngine.available)
    func invalid(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let (e, _, _, _) = try await Self.seed(store)
            for filter in ["metrics.acc = '1'", "params.lr > 1", "a = 1 OR b = 2", "attributes.bogus = 'x'", "metrics.acc >"] {
                let error = await #expect(throws: FerryError.self, "\(filter)") { _ = try await Self.ids(store, e, filter: filter) }
                #expect(error?.code == .invalidParameterValue)
            }
        }
    }
}
