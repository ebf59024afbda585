import FerryCore
import FerryStore
import HTTPTypes

/// Ferry's registry audit trail over HTTP: `GET /api/2.0/ferry/registry/audit-events`.
///
/// Query fields: `name` (a registered model), `version`, `since` (epoch milliseconds), `max_results`
/// (default 1000, at most 10000) and `page_token`. Events come oldest first.
enum AuditHandlers {
    static func routes(registry: any RegistryStore) -> [APIRoute] {
        let list: JSONHandler = { request in
            let fields = request.fields
            let version = try fields.string("version").map(RegistryValidation.version)
            let page = try await registry.auditEvents(
                AuditQuery(
                    modelName: try fields.string("name"), version: version, since: try fields.int64("since"),
                    maxResults: Int(clamping: try fields.int64("max_results") ?? 1000), pageToken: try fields.string("page_token")))
            var body: [(String, JSONOutput)] = [("events", .array(page.items.map(event)))]
            if let token = page.nextPageToken { body.append(("next_page_token", .string(token))) }
            return .object(body)
        }
        return [
            APIRoute(.get, "2.0/ferry/registry/audit-events", list),
            APIRoute(.post, "2.0/ferry/registry/audit-events", list),
        ]
    }

    static func event(_ event: AuditEvent) -> JSONOutput {
        .fields([
            ("id", .int(event.id)),
            ("timestamp", .int(event.timestamp)),
            ("actor", .string(event.actor)),
            ("action", .string(event.action.rawValue)),
            ("name", .string(event.modelName)),
            ("version", event.version.map { .string(String($0)) }),
            ("before", state(event.before)),
            ("after", state(event.after)),
        ])
    }

    private static func state(_ fields: [String: String]) -> JSONOutput {
        .object(fields.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }
}
