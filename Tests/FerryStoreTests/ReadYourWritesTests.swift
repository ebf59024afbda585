import FerryCore
import FerryStore
import Testing

@Suite("Read your writes")
struct ReadYourWritesTests {
    /// Many clients each create versions and read each one back at once, while other readers keep the
    /// reader connections busy. A read must never miss a write committed before it started (on SQLite a
    /// reader connection shared by two reads once kept an old snapshot open, and a client got 404 for
    /// the version it had just created).
    @Test("A version is readable as soon as its creation returns, under concurrent reads", arguments: StoreEngine.available)
    func versionsAreReadableAtOnce(engine: StoreEngine) async throws {
        try await withStore(engine) { store, _ in
            let clients = 16, versionsEach = 60
            for client in 0..<clients { _ = try await store.createRegisteredModel(name: "m\(client)", description: nil, tags: []) }
            let missed = try await withThrowingTaskGroup(of: Int.self) { group in
                for client in 0..<clients {
                    group.addTask {
                        var missed = 0
                        for _ in 0..<versionsEach {
                            let created = try await store.createModelVersion(NewModelVersion(name: "m\(client)", source: "mlflow-artifacts:/0/r/artifacts/model"))
                            do {
                                _ = try await store.modelVersion(name: "m\(client)", version: created.version)
                            } catch {
                                missed += 1
                            }
                        }
                        return missed
                    }
                    group.addTask {
                        for _ in 0..<versionsEach {
                            _ = try await store.searchModelVersions(filter: nil, orderBy: [], maxResults: 1000, pageToken: nil)
                        }
                        return 0
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(missed == 0)
            let all = try await store.searchModelVersions(filter: nil, orderBy: [], maxResults: 100_000, pageToken: nil)
            #expect(all.items.count == clients * versionsEach)
        }
    }
}
