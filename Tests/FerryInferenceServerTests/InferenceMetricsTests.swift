import Foundation
import Testing

@testable import FerryInferenceServer

@Suite struct InferenceMetricsTests {
    /// The exposition as text.
    private func text(_ metrics: InferenceMetrics) -> String {
        String(decoding: metrics.exposition(), as: UTF8.self)
    }

    /// The value of the sample line that starts with `series` (name and labels, exactly as exported).
    private func value(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    private func labels(_ model: String, _ version: String, _ proto: String, _ role: String = "primary") -> String {
        #"model="\#(model)",version="\#(version)",protocol="\#(proto)",role="\#(role)""#
    }

    @Test func countsRequestsPerLabelSetAndCode() {
        let metrics = InferenceMetrics()
        for _ in 0..<3 { metrics.record(model: "churn", version: "1", protocol: "v2", code: 200, seconds: 0.001) }
        metrics.record(model: "churn", version: "1", protocol: "v2", code: 404, seconds: 0.001)
        metrics.record(model: "churn", version: "1", protocol: "mlflow", code: 200, seconds: 0.001)
        metrics.record(model: "churn", version: "2", protocol: "v2", role: "canary", code: 500, seconds: 0.001)
        metrics.record(model: "churn", version: "2", protocol: "v2", role: "canary", code: 503, seconds: 0.001)
        metrics.record(model: "churn", version: "2", protocol: "v2", role: "shadow", code: 200, seconds: 0.001)
        let text = text(metrics)

        let requests = "ferry_inference_requests_total"
        #expect(value(text, "\(requests){\(labels("churn", "1", "v2")),code=\"200\"}") == 3)
        #expect(value(text, "\(requests){\(labels("churn", "1", "v2")),code=\"404\"}") == 1)
        #expect(value(text, "\(requests){\(labels("churn", "1", "mlflow")),code=\"200\"}") == 1)
        #expect(value(text, "\(requests){\(labels("churn", "2", "v2", "canary")),code=\"500\"}") == 1)
        #expect(value(text, "\(requests){\(labels("churn", "2", "v2", "canary")),code=\"503\"}") == 1)
        #expect(value(text, "\(requests){\(labels("churn", "2", "v2", "shadow")),code=\"200\"}") == 1)
        #expect(value(text, "\(requests){\(labels("churn", "2", "v2")),code=\"200\"}") == nil)
        let requestLines = text.split(separator: "\n").filter { $0.hasPrefix(requests + "{") }
        #expect(requestLines.count == 6)

        let failures = "ferry_inference_failures_total"
        #expect(value(text, "\(failures){\(labels("churn", "1", "v2"))}") == 1)
        #expect(value(text, "\(failures){\(labels("churn", "1", "mlflow"))}") == 0)
        #expect(value(text, "\(failures){\(labels("churn", "2", "v2", "canary"))}") == 2)
        #expect(value(text, "\(failures){\(labels("churn", "2", "v2", "shadow"))}") == 0)
    }

    @Test func histogramHasCountSumAndCumulativeBuckets() throws {
        let metrics = InferenceMetrics()
        for seconds in [0.00003, 0.0002, 0.003, 20] {
            metrics.record(model: "m", version: "1", protocol: "v2", code: 200, seconds: seconds)
        }
        // A clock that went backwards and a missing duration count as 0 s.
        metrics.record(model: "m", version: "1", protocol: "v2", code: 200, seconds: -1)
        metrics.record(model: "m", version: "1", protocol: "v2", code: 200, seconds: .nan)
        let text = text(metrics)
        let name = "ferry_inference_request_duration_seconds"
        let series = labels("m", "1", "v2")

        #expect(value(text, "\(name)_count{\(series)}") == 6)
        let sum = try #require(value(text, "\(name)_sum{\(series)}"))
        #expect(abs(sum - 20.00323) < 1e-9)

        let expected: [(String, Double)] = [
            ("0.00005", 3), ("0.0001", 3), ("0.00025", 4), ("0.0005", 4), ("0.001", 4), ("0.0025", 4), ("0.005", 5),
            ("0.01", 5), ("0.025", 5), ("0.05", 5), ("0.1", 5), ("0.25", 5), ("0.5", 5), ("1.0", 5), ("2.5", 5),
            ("5.0", 5), ("10.0", 5), ("+Inf", 6),
        ]
        for (bound, count) in expected {
            #expect(value(text, "\(name)_bucket{\(series),le=\"\(bound)\"}") == count, "le=\(bound)")
        }
        let bucketLines = text.split(separator: "\n").filter { $0.hasPrefix("\(name)_bucket{") }
        #expect(bucketLines.count == expected.count)
        #expect(InferenceMetrics.durationBuckets.count == expected.count - 1)
    }

    @Test func readyGaugeFollowsTheLastSetting() {
        let metrics = InferenceMetrics()
        metrics.setReady(model: "churn", version: "1", ready: true)
        metrics.setReady(model: "churn", version: "2", ready: true)
        metrics.setReady(model: "churn", version: "2", ready: false)
        let text = text(metrics)
        #expect(value(text, #"ferry_model_ready{model="churn",version="1"}"#) == 1)
        #expect(value(text, #"ferry_model_ready{model="churn",version="2"}"#) == 0)
        #expect(text.contains("# TYPE ferry_model_ready gauge\n"))
    }

    @Test func everyMetricHasHelpAndType() {
        let metrics = InferenceMetrics()
        metrics.record(model: "m", version: "1", protocol: "v2", code: 200, seconds: 0.01)
        metrics.setReady(model: "m", version: "1", ready: true)
        let text = text(metrics)
        for (name, type) in [
            ("ferry_inference_requests_total", "counter"), ("ferry_inference_failures_total", "counter"),
            ("ferry_inference_request_duration_seconds", "histogram"), ("ferry_model_ready", "gauge"),
        ] {
            #expect(text.contains("# TYPE \(name) \(type)\n"), "\(name)")
            #expect(text.contains("# HELP \(name) "), "\(name)")
        }
    }

    @Test func instancesDoNotShareSeries() {
        let first = InferenceMetrics()
        let second = InferenceMetrics()
        first.record(model: "only-first", version: "1", protocol: "v2", code: 200, seconds: 0.01)
        #expect(text(first).contains("only-first"))
        #expect(!text(second).contains("only-first"))
    }

    @Test func labelValuesAreEscaped() {
        let metrics = InferenceMetrics()
        metrics.record(model: "a\"b\\c\nd", version: "1", protocol: "v2", code: 200, seconds: 0.01)
        #expect(text(metrics).contains(#"model="a\"b\\c\nd""#))
    }

    @Test(
        .enabled(
            if: Promtool.path != nil || Promtool.required,
            "promtool is not on PATH; set FERRY_TEST_REQUIRE_PROMTOOL=1 to make that a failure"))
    func promtoolAcceptsTheExposition() throws {
        let promtool = try #require(Promtool.path, "FERRY_TEST_REQUIRE_PROMTOOL=1, but promtool is not on PATH")
        let metrics = InferenceMetrics()
        metrics.record(model: "churn", version: "1", protocol: "v2", code: 200, seconds: 0.0004)
        metrics.record(model: "churn", version: "1", protocol: "v2", code: 400, seconds: 0.002)
        metrics.record(model: "team/\"x\"", version: "2", protocol: "mlflow", role: "canary", code: 500, seconds: 1.5)
        metrics.setReady(model: "churn", version: "1", ready: true)

        let accepted = try Promtool.checkMetrics(promtool, metrics.exposition())
        #expect(accepted.status == 0, "promtool check metrics: \(accepted.output)")

        // promtool really checks: a counter without help text is reported.
        let rejected = try Promtool.checkMetrics(promtool, Array("# TYPE bare_total counter\nbare_total 1\n".utf8))
        #expect(rejected.status != 0)
        #expect(rejected.output.contains("no help text"))
    }
}

/// `promtool`, found on PATH, and whether the environment requires it (FERRY_TEST_REQUIRE_PROMTOOL=1).
private enum Promtool {
    static let required = ProcessInfo.processInfo.environment["FERRY_TEST_REQUIRE_PROMTOOL"] == "1"

    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return directories.map { "\($0)/promtool" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs `promtool check metrics` on `exposition` (its standard input); its exit status and output.
    static func checkMetrics(_ promtool: String, _ exposition: [UInt8]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(exposition))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
