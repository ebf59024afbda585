import FerryClient
import Testing

/// `ferry audit`.
@Suite struct AuditRenderingTests {
    @Test func oneRowPerEventWithItsChanges() {
        let events = [
            AuditEvent(
                id: 1, timestamp: Fixtures.noon, actor: "alice", action: "create_model_version", name: "churn", version: "3",
                after: ["source": "models:/m-7f3e", "current_stage": "None"]),
            AuditEvent(
                id: 2, timestamp: Fixtures.noon + 60_000, actor: "bob", action: "set_alias", name: "churn", version: "3",
                before: ["alias.champion": "2"], after: ["alias.champion": "3"]),
            AuditEvent(
                id: 3, timestamp: 1_795_867_382_085, actor: "alice", action: "transition_stage", name: "churn", version: "2",
                before: ["current_stage": "None"], after: ["current_stage": "Production"]),
            AuditEvent(
                id: 4, timestamp: Fixtures.noon + 300_000, actor: "ci", action: "update_registered_model", name: "churn",
                before: ["description": "Old text\nsecond line"], after: ["description": ""]),
            AuditEvent(
                id: 5, timestamp: Fixtures.noon + 360_000, actor: "", action: "delete_model_version_tag", name: "fraud-detector",
                version: "12", before: ["tag.team": "risk"]),
        ]
        #expect(
            TerminalRendering.auditTrail(events) == """
                TIME (UTC)        ACTOR  ACTION                    MODEL           VERSION  CHANGE
                2026-11-28 12:00  alice  create_model_version      churn           3        current_stage: ∅ → None; source: ∅ → models:/m-7f3e
                2026-11-28 12:01  bob    set_alias                 churn           3        alias.champion: 2 → 3
                2026-11-28 12:03  alice  transition_stage          churn           2        current_stage: None → Production
                2026-11-28 12:05  ci     update_registered_model   churn           -        description: Old text second line → ""
                2026-11-28 12:06  -      delete_model_version_tag  fraud-detector  12       tag.team: risk → ∅
                """)
    }

    @Test func longValuesAreCutAndUnchangedFieldsLeftOut() {
        let long = String(repeating: "x", count: 60)
        let event = AuditEvent(
            id: 1, timestamp: 0, actor: "a", action: "update_model_version", name: "m", version: "1",
            before: ["description": long, "archived_by_version": "3"], after: ["description": "short", "archived_by_version": "3"])
        let change = TerminalRendering.auditTrail([event]).split(separator: "\n")[1].split(separator: "  ").last
        #expect(change == "description: \(String(repeating: "x", count: 39))… → short")
    }

    @Test func noEvents() {
        #expect(TerminalRendering.auditTrail([]) == "No audit events.")
    }
}
