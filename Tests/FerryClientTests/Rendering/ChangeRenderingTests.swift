import FerryClient
import Testing

/// The result lines of `ferry models alias` and `ferry models promote`.
@Suite struct ChangeRenderingTests {
    @Test func aliasLines() {
        #expect(TerminalRendering.aliasChange(AliasChange(name: "churn", alias: "champion", previousVersion: "2", version: "3")) == "churn@champion: 2 → 3")
        #expect(TerminalRendering.aliasChange(AliasChange(name: "churn", alias: "champion", previousVersion: nil, version: "3")) == "churn@champion: (none) → 3")
        #expect(TerminalRendering.aliasChange(AliasChange(name: "churn", alias: "champion", previousVersion: "3", version: "3")) == "churn@champion: 3 (unchanged)")
        #expect(TerminalRendering.aliasChange(AliasChange(name: "churn", alias: "champion", previousVersion: "3", version: nil)) == "churn@champion: 3 → (none)")
        #expect(TerminalRendering.aliasChange(AliasChange(name: "churn", alias: "champion", previousVersion: nil, version: nil)) == "churn@champion: was not set")
    }

    @Test func promotionLinesWithArchivedVersions() {
        let promotion = Promotion(
            alias: AliasChange(name: "churn", alias: "champion", previousVersion: "2", version: "3"),
            stageChanges: [
                StageChange(name: "churn", version: "3", previousStage: "Staging", stage: "Production"),
                StageChange(name: "churn", version: "2", previousStage: "Production", stage: "Archived"),
            ],
            requestedStage: "Production")
        #expect(
            TerminalRendering.promotion(promotion) == """
                churn@champion: 2 → 3
                churn/3 stage: Staging → Production
                churn/2 stage: Production → Archived
                """)
    }

    @Test func promotionToTheStageItAlreadyHas() {
        let promotion = Promotion(
            alias: AliasChange(name: "churn", alias: "champion", previousVersion: "3", version: "3"), requestedStage: "Production")
        #expect(TerminalRendering.promotion(promotion) == "churn@champion: 3 (unchanged)\nchurn/3 stage: Production (unchanged)")
    }
}
