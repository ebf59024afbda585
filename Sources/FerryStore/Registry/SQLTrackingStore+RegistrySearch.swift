import FerryCore
import SQLKit

extension SQLTrackingStore {
    /// Registered models matching an MLflow filter (`name`, `tags.`), ordered (default: name), paged.
    public func searchRegisteredModels(filter: String?, orderBy: [String], maxResults: Int, pageToken: String?) async throws -> Page<RegisteredModel> {
        guard maxResults >= 1, maxResults <= 1000 else {
            throw FerryError.invalidParameter(
                "Invalid value for max_results. It must be at most 1000, but got value \(maxResults)")
        }
        let clauses = try SearchFilterParser.parse(filter, for: .registeredModels)
        let orders = try OrderByParser.parse(orderBy, for: .registeredModels)
        let offset = try PageToken(parsing: pageToken).offset
        var conditions: [SQLQueryString] = ["1 = 1"]
        for clause in clauses {
            if clause.entity == .tag {
                conditions.append(try Self.registryTagCondition("registered_model_tags", owner: "t.name = registered_models.name", clause))
            } else {
                conditions.append(try SearchSQL.textCondition("registered_models.name", clause.op, clause.value))
            }
        }
        var terms = orders.map { SearchSQL.orderTerm("\(unsafeRaw: "registered_models." + $0.key)", ascending: $0.ascending) }
        terms.append("registered_models.name ASC")
        let sql: SQLQueryString = "SELECT name FROM registered_models WHERE " + conditions.joined(" AND ") + " ORDER BY "
            + terms.joined(", ") + " " + SearchSQL.page(limit: maxResults, offset: offset)
        return try await read { db in
            let names = Page(overfetched: try await db.raw(sql).all().map { try $0.string("name") }, limit: maxResults, offset: offset)
            var models: [RegisteredModel] = []
            for name in names.items { models.append(try await Self.loadRegisteredModel(db, name)) }
            return Page(items: models, nextPageToken: names.nextPageToken)
        }
    }

    /// Model versions matching an MLflow filter (`name`, `run_id`, `source_path`, `version_number`, `tags.`),
    /// ordered (default: name ascending, then version descending), paged.
    public func searchModelVersions(filter: String?, orderBy: [String], maxResults: Int, pageToken: String?) async throws -> Page<ModelVersion> {
        guard maxResults >= 1, maxResults <= 200_000 else {
            throw FerryError.invalidParameter(
                "Invalid value for max_results. It must be at most 200000, but got value \(maxResults)")
        }
        let clauses = try SearchFilterParser.parse(filter, for: .modelVersions)
        let orders = try OrderByParser.parse(orderBy, for: .modelVersions)
        let offset = try PageToken(parsing: pageToken).offset
        var conditions: [SQLQueryString] = ["1 = 1"]
        for clause in clauses {
            switch (clause.entity, clause.key) {
            case (.tag, _):
                conditions.append(try Self.registryTagCondition(
                    "model_version_tags", owner: "t.name = model_versions.name AND t.version = model_versions.version", clause))
            case (_, "version_number"):
                conditions.append(try SearchSQL.numberCondition("model_versions.version", clause.op, clause.value, integer: true))
            case (_, "source_path"):
                conditions.append(try SearchSQL.textCondition("model_versions.source", clause.op, clause.value))
            default:
                conditions.append(try SearchSQL.textCondition("model_versions.\(clause.key)", clause.op, clause.value))
            }
        }
        var terms = orders.map { order in
            SearchSQL.orderTerm("\(unsafeRaw: "model_versions." + (order.key == "version_number" ? "version" : order.key))", ascending: order.ascending)
        }
        terms.append("model_versions.name ASC")
        terms.append("model_versions.version DESC")
        let condition = conditions.joined(" AND ") + " ORDER BY " + terms.joined(", ") + " " + SearchSQL.page(limit: maxResults, offset: offset)
        return try await read { db in
            Page(overfetched: try await Self.loadModelVersions(db, where: condition, orderedAlready: true), limit: maxResults, offset: offset)
        }
    }

    /// A tag clause in registry searches. As in MLflow's registry, `!=` also matches entries without the tag
    /// (the client adds ``tag.`mlflow.prompt.is_prompt` != 'true'`` to every model search).
    static func registryTagCondition(_ table: String, owner: String, _ clause: SearchClause) throws -> SQLQueryString {
        let comparison = try SearchSQL.textCondition("t.value", clause.op, clause.value)
        let match: SQLQueryString = "EXISTS (SELECT 1 FROM \(unsafeRaw: table) t WHERE \(unsafeRaw: owner) AND t.key = \(bind: clause.key) AND " + comparison + ")"
        guard clause.op == .notEqual else { return match }
        return "(" + match + " OR NOT EXISTS (SELECT 1 FROM \(unsafeRaw: table) t WHERE \(unsafeRaw: owner) AND t.key = \(bind: clause.key)))"
    }
}
