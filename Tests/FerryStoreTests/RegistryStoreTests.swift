import FerryCore
import FerryStore
import Testing

@Suite("Registry store conformance")
struct RegistryStoreTests {
    @Test("Registered models: create, read, rename with versions and aliases, update, tags, delete", arguments: StoreEngine.available)
    func registeredModels(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let created = try await store.createRegisteredModel(name: "churn", description: "first", tags: [KeyValue(key: "team", value: "ml")])
            #expect(created.name == "churn" && created.description == "first" && created.tags == [KeyValue(key: "team", value: "ml")])
            let duplicate = await #expect(throws: FerryError.self) { _ = try await store.createRegisteredModel(name: "churn", description: nil, tags: []) }
            #expect(duplicate?.code == .resourceAlreadyExists)
            _ = try await store.createModelVersion(NewModelVersion(name: "churn", source: "mlflow-artifacts:/0/r/artifacts/model"))
            try await store.setAlias(name: "churn", alias: "champion", version: 1)
            let renamed = try await store.renameRegisteredModel("churn", to: "churn-v2")
            #expect(renamed.aliases == [ModelAlias(alias: "champion", version: 1)])
            #expect(try await store.modelVersion(name: "churn-v2", version: 1).aliases == ["champion"])
            let gone = await #expect(throws: FerryError.self) { _ = try await store.registeredModel(named: "churn") }
            #expect(gone?.code == .resourceDoesNotExist)
            #expect(try await store.updateRegisteredModel("churn-v2", description: "second").description == "second")
            try await store.setRegisteredModelTag("churn-v2", KeyValue(key: "team", value: "platform"))
            try await store.deleteRegisteredModelTag("churn-v2", key: "team")
            #expect(try await store.registeredModel(named: "churn-v2").tags.isEmpty)
            try await store.deleteRegisteredModel("churn-v2")
            let deleted = await #expect(throws: FerryError.self) { _ = try await store.modelVersion(name: "churn-v2", version: 1) }
            #expect(deleted?.code == .resourceDoesNotExist)
        }
    }

    @Test("Names MLflow refuses", arguments: ["", "a/b", "a:b", "..", "a/../b"])
    func invalidNames(name: String) throws {
        #expect(throws: FerryError.self) { try RegistryValidation.validateModelName(name) }
    }

    @Test("Versions number from 1; stages, archiving and latest versions", arguments: StoreEngine.available)
    func versions(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            _ = try await store.createRegisteredModel(name: "m", description: nil, tags: [])
            for index in 1...3 {
                let version = try await store.createModelVersion(
                    NewModelVersion(name: "m", source: "mlflow-artifacts:/0/r\(index)/artifacts/model", tags: [KeyValue(key: "i", value: "\(index)")]))
                #expect(version.version == Int64(index) && version.status == .ready && version.currentStage == .none)
            }
            _ = try await store.transitionStage(name: "m", version: 1, to: .production, archiveExisting: false)
            let promoted = try await store.transitionStage(name: "m", version: 2, to: .production, archiveExisting: true)
            #expect(promoted.currentStage == .production)
            #expect(try await store.modelVersion(name: "m", version: 1).currentStage == .archived)
            let latest = try await store.latestVersions(name: "m", stages: [])
            #expect(latest.map(\.version) == [1, 2, 3])
            #expect(try await store.latestVersions(name: "m", stages: [.production]).map(\.version) == [2])
            #expect(try await store.registeredModel(named: "m").latestVersions.count == 3)
            #expect(try await store.updateModelVersion(name: "m", version: 3, description: "d").description == "d")
            try await store.setModelVersionTag(name: "m", version: 3, KeyValue(key: "k", value: "v"))
            #expect(try await store.modelVersion(name: "m", version: 3).tags.count == 2)
            try await store.deleteModelVersionTag(name: "m", version: 3, key: "k")
            try await store.deleteModelVersion(name: "m", version: 3)
            let next = try await store.createModelVersion(NewModelVersion(name: "m", source: "mlflow-artifacts:/0/r4/artifacts/model"))
            #expect(next.version == 4, "version numbers are not reused after a delete")
            let missingModel = await #expect(throws: FerryError.self) {
                _ = try await store.createModelVersion(NewModelVersion(name: "nope", source: "x"))
            }
            #expect(missingModel?.code == .resourceDoesNotExist)
        }
    }

    @Test("Aliases: set, move, read, delete, reserved names", arguments: StoreEngine.available)
    func aliases(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            _ = try await store.createRegisteredModel(name: "a", description: nil, tags: [])
            _ = try await store.createModelVersion(NewModelVersion(name: "a", source: "s1"))
            _ = try await store.createModelVersion(NewModelVersion(name: "a", source: "s2"))
            try await store.setAlias(name: "a", alias: "champion", version: 1)
            try await store.setAlias(name: "a", alias: "champion", version: 2)
            #expect(try await store.modelVersion(name: "a", alias: "champion").version == 2)
            #expect(try await store.registeredModel(named: "a").aliases == [ModelAlias(alias: "champion", version: 2)])
            try await store.deleteAlias(name: "a", alias: "champion")
            let unknown = await #expect(throws: FerryError.self) { _ = try await store.modelVersion(name: "a", alias: "champion") }
            #expect(unknown?.code == .invalidParameterValue)
            for reserved in ["latest", "LATEST", "v1", "V12", "bad alias", "a/b"] {
                let error = await #expect(throws: FerryError.self, "\(reserved)") { try await store.setAlias(name: "a", alias: reserved, version: 1) }
                #expect(error?.code == .invalidParameterValue)
            }
            let missingVersion = await #expect(throws: FerryError.self) { try await store.setAlias(name: "a", alias: "x", version: 9) }
            #expect(missingVersion?.code == .resourceDoesNotExist)
        }
    }
}
