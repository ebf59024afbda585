import ArgumentParser
import FerryClient

/// `ferry audit`: the registry's audit trail, from a Ferry tracking server.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List registry changes: who changed what, when, and the values before and after.",
        discussion: """
            Every change to the model registry (models, versions, tags, aliases, stages) is recorded by the \
            Ferry server in the same transaction as the change. Events are listed oldest first; times are UTC. \
            CHANGE shows each field as "field: before → after", where ∅ marks a field that did not exist.

            --since takes a date (2026-11-28, midnight UTC), a date and time (2026-11-28 12:00, UTC unless a \
            zone follows, or ISO-8601 such as 2026-11-28T12:00:00+01:00), or epoch milliseconds.

            Examples:
              ferry audit
              ferry audit --model churn --since 2026-11-01
              ferry audit --model churn --version 3 --json
              ferry audit --since 2026-11-28T09:00:00Z --limit 50
            """
    )

    @Option(help: ArgumentHelp("Only changes to this registered model.", valueName: "name"))
    var model: String?

    @Option(help: ArgumentHelp("Only changes to this version of --model.", valueName: "n"))
    var version: String?

    @Option(help: ArgumentHelp("Only changes at or after this time: YYYY-MM-DD, ISO-8601, or epoch milliseconds.", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Show at most this many events (the oldest first). Default: all.", valueName: "n"))
    var limit: Int?

    @OptionGroup var options: ClientOptions

    func validate() throws {
        if let version {
            if model == nil { throw ValidationError("--version needs --model.") }
            if !isVersionNumber(version) { throw ValidationError.badVersion(version) }
        }
        if let since, UTCTime.epochMilliseconds(parsing: since) == nil {
            throw ValidationError("--since '\(since)' is not a date (2026-11-28), an ISO-8601 time (2026-11-28T12:00:00Z) or epoch milliseconds.")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
    }

    func run() async throws {
        let sinceMilliseconds = since.flatMap(UTCTime.epochMilliseconds(parsing:))
        try await options.withClient { client in
            let events: [AuditEvent]
            do {
                events = try await client.allAuditEvents(name: model, version: version, since: sinceMilliseconds, limit: limit)
            } catch let error as FerryClientError where error.httpStatus == 404 && error.errorCode == nil {
                throw CommandFailure(description: "This server has no audit trail (HTTP 404 for /api/2.0/ferry/registry/audit-events); it is only on Ferry servers.")
            }
            try options.print(AuditEventList(events: events)) { TerminalRendering.auditTrail(events) }
        }
    }
}

/// `ferry audit --json`: `{"events": [...]}`, as the server answers.
private struct AuditEventList: Encodable {
    var events: [AuditEvent]
}
