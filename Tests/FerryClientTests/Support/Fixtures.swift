import FerryClient

/// Fixed values for the renderer tests. 1795867260000 is 2026-11-28 12:01:00 UTC.
enum Fixtures {
    static let minute: Int64 = 60_000
    static let noon: Int64 = 1_795_867_200_000
    static let runID = "0123456789abcdef0123456789abcdef"

    static let churn = RegisteredModel(
        name: "churn", creationTimestamp: noon - 7 * 24 * 60 * minute, lastUpdatedTimestamp: noon + minute,
        description: "Predicts which customers will leave.\nTrained weekly on usage data.",
        tags: [KeyValue(key: "team", value: "growth"), KeyValue(key: "owner", value: "alice")],
        aliases: [RegisteredModelAlias(alias: "champion", version: "3"), RegisteredModelAlias(alias: "challenger", version: "4")],
        latestVersions: [ModelVersion(name: "churn", version: "3", currentStage: "Production"), ModelVersion(name: "churn", version: "4")])

    static let fraud = RegisteredModel(
        name: "fraud-detector", lastUpdatedTimestamp: noon - 24 * 60 * minute,
        description: "A gradient-boosted model that scores card transactions for fraud risk in real time",
        latestVersions: [ModelVersion(name: "fraud-detector", version: "12")])

    static let version3 = ModelVersion(
        name: "churn", version: "3", creationTimestamp: noon - 2 * 60 * minute, lastUpdatedTimestamp: noon + minute, userID: "alice",
        currentStage: "Production", description: "Weekly retrain.", source: "models:/m-7f3e", runID: runID, status: "READY",
        tags: [
            KeyValue(key: "ferry.scan", value: "unsafe"),
            KeyValue(key: "ferry.scan.findings", value: "model.pkl: os.system, model.pkl: builtins.eval"),
            KeyValue(key: "validated", value: "true"),
        ],
        aliases: ["champion"], modelID: "m-7f3e")

    static let version4 = ModelVersion(
        name: "churn", version: "4", creationTimestamp: noon, currentStage: "Staging", source: "runs:/fedcba9876543210fedcba9876543210/model",
        runID: "fedcba9876543210fedcba9876543210", tags: [KeyValue(key: "ferry.scan", value: "clean")])

    static let version2 = ModelVersion(name: "churn", version: "2", creationTimestamp: noon - 3 * 24 * 60 * minute, currentStage: "Archived", source: "s3://models/churn/2")

    static let run = Run(
        info: RunInfo(
            runID: runID, runName: "bright-fox-42", experimentID: "1", status: "FINISHED", startTime: noon - 3 * 60 * minute,
            endTime: noon - 2 * 60 * minute - 15 * 60_000, artifactURI: "mlflow-artifacts:/1/\(runID)/artifacts"),
        data: RunData(
            params: [KeyValue(key: "max_depth", value: "6"), KeyValue(key: "learning_rate", value: "0.1")],
            metrics: [
                Metric(key: "loss", value: 0.25, timestamp: noon - 150 * minute, step: 9),
                Metric(key: "accuracy", value: 0.91, timestamp: noon - 160 * minute, step: 8),
                Metric(key: "accuracy", value: 0.93, timestamp: noon - 150 * minute, step: 9),
                Metric(key: "epochs", value: 10, timestamp: noon - 150 * minute),
            ]),
        inputs: RunInputs(datasetInputs: [
            DatasetInput(
                dataset: Dataset(name: "churn-train", digest: "ad126910", sourceType: "s3", source: #"{"uri": "s3://data/churn.parquet"}"#),
                tags: [KeyValue(key: "mlflow.data.context", value: "training")]),
            DatasetInput(dataset: Dataset(name: "holdout", digest: "77e0c1d2", sourceType: "code", source: "notebook cell 4")),
        ]))
}
