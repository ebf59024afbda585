import FerryClient
import Testing

/// `ferry models list`.
@Suite struct ModelListRenderingTests {
    @Test func aTableSizedToItsContent() {
        let text = TerminalRendering.modelList([Fixtures.churn, Fixtures.fraud, RegisteredModel(name: "empty")])
        #expect(
            text == """
                NAME            LATEST VERSION  ALIASES                   UPDATED (UTC)     DESCRIPTION
                churn           4               challenger→4, champion→3  2026-11-28 12:01  Predicts which customers will leave.
                fraud-detector  12              -                         2026-11-27 12:00  A gradient-boosted model that scores card trans…
                empty           -               -                         -                 -
                """)
    }

    @Test func noModels() {
        #expect(TerminalRendering.modelList([]) == "No registered models.")
    }
}
