import FerryBlobs
import FerryClient
import FerryMonitor
import FerryTables
import Foundation
import Logging
import NIOCore
import Testing

@testable import FerryMonitorService

@Suite struct WideTensorNamingTests {
    @Test func aWideInputTakesTheReferencesUnmatchedColumnsInOrder() {
        let names = WideTensorNaming.names(
            given: [:], logColumns: ["X[0]", "X[1]", "X[2]", "label", "probabilities[0]", "probabilities[1]"],
            referenceColumns: ["a", "b", "c", "label"])
        #expect(names == ["X": ["a", "b", "c"]])
    }

    @Test func givenNamesWinAndMismatchedWidthsAreLeftAlone() {
        #expect(WideTensorNaming.names(given: ["X": ["p", "q"]], logColumns: ["X[0]", "X[1]"], referenceColumns: ["a", "b"]) == ["X": ["p", "q"]])
        #expect(WideTensorNaming.names(given: [:], logColumns: ["X[0]", "X[1]"], referenceColumns: ["a", "b", "c"]).isEmpty)
        #expect(WideTensorNaming.names(given: [:], logColumns: ["X[0]", "X[1]"], referenceColumns: ["X[0]", "X[1]"]).isEmpty)
    }
}

@Suite struct PredictionLogWindowTests {
    func store() throws -> (LocalBlobStore, String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-window-\(UUID().uuidString)").path
        return (LocalBlobStore(root: root), root)
    }

    func put(_ store: LocalBlobStore, _ path: String) async throws {
        try await store.write(try BlobPath(path), bytes: ByteBuffer(string: "{}\n"))
    }

    @Test func picksTheObjectsThatMayHoldRecordsOfTheWindow() async throws {
        let (store, root) = try store()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // 2026-12-01T10:00:00Z = 1_796_119_200_000 ms.
        let tenOClock: Int64 = 1_796_119_200_000
        try await put(store, "churn/2026-11-30/20261130T235959Z-aaaa.jsonl")
        try await put(store, "churn/2026-12-01/20261201T095930Z-bbbb.jsonl")  // 30 s before: may hold records inside
        try await put(store, "churn/2026-12-01/20261201T095800Z-cccc.jsonl")  // 2 min before: too early
        try await put(store, "churn/2026-12-01/20261201T100500Z-dddd.jsonl")
        try await put(store, "churn/2026-12-01/20261201T110000Z-eeee.jsonl")  // after the window
        try await put(store, "churn/2026-12-01/notes.txt")
        try await put(store, "other/2026-12-01/20261201T100500Z-ffff.jsonl")
        let window = PredictionLogWindow(store: store, prefix: .root, model: "churn")
        let objects = try await window.objects(from: tenOClock, to: tenOClock + 600_000)
        #expect(objects.map(\.path.name) == ["20261201T095930Z-bbbb.jsonl", "20261201T100500Z-dddd.jsonl"])
        #expect(try await window.read(objects[0]) == Array("{}\n".utf8))
    }

    @Test func aModelWithNoLogHasNoObjects() async throws {
        let (store, root) = try store()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let window = PredictionLogWindow(store: store, prefix: .root, model: "absent")
        #expect(try await window.objects(from: 0, to: 1_796_119_200_000).isEmpty)
    }
}

@Suite struct DriftGaugesTests {
    func report(drifted: Bool) -> DriftReport {
        let column = ColumnDrift(
            name: "age", type: .numerical, method: .wasserstein, threshold: 0.1, score: drifted ? 0.4 : 0.01, drifted: drifted,
            referenceCount: 10, currentCount: 5, referenceMissing: 0, currentMissing: 0,
            distribution: .histogram(edges: [0, 1], reference: [10], current: [5]))
        return DriftReport(
            reference: .init(source: "ref.csv", rows: 10), current: .init(source: "live", rows: 5), driftShareThreshold: 0.5,
            testedColumns: 1, driftedColumns: drifted ? 1 : 0, driftShare: drifted ? 1 : 0, datasetDrift: drifted, columns: [column],
            skippedColumns: [], generatedAt: "2026-12-01T10:00:00Z")
    }

    @Test func exportsTheLastWindowAndCountsRowsOverAll() {
        let gauges = DriftGauges()
        gauges.record(report(drifted: true), model: "churn", version: "3", at: 100)
        gauges.record(report(drifted: false), model: "churn", version: "3", at: 160)
        let text = String(decoding: gauges.exposition(), as: UTF8.self)
        #expect(text.contains("# HELP ferry_monitor_dataset_drift_share "))
        #expect(text.contains(#"ferry_monitor_dataset_drift_share{model="churn",version="3"} 0.0"#))
        #expect(text.contains(#"ferry_monitor_column_drift_score{model="churn",version="3",column="age",method="wasserstein"} 0.01"#))
        #expect(text.contains(#"ferry_monitor_rows_seen_total{model="churn",version="3"} 10"#))
        #expect(text.contains(#"ferry_monitor_last_run_timestamp_seconds{model="churn",version="3"} 160.0"#))
    }
}

@Suite struct ReferenceSourceTests {
    @Test func parsesFilesAndRegisteredVersions() throws {
        #expect(try ReferenceSource(parsing: "train.csv") == .file("train.csv"))
        #expect(try ReferenceSource(parsing: "models:/churn/3") == .registered(.version(name: "churn", version: "3")))
        #expect(try ReferenceSource(parsing: "models:/churn@champion") == .registered(.alias(name: "churn", alias: "champion")))
        #expect(throws: MonitorError.self) { try ReferenceSource(parsing: "models:/churn") }
    }

    @Test func aMissingFileSaysWhich() async {
        await #expect(throws: MonitorError("cannot read the reference /nonexistent/ref.csv: no such file, or it is not readable")) {
            try await ReferenceSource.file("/nonexistent/ref.csv").fetch(client: nil)
        }
    }

    @Test func metricKeysKeepWhatMLflowAllows() {
        #expect(MonitoringRunRecorder.metricKey("age (years)/2") == "age _years_/2")
        #expect(MonitoringRunRecorder.metricKey("X[0]") == "X_0_")
    }
}
