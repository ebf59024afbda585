import FerryClient
import Testing

/// `ferry models show NAME`.
@Suite struct ModelOverviewRenderingTests {
    @Test func theModelThenItsVersionsNewestFirst() {
        let overview = ModelOverview(registeredModel: Fixtures.churn, modelVersions: [Fixtures.version2, Fixtures.version3, Fixtures.version4])
        #expect(
            TerminalRendering.modelOverview(overview) == """
                Model        churn
                Description  Predicts which customers will leave.
                             Trained weekly on usage data.
                Aliases      challenger→4, champion→3
                Tags         owner=alice
                             team=growth
                Created      2026-11-21 12:00 UTC
                Updated      2026-11-28 12:01 UTC

                VERSION  STAGE       ALIASES     SCAN    RUN       CREATED (UTC)     SOURCE
                4        Staging     challenger  clean   fedcba98  2026-11-28 12:00  runs:/fedcba9876543210fedcba9876543210/model
                3        Production  champion    unsafe  01234567  2026-11-28 10:00  models:/m-7f3e
                2        Archived    -           -       -         2026-11-25 12:00  s3://models/churn/2
                """)
    }

    @Test func aModelWithoutVersions() {
        let overview = ModelOverview(registeredModel: RegisteredModel(name: "new", creationTimestamp: Fixtures.noon), modelVersions: [])
        #expect(
            TerminalRendering.modelOverview(overview) == """
                Model    new
                Aliases  -
                Created  2026-11-28 12:00 UTC

                No versions.
                """)
    }
}
