import FerryCore
import Foundation
import SQLKit

/// Which audit events to list.
public struct AuditQuery: Sendable, Equatable {
    /// Only events of this registered model (by its name at the time of each event).
    public var modelName: String?
    /// Only events of this version (with `modelName`).
    public var version: Int64?
    /// Only events at or after this time, epoch milliseconds.
    public var since: Int64?
    public var maxResults: Int
    public var pageToken: String?

    public init(modelName: String? = nil, version: Int64? = nil, since: Int64? = nil, maxResults: Int = 1000, pageToken: String? = nil) {
        self.modelName = modelName
        self.version = version
        self.since = since
        self.maxResults = maxResults
        self.pageToken = pageToken
    }
}

extension SQLTrackingStore {
    /// The registry's audit trail, oldest first.
    public func auditEvents(_ query: AuditQuery) async throws -> Page<AuditEvent> {
        guard (1...10_000).contains(query.maxResults) else {
            throw FerryError.invalidParameter("Invalid value for max_results. It must be between 1 and 10000, but got value \(query.maxResults)")
        }
        let offset = try PageToken(parsing: query.pageToken).offset
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let name = query.modelName { conditions.append("name = \(bind: name)") }
        if let version = query.version { conditions.append("version = \(bind: version)") }
        if let since = query.since { conditions.append("timestamp >= \(bind: since)") }
        let sql: SQLQueryString = "SELECT id, timestamp, actor, action, name, version, before_state, after_state FROM registry_audit WHERE "
            + conditions.joined(" AND ") + " ORDER BY id " + SearchSQL.page(limit: query.maxResults, offset: offset)
        return try await read { db in
            let events = try await db.raw(sql).all().map { row in
                AuditEvent(
                    id: try row.int64("id"), timestamp: try row.int64("timestamp"), actor: try row.string("actor"),
                    action: try Self.auditAction(try row.string("action")),
                    modelName: try row.string("name"), version: try row.optionalInt64("version"),
                    before: try Self.decodeAuditState(try row.string("before_state")),
                    after: try Self.decodeAuditState(try row.string("after_state")))
            }
            return Page(overfetched: events, limit: query.maxResults, offset: offset)
        }
    }

    /// Records one registry change, inside the transaction that makes it, for ``AuditContext/actor``.
    static func recordAudit(
        _ db: any SQLDatabase, _ action: AuditAction, name: String, version: Int64? = nil,
        before: [String: String] = [:], after: [String: String] = [:]
    ) async throws {
        try await db.raw(
            """
            INSERT INTO registry_audit (timestamp, actor, action, name, version, before_state, after_state)
            VALUES (\(bind: Timestamps.nowMillis()), \(bind: AuditContext.actor), \(bind: action.rawValue), \(bind: name),
                \(bind: version), \(bind: try encodeAuditState(before)), \(bind: try encodeAuditState(after)))
            """
        ).run()
    }

    /// A stored action name; only Ferry writes them, so an unknown one is a damaged row, not a guess.
    private static func auditAction(_ name: String) throws -> AuditAction {
        guard let action = AuditAction(rawValue: name) else {
            throw FerryError.internalError("The audit trail holds an unknown action '\(name)'")
        }
        return action
    }

    /// The audited fields of a model version.
    static func auditState(of version: ModelVersion) -> [String: String] {
        var state = ["source": version.source, "current_stage": version.currentStage.rawValue, "status": version.status.rawValue]
        state["run_id"] = version.runID
        state["model_id"] = version.modelID
        state["description"] = version.description
        for tag in version.tags { state["tag." + tag.key] = tag.value }
        return state
    }

    /// The value of one tag in a `(owner columns..., key, value)` table, if set.
    static func tagValue(_ db: any SQLDatabase, table: String, owner: SQLQueryString, key: String) async throws -> String? {
        try await db.raw("SELECT value FROM \(unsafeRaw: table) WHERE " + owner + " AND key = \(bind: key)").first()?.string("value")
    }

    private static func encodeAuditState(_ state: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(state), as: UTF8.self)
    }

    private static func decodeAuditState(_ text: String) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }
}
