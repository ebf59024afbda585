import FerryCore
import FerryStore
import Testing

@Suite("Logged model store conformance")
struct LoggedModelStoreTests {
    @Test("Create, finalize, tags and params, delete", arguments: StoreEngine.available)
    func lifecycle(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let runID = try await store.createRun(NewRun(experimentID: "0")).info.runID
            let model = try await store.createLoggedModel(
                NewLoggedModel(experimentID: "0", name: "model", modelType: "sklearn", sourceRunID: runID, params: [KeyValue(key: "C", value: "1.0")]))
            #expect(model.modelID.hasPrefix("m-"))
            #expect(model.status == .pending)
            #expect(model.artifactLocation == "mlflow-artifacts:/0/models/\(model.modelID)/artifacts")
            let ready = try await store.finalizeLoggedModel(id: model.modelID, status: .ready)
            #expect(ready.status == .ready)
            try await store.setLoggedModelTags(id: model.modelID, [KeyValue(key: "stage", value: "dev")])
            try await store.logLoggedModelParams(id: model.modelID, [KeyValue(key: "max_iter", value: "100")])
            let loaded = try await store.loggedModel(id: model.modelID)
            #expect(loaded.tags == [KeyValue(key: "stage", value: "dev")])
            #expect(loaded.params.map(\.key) == ["C", "max_iter"])
            try await store.deleteLoggedModelTag(id: model.modelID, key: "stage")
            let missingTag = await #expect(throws: FerryError.self) { try await store.deleteLoggedModelTag(id: model.modelID, key: "stage") }
            #expect(missingTag?.code == .resourceDoesNotExist)
            try await store.deleteLoggedModel(id: model.modelID)
            #expect(try await store.searchLoggedModels(LoggedModelQuery(experimentIDs: ["0"])).items.isEmpty)
            let missing = await #expect(throws: FerryError.self) { _ = try await store.loggedModel(id: "m-nope") }
            #expect(missing?.code == .resourceDoesNotExist)
        }
    }

    @Test("Metrics logged with a model id reach the model; search filters and orders", arguments: StoreEngine.available)
    func search(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let runID = try await store.createRun(NewRun(experimentID: "0")).info.runID
            var ids: [String] = []
            for (name, accuracy) in [("a", 0.7), ("b", 0.9), ("c", 0.8)] {
                let model = try await store.createLoggedModel(NewLoggedModel(experimentID: "0", name: name, sourceRunID: runID))
                try await store.logBatch(
                    runID: runID, metrics: [Metric(key: "acc", value: accuracy, timestamp: 1, step: 0, modelID: model.modelID)], params: [], tags: [])
                ids.append(model.modelID)
            }
            let byMetric = try await store.searchLoggedModels(
                LoggedModelQuery(experimentIDs: ["0"], orderBy: [LoggedModelOrder(fieldName: "metrics.acc", ascending: false)]))
            #expect(byMetric.items.map(\.name) == ["b", "c", "a"])
            #expect(byMetric.items[0].metrics.first?.value == 0.9)
            let named = try await store.searchLoggedModels(LoggedModelQuery(experimentIDs: ["0"], filter: "name = 'c'"))
            #expect(named.items.map(\.modelID) == [ids[2]])
            let good = try await store.searchLoggedModels(LoggedModelQuery(experimentIDs: ["0"], filter: "metrics.acc >= 0.8"))
            #expect(Set(good.items.map(\.name)) == ["b", "c"])
            let paged = try await store.searchLoggedModels(LoggedModelQuery(experimentIDs: ["0"], maxResults: 2))
            #expect(paged.items.count == 2 && paged.nextPageToken != nil)
            let badOrder = await #expect(throws: FerryError.self) {
                _ = try await store.searchLoggedModels(LoggedModelQuery(experimentIDs: ["0"], orderBy: [LoggedModelOrder(fieldName: "bogus", ascending: true)]))
            }
            #expect(badOrder?.code == .invalidParameterValue)
        }
    }
}
