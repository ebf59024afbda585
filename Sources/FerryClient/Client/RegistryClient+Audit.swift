import Foundation

extension RegistryClient {
    /// One page of Ferry's registry audit trail, oldest first: `GET /api/2.0/ferry/registry/audit-events`.
    ///
    /// - Parameters:
    ///   - name: Only events for this registered model.
    ///   - version: Only events for this version (with `name`).
    ///   - since: Only events at or after this time, in epoch milliseconds.
    ///   - maxResults: The page size (the server allows 1 to 10000, default 1000).
    ///   - pageToken: The token of the page to fetch; nil for the first.
    public func auditEvents(
        name: String? = nil, version: String? = nil, since: Int64? = nil, maxResults: Int? = nil, pageToken: String? = nil
    ) async throws -> Page<AuditEvent> {
        let query: [(String, String?)] = [
            ("name", name), ("version", version), ("since", since.map(String.init)), ("max_results", maxResults.map(String.init)),
            ("page_token", pageToken),
        ]
        let request = TransportRequest(
            method: "GET", path: "/api/2.0/ferry/registry/audit-events",
            query: query.compactMap { key, value in value.map { URLQueryItem(name: key, value: $0) } })
        let answer = try await call(request, as: AuditEventsAnswer.self)
        return Page(items: answer.events, nextPageToken: answer.nextPageToken)
    }

    /// The audit events that match, oldest first, following page tokens and stopping after `limit` events.
    public func allAuditEvents(
        name: String? = nil, version: String? = nil, since: Int64? = nil, pageSize: Int? = nil, limit: Int? = nil
    ) async throws -> [AuditEvent] {
        try await Self.collectPages(limit: limit) { token, remaining in
            try await auditEvents(
                name: name, version: version, since: since, maxResults: Self.pageSize(pageSize, remaining, serverMaximum: 10_000), pageToken: token)
        }
    }
}

private struct AuditEventsAnswer: Decodable {
    var events: [AuditEvent]
    var nextPageToken: String?

    enum CodingKeys: String, CodingKey {
        case events
        case nextPageToken = "next_page_token"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        events = try container.list(AuditEvent.self, forKey: .events)
        nextPageToken = try container.decodeIfPresent(String.self, forKey: .nextPageToken)
    }
}
