import FerryCore
import FerryStore
import Testing

@Suite("Run store conformance")
struct RunStoreTests {
    @Test("Create, read, update, delete and restore a run", arguments: StoreEngine.available)
    func lifecycle(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let run = try await store.createRun(NewRun(experimentID: "0", userID: "ana", runName: "first", startTime: 1000, tags: [KeyValue(key: "t", value: "v")]))
            #expect(run.info.runID.count == 32)
            #expect(run.info.status == .running)
            #expect(run.info.artifactURI == "mlflow-artifacts:/0/\(run.info.runID)/artifacts")
            #expect(run.tags.contains(KeyValue(key: "mlflow.runName", value: "first")))
            let unnamed = try await store.createRun(NewRun(experimentID: "0"))
            #expect(unnamed.info.runName.split(separator: "-").count == 3)
            let updated = try await store.updateRun(id: run.info.runID, RunUpdate(status: .finished, endTime: 2000))
            #expect(updated.status == .finished && updated.endTime == 2000)
            try await store.deleteRun(id: run.info.runID)
            #expect(try await store.run(id: run.info.runID).info.lifecycleStage == .deleted)
            let refused = await #expect(throws: FerryError.self) {
                try await store.logBatch(runID: run.info.runID, metrics: [], params: [KeyValue(key: "p", value: "1")], tags: [])
            }
            #expect(refused?.code == .invalidParameterValue)
            try await store.restoreRun(id: run.info.runID)
            try await store.logBatch(runID: run.info.runID, metrics: [], params: [KeyValue(key: "p", value: "1")], tags: [])
            let missing = await #expect(throws: FerryError.self) { _ = try await store.run(id: "0123456789abcdef0123456789abcdef") }
            #expect(missing?.code == .resourceDoesNotExist)
        }
    }

    @Test("Runs need an existing, active experiment", arguments: StoreEngine.available)
    func experimentRules(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let missing = await #expect(throws: FerryError.self) { _ = try await store.createRun(NewRun(experimentID: "42")) }
            #expect(missing?.code == .resourceDoesNotExist)
            let id = try await store.createExperiment(name: "closed", artifactLocation: nil, tags: [])
            try await store.deleteExperiment(id: id)
            let deleted = await #expect(throws: FerryError.self) { _ = try await store.createRun(NewRun(experimentID: id)) }
            #expect(deleted?.code == .invalidParameterValue)
        }
    }

    @Test("Metrics: history order, latest value, NaN and infinities, replays", arguments: StoreEngine.available)
    func metrics(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let runID = try await store.createRun(NewRun(experimentID: "0")).info.runID
            let points = [
                Metric(key: "loss", value: 0.9, timestamp: 10, step: 0),
                Metric(key: "loss", value: 0.5, timestamp: 20, step: 1),
                Metric(key: "loss", value: 0.7, timestamp: 15, step: 2),
                Metric(key: "acc", value: .nan, timestamp: 5, step: 0),
                Metric(key: "big", value: .infinity, timestamp: 5, step: 0),
                Metric(key: "small", value: -.infinity, timestamp: 5, step: 0),
            ]
            try await store.logBatch(runID: runID, metrics: points, params: [], tags: [])
            try await store.logBatch(runID: runID, metrics: points, params: [], tags: [])
            let history = try await store.metricHistory(runID: runID, key: "loss", maxResults: nil, pageToken: nil)
            #expect(history.items.map(\.value) == [0.9, 0.7, 0.5])
            let run = try await store.run(id: runID)
            let latest = Dictionary(uniqueKeysWithValues: run.metrics.map { ($0.key, $0) })
            #expect(latest["loss"]?.value == 0.7 && latest["loss"]?.step == 2)
            #expect(latest["acc"]?.value.isNaN == true)
            #expect(latest["big"]?.value == .infinity)
            #expect(latest["small"]?.value == -.infinity)
            let page1 = try await store.metricHistory(runID: runID, key: "loss", maxResults: 2, pageToken: nil)
            #expect(page1.items.count == 2 && page1.nextPageToken != nil)
            let page2 = try await store.metricHistory(runID: runID, key: "loss", maxResults: 2, pageToken: page1.nextPageToken)
            #expect(page2.items.map(\.value) == [0.5] && page2.nextPageToken == nil)
            #expect(try await store.metricHistory(runID: runID, key: "unknown", maxResults: nil, pageToken: nil).items.isEmpty)
        }
    }

    @Test("Strings written into bulk statements stay data; NUL, which no engine stores, is refused", arguments: StoreEngine.available)
    func hostileStrings(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let runID = try await store.createRun(NewRun(experimentID: "0")).info.runID
            let names = ["x'); DROP TABLE runs; --", "it''s \\ \"quoted\"", "ünï 日本"]
            let metrics = names.enumerated().map { index, name in
                Metric(key: "m\(index)", value: Double(index), timestamp: 1, step: 0, datasetName: name, datasetDigest: "d")
            }
            try await store.logBatch(runID: runID, metrics: metrics, params: [], tags: [])
            for (index, name) in names.enumerated() {
                let history = try await store.metricHistory(runID: runID, key: "m\(index)", maxResults: nil, pageToken: nil)
                #expect(history.items.map(\.datasetName) == [name])
            }
            #expect(try await store.run(id: runID).metrics.count == names.count)
            let nul = await #expect(throws: FerryError.self) {
                try await store.logBatch(
                    runID: runID, metrics: [Metric(key: "n", value: 1, timestamp: 1, datasetName: "a\u{0}b")],
                    params: [KeyValue(key: "p", value: "x\u{0}")], tags: [])
            }
            #expect(nul?.code == .invalidParameterValue)
        }
    }

    @Test("Params are write-once; long values are truncated; a rejected batch writes nothing", arguments: StoreEngine.available)
    func params(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let runID = try await store.createRun(NewRun(experimentID: "0")).info.runID
            try await store.logBatch(runID: runID, metrics: [], params: [KeyValue(key: "lr", value: "0.1")], tags: [])
            try await store.logBatch(runID: runID, metrics: [], params: [KeyValue(key: "lr", value: "0.1")], tags: [])
            let changed = await #expect(throws: FerryError.self) {
                try await store.logBatch(
                    runID: runID, metrics: [Metric(key: "m", value: 1, timestamp: 1)],
                    params: [KeyValue(key: "lr", value: "0.2")], tags: [KeyValue(key: "t", value: "x")])
            }
            #expect(changed?.code == .invalidParameterValue)
            #expect(changed?.message.hasPrefix("Changing param values is not allowed") == true)
            let run = try await store.run(id: runID)
            #expect(run.metrics.isEmpty)
            #expect(!run.tags.contains { $0.key == "t" })
            let long = String(repeating: "x", count: 7000)
            try await store.logBatch(runID: runID, metrics: [], params: [KeyValue(key: "long", value: long)], tags: [KeyValue(key: "long", value: String(repeating: "y", count: 9000))])
            let after = try await store.run(id: runID)
            #expect(after.params.first { $0.key == "long" }?.value.count == 6000)
            #expect(after.tags.first { $0.key == "long" }?.value.count == 8000)
            let duplicate = await #expect(throws: FerryError.self) {
                try await store.logBatch(runID: runID, metrics: [], params: [KeyValue(key: "a", value: "1"), KeyValue(key: "a", value: "2")], tags: [])
            }
            #expect(duplicate?.code == .invalidParameterValue)
        }
    }

    @Test("Batch limits and key syntax", arguments: StoreEngine.available)
    func validation(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let runID = try await store.createRun(NewRun(experimentID: "0")).info.runID
            let tooMany = (0...1000).map { Metric(key: "m", value: Double($0), timestamp: Int64($0)) }
            let limit = await #expect(throws: FerryError.self) { try await store.logBatch(runID: runID, metrics: tooMany, params: [], tags: []) }
            #expect(limit?.message.contains("at most 1000 metrics") == true)
            for key in ["a$b", "../etc", "/abs", "a//b", "."] {
                let error = await #expect(throws: FerryError.self, "\(key)") {
                    try await store.logBatch(runID: runID, metrics: [], params: [KeyValue(key: key, value: "v")], tags: [])
                }
                #expect(error?.code == .invalidParameterValue)
            }
            try await store.logBatch(runID: runID, metrics: [], params: [KeyValue(key: "ok/key name:-.x", value: "v")], tags: [])
            #expect(try await store.run(id: runID).params.count == 1)
        }
    }

    @Test("Tags: runName tag renames; deleting a missing tag is 404", arguments: StoreEngine.available)
    func tags(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let runID = try await store.createRun(NewRun(experimentID: "0", runName: "old")).info.runID
            try await store.logBatch(runID: runID, metrics: [], params: [], tags: [KeyValue(key: "mlflow.runName", value: "new")])
            #expect(try await store.run(id: runID).info.runName == "new")
            try await store.logBatch(runID: runID, metrics: [], params: [], tags: [KeyValue(key: "k", value: "v")])
            try await store.deleteTag(runID: runID, key: "k")
            let missing = await #expect(throws: FerryError.self) { try await store.deleteTag(runID: runID, key: "k") }
            #expect(missing?.code == .resourceDoesNotExist)
        }
    }

    @Test("Inputs and outputs", arguments: StoreEngine.available)
    func inputs(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let runID = try await store.createRun(NewRun(experimentID: "0")).info.runID
            let dataset = Dataset(name: "iris", digest: "abc123", sourceType: "local", source: "{\"uri\": \"x\"}", schema: "{}", profile: nil)
            let input = DatasetInput(dataset: dataset, tags: [KeyValue(key: "mlflow.data.context", value: "training")])
            try await store.logInputs(runID: runID, datasets: [input], modelIDs: ["m-1"])
            try await store.logInputs(runID: runID, datasets: [input], modelIDs: ["m-1"])
            try await store.logOutputs(runID: runID, models: [ModelOutput(modelID: "m-2", step: 3)])
            let run = try await store.run(id: runID)
            #expect(run.datasetInputs == [input])
            #expect(run.modelInputs == ["m-1"])
            #expect(run.modelOutputs == [ModelOutput(modelID: "m-2", step: 3)])
        }
    }

    @Test("Two stores on one database see each other's writes", arguments: StoreEngine.available)
    func sharedDatabase(engine: StoreEngine) async throws {
        try await withStore(engine) { store, another in
            let other = another()
            let id = try await store.createExperiment(name: "shared", artifactLocation: nil, tags: [])
            let runID = try await other.createRun(NewRun(experimentID: id)).info.runID
            try await store.logBatch(runID: runID, metrics: [Metric(key: "m", value: 1, timestamp: 1)], params: [KeyValue(key: "p", value: "1")], tags: [])
            let seen = try await other.run(id: runID)
            #expect(seen.metrics.count == 1 && seen.params.count == 1)
            let clash = await #expect(throws: FerryError.self) {
                try await other.logBatch(runID: runID, metrics: [], params: [KeyValue(key: "p", value: "2")], tags: [])
            }
            #expect(clash?.code == .invalidParameterValue)
        }
    }
}
