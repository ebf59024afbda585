import FerryCore
import FerryBlobs
import FerryServing
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import Testing

@testable import FerryInferenceServer

@Suite struct PredictionLogTests {
    /// 2025-03-07T09:05:02.042Z
    static let instant = Date(timeIntervalSince1970: 1_741_338_302.042)
    static let quiet = Logger(label: "prediction-log-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A fresh temporary folder as a store, removed afterwards.
    private func withFolder(_ body: (LocalBlobStore, String) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("ferry-predictions-\(UUID().uuidString)", isDirectory: true).path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await body(LocalBlobStore(root: root), root)
    }

    private func makeLog(
        _ store: any BlobStore, rate: Double = 1, maxBuffered: Int = 100, seed: UInt64 = 7, clock: TestClock = TestClock()
    ) -> PredictionLog {
        PredictionLog(
            store: store, prefix: "predictions", sampleRate: rate, flushInterval: .milliseconds(20),
            maxBufferedRecords: maxBuffered, logger: Self.quiet, samplingSeed: seed, now: { clock.now })
    }

    @discardableResult
    private func submit(_ log: PredictionLog, model: String = "churn", id: String? = "r1", x: Float = 1) -> Bool {
        log.submit(
            model: model, version: "3", protocol: "v2", requestID: id,
            inputs: [InferenceTensor(name: "x", datatype: .fp32, shape: [1, 2], data: .float([x, 2.5]))],
            outputs: [InferenceTensor(name: "label", datatype: .int64, shape: [1], data: .int64([1]))])
    }

    /// Every object under `path`, depth first, as (path, parsed lines); throws for an object whose last
    /// line is unfinished.
    private func objects(_ store: any BlobStore, under path: BlobPath) async throws -> [(String, [[String: Any]])] {
        var result: [(String, [[String: Any]])] = []
        for entry in try await store.list(path) {
            let child = try path.appending(segment: entry.name)
            if entry.isDirectory {
                result += try await objects(store, under: child)
                continue
            }
            let bytes = try await store.readAll(child)
            let text = String(decoding: bytes.readableBytesView, as: UTF8.self)
            guard text.hasSuffix("\n") else { throw Unfinished(path: child.description) }
            let lines = try text.split(separator: "\n").map { line in
                try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            }
            result.append((child.description, lines))
        }
        return result
    }

    private func records(_ store: any BlobStore) async throws -> [[String: Any]] {
        try await objects(store, under: .root).flatMap(\.1)
    }

    @Test func rateOneLogsEveryRequestWithItsFieldsAndValues() async throws {
        try await withFolder { store, _ in
            let log = makeLog(store)
            #expect(submit(log, id: "r1"))
            #expect(
                log.submit(
                    model: "churn", version: "3", protocol: "mlflow", requestID: nil,
                    inputs: [
                        InferenceTensor(name: "f", datatype: .fp32, shape: [4], data: .float([1.5, .nan, .infinity, -2])),
                        InferenceTensor(name: "d", datatype: .fp64, shape: [2], data: .double([0.1, -.infinity])),
                        InferenceTensor(name: "u", datatype: .uint64, shape: [1], data: .uint64([12_345_678_901_234])),
                        InferenceTensor(name: "b", datatype: .bool, shape: [2], data: .bool([true, false])),
                    ],
                    outputs: [InferenceTensor(name: "s", datatype: .bytes, shape: [2], data: .string(["a\"b\nç", ""]))]))
            try await log.flush()

            let objects = try await objects(store, under: .root)
            #expect(objects.count == 1)
            let (path, lines) = try #require(objects.first)
            let parts = path.split(separator: "/").map(String.init)
            #expect(parts.count == 4)
            #expect(parts.prefix(3) == ["predictions", "churn", "2025-03-07"])
            #expect(parts[3].wholeMatch(of: /20250307T090502Z-[0-9a-f]{16}\.jsonl/) != nil, "\(parts[3])")
            #expect(lines.count == 2)

            let first = try #require(lines.first)
            #expect(first["timestamp"] as? String == "2025-03-07T09:05:02.042Z")
            #expect(first["model"] as? String == "churn")
            #expect(first["version"] as? String == "3")
            #expect(first["protocol"] as? String == "v2")
            #expect(first["request_id"] as? String == "r1")
            let x = try #require((first["inputs"] as? [String: Any])?["x"] as? [String: Any])
            #expect(x["datatype"] as? String == "FP32")
            #expect(x["shape"] as? [Int] == [1, 2])
            #expect(x["data"] as? [Double] == [1, 2.5])
            let label = try #require((first["outputs"] as? [String: Any])?["label"] as? [String: Any])
            #expect(label["datatype"] as? String == "INT64")
            #expect(label["data"] as? [Int] == [1])

            let second = try #require(lines.last)
            #expect(second["protocol"] as? String == "mlflow")
            #expect(second["request_id"] is NSNull)
            let inputs = try #require(second["inputs"] as? [String: [String: Any]])
            let floats = try #require(inputs["f"]?["data"] as? [Any])
            #expect(floats.count == 4)
            #expect(floats[0] as? Double == 1.5)
            #expect(floats[1] is NSNull && floats[2] is NSNull)
            #expect(floats[3] as? Double == -2)
            let doubles = try #require(inputs["d"]?["data"] as? [Any])
            #expect(doubles.first as? Double == 0.1)
            #expect(doubles.last is NSNull)
            #expect(inputs["u"]?["data"] as? [Int] == [12_345_678_901_234])
            #expect(inputs["b"]?["data"] as? [Bool] == [true, false])
            let strings = (second["outputs"] as? [String: [String: Any]])?["s"]?["data"] as? [String]
            #expect(strings == ["a\"b\nç", ""])
            #expect(log.statistics == .init(submitted: 2, sampled: 2, dropped: 0, written: 2))
        }
    }

    @Test func rateZeroLogsNothing() async throws {
        try await withFolder { store, _ in
            let log = makeLog(store, rate: 0)
            for _ in 0..<100 { #expect(!submit(log)) }
            try await log.flush()
            #expect(try await store.list(.root).isEmpty)
            #expect(log.statistics == .init(submitted: 100, sampled: 0, dropped: 0, written: 0))
        }
    }

    @Test func aFractionalRateSamplesThatShareReproduciblyFromItsSeed() async throws {
        try await withFolder { store, _ in
            let decisions = { (seed: UInt64) in
                let log = makeLog(store, rate: 0.25, maxBuffered: 10_000, seed: seed)
                return (0..<4000).map { _ in submit(log) }
            }
            let first = decisions(42)
            #expect(first == decisions(42))
            #expect(first != decisions(43))
            let kept = first.filter { $0 }.count
            #expect((850...1150).contains(kept), "kept \(kept) of 4000 at rate 0.25")

            let log = makeLog(store, rate: 0.25, maxBuffered: 10_000, seed: 42)
            for _ in 0..<4000 { submit(log) }
            try await log.flush()
            #expect(try await records(store).count == kept)
            #expect(log.statistics == .init(submitted: 4000, sampled: kept, dropped: 0, written: kept))
        }
        #expect(PredictionLog(store: LocalBlobStore(root: "/nonexistent"), prefix: "", sampleRate: 7, logger: Self.quiet)
            .sampleRate == 1)
    }

    @Test func aFullBufferDropsAndCounts() async throws {
        try await withFolder { store, _ in
            let log = makeLog(store, maxBuffered: 3)
            let accepted = (0..<5).map { index in submit(log, id: "r\(index)") }
            #expect(accepted == [true, true, true, false, false])
            #expect(log.statistics == .init(submitted: 5, sampled: 5, dropped: 2, written: 0))
            try await log.flush()
            #expect(try await records(store).map { $0["request_id"] as? String } == ["r0", "r1", "r2"])
            // The flush made room again.
            #expect(submit(log, id: "r5"))
        }
    }

    @Test func unsafeNamesStayInsideThePrefix() async throws {
        try await withFolder { store, root in
            let log = PredictionLog(
                store: store, prefix: "../outside/./logs", sampleRate: 1, logger: Self.quiet, now: { Self.instant })
            let names = ["../../escape", "..", ".", "", "team/churn", "a\\b", String(repeating: "long", count: 100)]
            for name in names { submit(log, model: name) }
            try await log.flush()

            let prefix = try BlobPath(segments: ["%2E%2E", "outside", "%2E", "logs"])
            let folders = try await store.list(prefix).map(\.name)
            #expect(
                Set(folders)
                    == Set(["..%2F..%2Fescape", "%2E%2E", "%2E", "_", "team%2Fchurn", "a%5Cb", PredictionLogPath.segment(names[6])]))
            #expect(PredictionLogPath.segment(names[6]).utf8.count == PredictionLogPath.maxSegmentBytes)
            // Nothing outside the store's folder, and the records keep the names as given.
            let parent = URL(fileURLWithPath: root).deletingLastPathComponent().path
            let siblings = try FileManager.default.contentsOfDirectory(atPath: parent)
            #expect(!siblings.contains("outside") && !siblings.contains("escape"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["%2E%2E"])
            #expect(Set(try await records(store).compactMap { $0["model"] as? String }) == Set(names))
        }
    }

    @Test func eachModelAndUTCDayGetsItsOwnObject() async throws {
        try await withFolder { store, _ in
            let clock = TestClock(Date(timeIntervalSince1970: 1_741_391_999.5))  // 2025-03-07T23:59:59.500Z
            let log = makeLog(store, clock: clock)
            submit(log, model: "a", id: "1")
            submit(log, model: "b", id: "2")
            clock.now = Date(timeIntervalSince1970: 1_741_392_000.25)  // 2025-03-08T00:00:00.250Z
            submit(log, model: "a", id: "3")
            submit(log, model: "a", id: "4")
            try await log.flush()

            let objects = try await objects(store, under: .root)
            let byFolder = Dictionary(uniqueKeysWithValues: objects.map { path, lines in
                (path.split(separator: "/").dropLast().joined(separator: "/"), lines.compactMap { $0["request_id"] as? String })
            })
            #expect(
                byFolder == [
                    "predictions/a/2025-03-07": ["1"], "predictions/b/2025-03-07": ["2"], "predictions/a/2025-03-08": ["3", "4"],
                ])
            let names = objects.map { $0.0.split(separator: "/").last.map(String.init) ?? "" }
            #expect(names.filter { $0.hasPrefix("20250308T000000Z-") }.count == 1)
            #expect(names.filter { $0.hasPrefix("20250307T235959Z-") }.count == 2)
        }
    }

    @Test func aFailedWriteKeepsItsRecordsForTheNextFlush() async throws {
        try await withFolder { local, _ in
            let store = FailingStore(base: local)
            let log = makeLog(store)
            submit(log, id: "1")
            submit(log, id: "2")
            await #expect(throws: FailingStore.Failure.self) { try await log.flush() }
            #expect(log.statistics.written == 0)
            #expect(try await local.list(.root).isEmpty)

            store.failing.withLock { $0 = false }
            submit(log, id: "3")
            try await log.flush()
            #expect(try await records(local).map { $0["request_id"] as? String } == ["1", "2", "3"])
            #expect(log.statistics == .init(submitted: 3, sampled: 3, dropped: 0, written: 3))
        }
    }

    @Test func theServiceFlushesPeriodicallyAndAtGracefulShutdown() async throws {
        try await withFolder { store, _ in
            let log = makeLog(store)
            let group = ServiceGroup(services: [log], logger: Self.quiet)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                submit(log, id: "periodic")
                // Waits (without a deadline) for the periodic flush to write the first record.
                while (try? await records(store))?.isEmpty ?? true { try await Task.sleep(for: .milliseconds(5)) }
                submit(log, id: "at-shutdown")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            let ids = try await records(store).compactMap { $0["request_id"] as? String }
            #expect(Set(ids) == ["periodic", "at-shutdown"])
            #expect(ids.count == 2)
        }
    }

    /// Expected text from Python's `datetime`: epoch, leap days (2000, 1600), the last millisecond before
    /// the epoch, the year 9999, and 2100 (no leap day).
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z", "19700101T000000Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z", "20000229T000000Z"),
        (951_868_799_999, "2000-02-29T23:59:59.999Z", "20000229T235959Z"),
        (1_741_338_302_042, "2025-03-07T09:05:02.042Z", "20250307T090502Z"),
        (-1, "1969-12-31T23:59:59.999Z", "19691231T235959Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z", "99991231T235959Z"),
        (4_107_542_400_123, "2100-03-01T00:00:00.123Z", "21000301T000000Z"),
        (-11_670_912_000_001, "1600-02-29T23:59:59.999Z", "16000229T235959Z"),
    ])
    func utcTimeFormatsTheCalendarFields(milliseconds: Int64, iso8601: String, compact: String) {
        let time = CivilTime(millisecondsSince1970: milliseconds)
        #expect(time.iso8601 == iso8601)
        #expect(time.date == String(iso8601.prefix(10)))
        #expect(time.compact == compact)
    }
}

/// An object that does not end in a line break: a record was cut.
private struct Unfinished: Error {
    var path: String
}

/// A wall clock that tests set.
private final class TestClock: Sendable {
    private let value: Mutex<Date>
    init(_ date: Date = PredictionLogTests.instant) { value = Mutex(date) }
    var now: Date {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}

/// A store whose writes fail while `failing` is true.
private final class FailingStore: BlobStore {
    struct Failure: Error {}
    let base: LocalBlobStore
    let failing = Mutex(true)

    init(base: LocalBlobStore) { self.base = base }

    func kind(of path: BlobPath) async throws -> BlobKind? { try await base.kind(of: path) }
    func write<Contents: AsyncSequence>(_ path: BlobPath, contents: Contents) async throws
    where Contents.Element == ByteBuffer {
        if failing.withLock({ $0 }) { throw Failure() }
        try await base.write(path, contents: contents)
    }
    func read(_ path: BlobPath, into consume: (ByteBuffer) async throws -> Void) async throws {
        try await base.read(path, into: consume)
    }
    func list(_ path: BlobPath) async throws -> [BlobEntry] { try await base.list(path) }
    func delete(_ path: BlobPath) async throws { try await base.delete(path) }
}
