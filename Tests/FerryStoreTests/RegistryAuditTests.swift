import FerryCore
import FerryStore
import Testing

@Suite("Registry audit trail")
struct RegistryAuditTests {
    @Test("Every registry change is recorded with its actor, before and after", arguments: StoreEngine.available)
    func recordsEveryChange(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            try await AuditContext.$actor.withValue("alice") {
                _ = try await store.createRegisteredModel(name: "churn", description: "v0", tags: [KeyValue(key: "team", value: "ml")])
                for _ in 1...2 { _ = try await store.createModelVersion(NewModelVersion(name: "churn", source: "mlflow-artifacts:/0/r/artifacts/model")) }
                _ = try await store.transitionStage(name: "churn", version: 1, to: .production, archiveExisting: false)
            }
            try await AuditContext.$actor.withValue("bob") {
                _ = try await store.transitionStage(name: "churn", version: 2, to: .production, archiveExisting: true)
                try await store.setAlias(name: "churn", alias: "champion", version: 1)
                try await store.setAlias(name: "churn", alias: "champion", version: 2)
                try await store.setModelVersionTag(name: "churn", version: 2, KeyValue(key: "approved", value: "yes"))
                try await store.deleteModelVersionTag(name: "churn", version: 2, key: "approved")
                try await store.deleteModelVersionTag(name: "churn", version: 2, key: "never-set")  // no change, no event
                _ = try await store.updateRegisteredModel("churn", description: "v1")
                _ = try await store.renameRegisteredModel("churn", to: "churn-2")
                try await store.deleteAlias(name: "churn-2", alias: "champion")
                try await store.deleteModelVersion(name: "churn-2", version: 1)
            }
            // a refused change leaves no event
            await #expect(throws: FerryError.self) { try await store.setAlias(name: "churn-2", alias: "latest", version: 2) }

            let events = try await store.auditEvents(AuditQuery()).items
            #expect(events.map(\.action) == [
                .createRegisteredModel, .createModelVersion, .createModelVersion, .transitionStage,
                .transitionStage, .transitionStage, .setAlias, .setAlias, .setModelVersionTag, .deleteModelVersionTag,
                .updateRegisteredModel, .renameRegisteredModel, .deleteAlias, .deleteModelVersion,
            ])
            #expect(events.prefix(4).allSatisfy { $0.actor == "alice" } && events.dropFirst(4).allSatisfy { $0.actor == "bob" })
            #expect(events[0].after["tag.team"] == "ml" && events[0].after["description"] == "v0")
            #expect(events[1].version == 1 && events[1].after["source"] == "mlflow-artifacts:/0/r/artifacts/model")
            // archiving version 1 is its own event, then version 2's move
            #expect(events[4].version == 1 && events[4].before == ["current_stage": "Production"] && events[4].after["current_stage"] == "Archived")
            #expect(events[5].version == 2 && events[5].before == ["current_stage": "None"] && events[5].after == ["current_stage": "Production"])
            #expect(events[6].before.isEmpty && events[6].after == ["alias.champion": "1"])
            #expect(events[7].before == ["alias.champion": "1"] && events[7].after == ["alias.champion": "2"])
            #expect(events[10].before == ["description": "v0"] && events[10].after == ["description": "v1"])
            #expect(events[11].modelName == "churn-2" && events[11].before == ["name": "churn"])
            #expect(events[13].before["current_stage"] == "Archived" && events[13].after.isEmpty)
            #expect(zip(events, events.dropFirst()).allSatisfy { $0.id < $1.id && $0.timestamp <= $1.timestamp })

            let renamed = try await store.auditEvents(AuditQuery(modelName: "churn-2")).items
            #expect(renamed.map(\.action) == [.renameRegisteredModel, .deleteAlias, .deleteModelVersion])
            let versionTwo = try await store.auditEvents(AuditQuery(modelName: "churn", version: 2)).items
            #expect(versionTwo.map(\.action) == [.createModelVersion, .transitionStage, .setAlias, .setModelVersionTag, .deleteModelVersionTag])
            let first = try await store.auditEvents(AuditQuery(maxResults: 5))
            let rest = try await store.auditEvents(AuditQuery(maxResults: 100, pageToken: first.nextPageToken))
            #expect(first.items.count == 5 && (first.items + rest.items).map(\.id) == events.map(\.id))
        }
    }
}
