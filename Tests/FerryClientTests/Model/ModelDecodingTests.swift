import FerryClient
import Foundation
import Testing

/// The value types read what MLflow servers send, omissions and quirks included.
@Suite struct ModelDecodingTests {
    private func decode<Value: Decodable>(_ type: Value.Type, _ json: String) throws -> Value {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(type, from: Data(json.utf8))
    }

    @Test func aRegisteredModelWithEveryField() throws {
        let model = try decode(
            RegisteredModel.self,
            #"""
            {"name": "churn", "creation_timestamp": 1795867200000, "last_updated_timestamp": "1795867260000", "user_id": "alice",
             "description": "d", "tags": [{"key": "team", "value": "growth"}], "aliases": [{"alias": "champion", "version": "3"}],
             "latest_versions": [{"name": "churn", "version": "3", "current_stage": "Production"}, {"name": "churn", "version": "10"}],
             "unknown_future_field": true}
            """#)
        #expect(model.creationTimestamp == 1_795_867_200_000)
        #expect(model.lastUpdatedTimestamp == 1_795_867_260_000)
        #expect(model.tags == [KeyValue(key: "team", value: "growth")])
        #expect(model.latestVersionNumber == "10")
    }

    @Test func omittedListsReadAsEmpty() throws {
        let model = try decode(RegisteredModel.self, #"{"name": "churn"}"#)
        #expect(model == RegisteredModel(name: "churn"))
        #expect(model.latestVersionNumber == nil)
        let version = try decode(ModelVersion.self, #"{"name": "churn", "version": "1", "tags": null}"#)
        #expect(version.tags.isEmpty && version.aliases.isEmpty)
    }

    @Test func aModelVersionWithItsScanTags() throws {
        let version = try decode(
            ModelVersion.self,
            #"""
            {"name": "churn", "version": "3", "current_stage": "None", "source": "models:/m-1", "run_id": "r", "status": "READY",
             "tags": [{"key": "ferry.scan", "value": "unsafe"}, {"key": "ferry.scan.findings", "value": "a.pkl: os.system"}],
             "aliases": ["champion"], "run_link": "", "model_id": "m-1"}
            """#)
        #expect(version.scanVerdict == "unsafe")
        #expect(version.scanFindings == "a.pkl: os.system")
        #expect(version.modelID == "m-1")
        #expect(ModelVersion(name: "x", version: "1", tags: [KeyValue(key: "ferry.scan", value: "clean"), KeyValue(key: "ferry.scan.findings", value: "")]).scanFindings == nil)
    }

    @Test func aRunWithMetricsThatAreNotNumbersAndDatasetInputs() throws {
        let run = try decode(
            Run.self,
            #"""
            {"info": {"run_id": "r", "run_name": "n", "experiment_id": "1", "status": "FINISHED", "start_time": 1, "end_time": 2,
                      "artifact_uri": "a", "lifecycle_stage": "active"},
             "data": {"params": [{"key": "lr", "value": "0.1"}, {"key": "empty"}],
                      "metrics": [{"key": "loss", "value": "NaN", "timestamp": 5, "step": 1}, {"key": "acc", "value": 0.9, "timestamp": 5}]},
             "inputs": {"dataset_inputs": [{"dataset": {"name": "train", "digest": "d", "source_type": "s3", "source": "{}",
                                                         "schema": "{}", "profile": "{}"},
                                            "tags": [{"key": "mlflow.data.context", "value": "training"}]}]}}
            """#)
        #expect(run.info.lifecycleStage == "active")
        #expect(run.data.params == [KeyValue(key: "lr", value: "0.1"), KeyValue(key: "empty", value: "")])
        #expect(run.data.metrics[0].value.isNaN)
        #expect(run.data.metrics[1].step == nil)
        #expect(run.inputs.datasetInputs.first?.context == "training")
        #expect(run.data.tags.isEmpty)
    }

    @Test func latestMetricsKeepTheLargestStepThenTimestamp() {
        let data = RunData(metrics: [
            Metric(key: "acc", value: 0.5, timestamp: 10, step: 2),
            Metric(key: "acc", value: 0.9, timestamp: 5, step: 3),
            Metric(key: "acc", value: 0.7, timestamp: 20, step: 3),
            Metric(key: "a", value: 1, timestamp: 1),
        ])
        #expect(data.latestMetrics == [Metric(key: "a", value: 1, timestamp: 1), Metric(key: "acc", value: 0.7, timestamp: 20, step: 3)])
    }

    @Test func anAuditEventWithoutAVersion() throws {
        let event = try decode(
            AuditEvent.self,
            #"{"id": 7, "timestamp": 1795867382085, "actor": "bob", "action": "update_registered_model", "name": "churn", "before": {"description": ""}, "after": {"description": "x"}}"#)
        #expect(event == AuditEvent(
            id: 7, timestamp: 1_795_867_382_085, actor: "bob", action: "update_registered_model", name: "churn",
            before: ["description": ""], after: ["description": "x"]))
    }
}
