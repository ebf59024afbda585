import FerryCore
import FerryStore
import Testing

@Suite("Experiment store conformance")
struct ExperimentStoreTests {
    @Test("The Default experiment exists after migration", arguments: StoreEngine.available)
    func defaultExperiment(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let experiment = try await store.experiment(id: "0")
            #expect(experiment.name == "Default")
            #expect(experiment.artifactLocation == "mlflow-artifacts:/0")
            #expect(experiment.lifecycleStage == .active)
            try await store.migrate()
            #expect(try await store.searchExperiments(ExperimentQuery()).items.count == 1)
        }
    }

    @Test("Create, read by id and name, rename, tags", arguments: StoreEngine.available)
    func lifecycle(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let id = try await store.createExperiment(name: "churn", artifactLocation: nil, tags: [KeyValue(key: "team", value: "ml")])
            #expect(id == "1")
            var experiment = try await store.experiment(id: id)
            #expect(experiment.artifactLocation == "mlflow-artifacts:/1")
            #expect(experiment.tags == [KeyValue(key: "team", value: "ml")])
            #expect(try await store.experiment(named: "churn").experimentID == id)
            try await store.renameExperiment(id: id, to: "churn-v2")
            #expect(try await store.experiment(id: id).name == "churn-v2")
            try await store.setExperimentTag(id: id, KeyValue(key: "team", value: "platform"))
            try await store.setExperimentTag(id: id, KeyValue(key: "stage", value: "dev"))
            experiment = try await store.experiment(id: id)
            #expect(experiment.tags == [KeyValue(key: "stage", value: "dev"), KeyValue(key: "team", value: "platform")])
            try await store.deleteExperimentTag(id: id, key: "stage")
            #expect(try await store.experiment(id: id).tags.count == 1)
            await #expect(throws: FerryError.notFound("No tag with name: stage in experiment with id 1")) {
                try await store.deleteExperimentTag(id: id, key: "stage")
            }
        }
    }

    @Test("Duplicate names, deleted names included, are refused", arguments: StoreEngine.available)
    func duplicates(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let id = try await store.createExperiment(name: "dup", artifactLocation: nil, tags: [])
            try await store.deleteExperiment(id: id)
            let error = await #expect(throws: FerryError.self) {
                _ = try await store.createExperiment(name: "dup", artifactLocation: nil, tags: [])
            }
            #expect(error?.code == .resourceAlreadyExists)
            let other = try await store.createExperiment(name: "other", artifactLocation: nil, tags: [])
            try await store.restoreExperiment(id: id)
            let renameError = await #expect(throws: FerryError.self) { try await store.renameExperiment(id: other, to: "dup") }
            #expect(renameError?.code == .badRequest)
        }
    }

    @Test("Missing and malformed ids", arguments: StoreEngine.available)
    func missing(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let missing = await #expect(throws: FerryError.self) { _ = try await store.experiment(id: "999") }
            #expect(missing?.code == .resourceDoesNotExist)
            let malformed = await #expect(throws: FerryError.self) { _ = try await store.experiment(id: "abc") }
            #expect(malformed?.code == .invalidParameterValue)
            let byName = await #expect(throws: FerryError.self) { _ = try await store.experiment(named: "nope") }
            #expect(byName?.code == .resourceDoesNotExist)
        }
    }

    @Test("Deleting hides an experiment from active searches and deletes its runs", arguments: StoreEngine.available)
    func deleteAndRestore(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let id = try await store.createExperiment(name: "gone", artifactLocation: nil, tags: [])
            let run = try await store.createRun(NewRun(experimentID: id))
            try await store.deleteExperiment(id: id)
            #expect(try await store.experiment(id: id).lifecycleStage == .deleted)
            #expect(try await store.run(id: run.info.runID).info.lifecycleStage == .deleted)
            let active = try await store.searchExperiments(ExperimentQuery())
            #expect(!active.items.contains { $0.experimentID == id })
            let deleted = try await store.searchExperiments(ExperimentQuery(viewType: .deletedOnly))
            #expect(deleted.items.map(\.experimentID) == [id])
            try await store.restoreExperiment(id: id)
            #expect(try await store.run(id: run.info.runID).info.lifecycleStage == .active)
        }
    }

    @Test("Search: filters, order, paging", arguments: StoreEngine.available)
    func search(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            for name in ["alpha", "beta", "Gamma", "delta"] {
                _ = try await store.createExperiment(name: name, artifactLocation: nil, tags: [KeyValue(key: "kind", value: name.count > 4 ? "long" : "short")])
            }
            let like = try await store.searchExperiments(ExperimentQuery(filter: "name LIKE '%a'", orderBy: ["name ASC"]))
            #expect(like.items.map(\.name) == ["Gamma", "alpha", "beta", "delta"])
            let ilike = try await store.searchExperiments(ExperimentQuery(filter: "name ILIKE 'g%'"))
            #expect(ilike.items.map(\.name) == ["Gamma"])
            let tagged = try await store.searchExperiments(ExperimentQuery(filter: "tags.kind = 'short'", orderBy: ["name DESC"]))
            #expect(tagged.items.map(\.name) == ["beta"])
            let first = try await store.searchExperiments(ExperimentQuery(orderBy: ["name"], maxResults: 2))
            #expect(first.items.map(\.name) == ["Default", "Gamma"])
            let second = try await store.searchExperiments(ExperimentQuery(orderBy: ["name"], maxResults: 2, pageToken: first.nextPageToken))
            #expect(second.items.map(\.name) == ["alpha", "beta"])
            let third = try await store.searchExperiments(ExperimentQuery(orderBy: ["name"], maxResults: 2, pageToken: second.nextPageToken))
            #expect(third.items.map(\.name) == ["delta"])
            #expect(third.nextPageToken == nil)
            let bad = await #expect(throws: FerryError.self) { _ = try await store.searchExperiments(ExperimentQuery(pageToken: "garbage")) }
            #expect(bad?.code == .invalidParameterValue)
        }
    }

    @Test("Artifact locations that escape or name other hosts are refused", arguments: StoreEngine.available)
    func artifactLocations(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            for location in ["http:///?/../../../etc/", "http:///#/../../etc/", "http://internal/x", "s3://b/../x", "runs:/abc", "mlflow-artifacts://evil:80/x", "/tmp/%252e%252e/x"] {
                let error = await #expect(throws: FerryError.self, "\(location)") {
                    _ = try await store.createExperiment(name: "loc-\(location.hashValue)", artifactLocation: location, tags: [])
                }
                #expect(error?.code == .invalidParameterValue)
            }
            let id = try await store.createExperiment(name: "s3-ok", artifactLocation: "s3://bucket/prefix", tags: [])
            #expect(try await store.experiment(id: id).artifactLocation == "s3://bucket/prefix")
        }
    }
}
