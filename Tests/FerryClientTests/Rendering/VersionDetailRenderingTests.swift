import FerryClient
import Testing

/// `ferry models show NAME/VERSION` and `NAME@ALIAS`, lineage included.
@Suite struct VersionDetailRenderingTests {
    @Test func theVersionItsScanAndItsLineage() {
        let detail = ModelVersionDetail(
            modelVersion: Fixtures.version3, run: Fixtures.run, downloadURI: "mlflow-artifacts:/1/models/m-7f3e/artifacts")
        #expect(
            TerminalRendering.versionDetail(detail) == """
                Version       churn/3
                Aliases       champion
                Stage         Production
                Status        READY
                Description   Weekly retrain.
                Created       2026-11-28 10:00 UTC by alice
                Updated       2026-11-28 12:01 UTC
                Source        models:/m-7f3e
                Download URI  mlflow-artifacts:/1/models/m-7f3e/artifacts
                Model ID      m-7f3e
                Tags          validated=true
                Scan          unsafe
                Findings      model.pkl: os.system
                              model.pkl: builtins.eval

                Lineage
                  Run         0123456789abcdef0123456789abcdef (bright-fox-42)
                  Experiment  1
                  Status      FINISHED
                  Started     2026-11-28 09:00 UTC
                  Ended       2026-11-28 09:45 UTC
                  Artifacts   mlflow-artifacts:/1/0123456789abcdef0123456789abcdef/artifacts

                  Parameters
                    KEY            VALUE
                    learning_rate  0.1
                    max_depth      6

                  Metrics (latest value of each)
                    KEY       VALUE  STEP  LOGGED (UTC)
                    accuracy  0.93   9     2026-11-28 09:30
                    epochs    10     0     2026-11-28 09:30
                    loss      0.25   9     2026-11-28 09:30

                  Input datasets
                    NAME         DIGEST    SOURCE TYPE  SOURCE                   CONTEXT
                    churn-train  ad126910  s3           s3://data/churn.parquet  training
                    holdout      77e0c1d2  code         notebook cell 4          -
                """)
    }

    @Test func aVersionWithoutARunOrScan() {
        #expect(
            TerminalRendering.versionDetail(ModelVersionDetail(modelVersion: Fixtures.version2)) == """
                Version       churn/2
                Aliases       -
                Stage         Archived
                Created       2026-11-25 12:00 UTC
                Source        s3://models/churn/2
                Download URI  (unavailable)
                Scan          not scanned

                Lineage
                  No run is recorded for this version.
                """)
    }

    @Test func aRunThatCouldNotBeReadAndOneWithNothingLogged() {
        let unreadable = TerminalRendering.versionDetail(ModelVersionDetail(modelVersion: ModelVersion(name: "m", version: "1", runID: "abc")))
        #expect(unreadable.hasSuffix("Lineage\n  Run  abc (could not be read)"))
        let bare = ModelVersionDetail(modelVersion: ModelVersion(name: "m", version: "1", runID: "abc"), run: Run(info: RunInfo(runID: "abc")))
        #expect(
            TerminalRendering.versionDetail(bare).hasSuffix("""
                Lineage
                  Run  abc

                  Parameters: none

                  Metrics: none

                  Input datasets: none
                """))
    }

    @Test func metricValuesAreShortButNotRounded() {
        let run = Run(info: RunInfo(runID: "r"), data: RunData(metrics: [
            Metric(key: "a", value: 0.1 + 0.2), Metric(key: "b", value: .nan), Metric(key: "c", value: -.infinity),
            Metric(key: "d", value: 1e20), Metric(key: "e", value: 123_456.789_012),
        ]))
        let text = TerminalRendering.versionDetail(ModelVersionDetail(modelVersion: ModelVersion(name: "m", version: "1", runID: "r"), run: run))
        let values = text.split(separator: "\n").drop { !$0.contains("Metrics") }.dropFirst(2).prefix(5)
            .map { $0.split(separator: " ", omittingEmptySubsequences: true)[1] }
        #expect(values == ["0.3", "NaN", "-Infinity", "1e+20", "123456.789"])
    }
}
