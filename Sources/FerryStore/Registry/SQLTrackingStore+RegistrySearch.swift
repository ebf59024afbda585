import FerryCore
import SQLKit

extension SQLTrackingStore {
    /// Registered models matching an MLflow filter (`name`, `tags.`), ordered (default: name), paged.
    public func searchRegisteredModels(filter: String?, orderBy: [String], maxResults: Int, pageToken: String?) async throws -> Page<RegisteredModel> {
        guard maxResults >= 0, maxResults <= 1000 else {
            throw FerryError.invalidParameter(
                "Invalid value for max_results. It must be at most 1000, but got value \(maxResults)")
        }
        let clauses = try SearchFilterParser.parse(filter, for: .registeredModels)
        let orders = try OrderByParser.parse(orderBy, for: .registeredModels)
        let offset = try PageToken(parsing: pageToken).offset
        let modelTags = RegistryTagTable(table: "registered_model_tags", owner: "t.name = registered_models.name")
        var conditions: [SQLQueryString] = [Self.promptCondition(clauses, name: "registered_models.name")]
        for clause in clauses where !Self.isPromptClause(clause) {
            if clause.entity == .tag {
                conditions.append(try Self.registryTagCondition(modelTags, clause))
            } else {
                conditions.append(try SearchSQL.textCondition("registered_models.name", clause.op, clause.value))
            }
        }
        // Registry order keys are NOT NULL columns: plain terms, so the timestamp indexes serve them.
        var terms = orders.map { SearchSQL.requiredColumnOrderTerm("registered_models." + $0.key, ascending: $0.ascending) }
        terms.append("registered_models.name ASC")
        let sql: SQLQueryString = "SELECT name FROM registered_models WHERE " + conditions.joined(" AND ") + " ORDER BY "
            + terms.joined(", ") + " " + SearchSQL.page(limit: maxResults, offset: offset)
        return try await read { db in
            let names = Page(overfetched: try await db.raw(sql).all().map { try $0.string("name") }, limit: maxResults, offset: offset)
            return Page(items: try await Self.loadRegisteredModels(db, names: names.items), nextPageToken: names.nextPageToken)
        }
    }

    /// Model versions matching an MLflow filter (`name`, `run_id`, `source_path`, `version_number`, `tags.`),
    /// ordered (default, as MLflow: last update descending, then name ascending, then version descending), paged.
    public func searchModelVersions(filter: String?, orderBy: [String], maxResults: Int, pageToken: String?) async throws -> Page<ModelVersion> {
        guard maxResults >= 1, maxResults <= 200_000 else {
            throw FerryError.invalidParameter(
                "Invalid value for max_results. It must be at most 200000, but got value \(maxResults)")
        }
        let clauses = try SearchFilterParser.parse(filter, for: .modelVersions)
        let orders = try OrderByParser.parse(orderBy, for: .modelVersions)
        let offset = try PageToken(parsing: pageToken).offset
        let versionTags = RegistryTagTable(
            table: "model_version_tags", owner: "t.name = model_versions.name AND t.version = model_versions.version")
        var conditions: [SQLQueryString] = [Self.promptCondition(clauses, name: "model_versions.name")]
        for clause in clauses where !Self.isPromptClause(clause) {
            switch (clause.entity, clause.key) {
            case (.tag, _):
                conditions.append(try Self.registryTagCondition(versionTags, clause))
            case (_, "version_number"):
                conditions.append(try SearchSQL.numberCondition("model_versions.version", clause.op, clause.value, integer: true))
            case (_, "source_path"):
                conditions.append(try SearchSQL.textCondition("model_versions.source", clause.op, clause.value))
            default:
                conditions.append(try SearchSQL.textCondition("model_versions.\(clause.key)", clause.op, clause.value))
            }
        }
        let effectiveOrders = orders.isEmpty ? [OrderByClause(entity: .attribute, key: "last_updated_timestamp", ascending: false)] : orders
        var terms = effectiveOrders.map { order in
            SearchSQL.requiredColumnOrderTerm("model_versions." + (order.key == "version_number" ? "version" : order.key), ascending: order.ascending)
        }
        if !orders.contains(where: { $0.key == "name" }) { terms.append("model_versions.name ASC") }
        if !orders.contains(where: { $0.key == "version_number" }) { terms.append("model_versions.version DESC") }
        let condition = conditions.joined(" AND ") + " ORDER BY " + terms.joined(", ") + " " + SearchSQL.page(limit: maxResults, offset: offset)
        return try await read { db in
            Page(overfetched: try await Self.loadModelVersions(db, where: condition, orderedAlready: true), limit: maxResults, offset: offset)
        }
    }

    /// The tag MLflow uses to keep prompts (stored as registered models) out of model searches.
    static let promptTagKey = "mlflow.prompt.is_prompt"

    static func isPromptClause(_ clause: SearchClause) -> Bool {
        clause.entity == .tag && clause.key == promptTagKey
    }

    /// As MLflow: searches return models (not prompts) unless a prompt clause asks for prompts
    /// (`= 'true'` or `!= 'false'`); the clause itself is then not applied as a tag filter. A prompt is a
    /// registered model tagged `mlflow.prompt.is_prompt = 'true'`; `name` is the searched row's model name.
    /// The prompt list is one uncorrelated subquery, evaluated once per search.
    static func promptCondition(_ clauses: [SearchClause], name: String) -> SQLQueryString {
        let wantsPrompts = clauses.first(where: isPromptClause).map { clause in
            guard case .string(let text) = clause.value else { return false }
            let value = text.lowercased()
            return (clause.op == .equal && value == "true") || (clause.op == .notEqual && value == "false")
        } ?? false
        let prompts: SQLQueryString = "(SELECT name FROM registered_model_tags WHERE key = \(bind: promptTagKey) AND value = 'true')"
        return "\(unsafeRaw: name) \(unsafeRaw: wantsPrompts ? "IN" : "NOT IN") " + prompts
    }

    /// A tag clause in registry searches: the entry must carry the tag with a matching value (`!=` leaves
    /// out entries without the tag, as MLflow's registry does).
    static func registryTagCondition(_ tags: RegistryTagTable, _ clause: SearchClause) throws -> SQLQueryString {
        let comparison = try SearchSQL.textCondition("t.value", clause.op, clause.value)
        return "EXISTS (SELECT 1 FROM \(unsafeRaw: tags.table) t WHERE \(unsafeRaw: tags.owner) AND t.key = \(bind: clause.key) AND " + comparison + ")"
    }
}

/// A registry tag table as seen from a search: how its rows join the searched entry.
struct RegistryTagTable {
    let table: String
    /// Joins a tag row `t` to the searched row.
    let owner: String
}
