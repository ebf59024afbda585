import FerryCore
import SQLKit

extension SQLTrackingStore {
    public func searchRuns(_ query: RunQuery) async throws -> Page<Run> {
        guard query.maxResults > 0, query.maxResults <= Limits.maxRunsPerSearch else {
            throw FerryError.invalidParameter(
                "Invalid value \(query.maxResults) for parameter 'max_results' supplied. It must be at most \(Limits.maxRunsPerSearch), but got value \(query.maxResults)")
        }
        let clauses = try SearchFilterParser.parse(query.filter, for: .runs)
        let orders = try OrderByParser.parse(query.orderBy, for: .runs)
        let offset = try PageToken(parsing: query.pageToken).offset
        let experimentNumbers = try query.experimentIDs.map(Identifiers.experimentNumber)
        guard !experimentNumbers.isEmpty else { return Page(items: [], nextPageToken: nil) }

        var conditions: [SQLQueryString] = [
            "runs.experiment_id IN (\(binds: experimentNumbers))",
            "runs.lifecycle_stage IN (\(binds: query.viewType.stages.map(\.rawValue)))",
        ]
        for clause in clauses { conditions.append(try RunSearchSQL.condition(for: clause)) }
        var orderTerms = orders.map(RunSearchSQL.orderTerm)
        if !orders.contains(where: { $0.entity == .attribute && $0.key == "start_time" }) {
            orderTerms.append("runs.start_time DESC")
        }
        orderTerms.append("runs.run_uuid ASC")
        let sql: SQLQueryString =
            "SELECT \(unsafeRaw: Self.qualifiedRunColumns) FROM runs WHERE "
            + conditions.joined(" AND ") + " ORDER BY " + orderTerms.joined(", ") + " " + SearchSQL.page(limit: query.maxResults, offset: offset)
        let maxResults = query.maxResults
        return try await read { db in
            let infos = Page(overfetched: try await db.raw(sql).all().map(Self.runInfo(from:)), limit: maxResults, offset: offset)
            return Page(items: try await Self.loadRunData(db, infos: infos.items), nextPageToken: infos.nextPageToken)
        }
    }
}

/// SQL for run search clauses and orderings.
enum RunSearchSQL {
    static func attributeColumn(_ key: String) -> (column: String, numeric: Bool)? {
        switch key {
        case "run_id": ("runs.run_uuid", false)
        case "run_name": ("runs.name", false)
        case "status": ("runs.status", false)
        case "user_id": ("runs.user_id", false)
        case "artifact_uri": ("runs.artifact_uri", false)
        case "start_time": ("runs.start_time", true)
        case "end_time": ("runs.end_time", true)
        case "lifecycle_stage": ("runs.lifecycle_stage", false)
        default: nil
        }
    }

    static func condition(for clause: SearchClause) throws -> SQLQueryString {
        switch clause.entity {
        case .attribute:
            guard let (column, numeric) = attributeColumn(clause.key) else {
                throw FerryError.invalidParameter("Invalid attribute key '\(clause.key)' specified.")
            }
            return numeric
                ? try SearchSQL.numberCondition(column, clause.op, clause.value, integer: true)
                : try SearchSQL.textCondition(column, clause.op, clause.value)
        case .metric:
            let comparison = try SearchSQL.numberCondition("m.value", clause.op, clause.value, integer: false)
            return "EXISTS (SELECT 1 FROM latest_metrics m WHERE m.run_uuid = runs.run_uuid AND m.key = \(bind: clause.key) AND m.is_nan = 0 AND "
                + comparison + ")"
        case .param, .tag:
            let table = clause.entity == .param ? "params" : "tags"
            switch clause.op {
            case .isNull:
                return "NOT EXISTS (SELECT 1 FROM \(unsafeRaw: table) p WHERE p.run_uuid = runs.run_uuid AND p.key = \(bind: clause.key))"
            case .isNotNull:
                return "EXISTS (SELECT 1 FROM \(unsafeRaw: table) p WHERE p.run_uuid = runs.run_uuid AND p.key = \(bind: clause.key))"
            default:
                let comparison = try SearchSQL.textCondition("p.value", clause.op, clause.value)
                return "EXISTS (SELECT 1 FROM \(unsafeRaw: table) p WHERE p.run_uuid = runs.run_uuid AND p.key = \(bind: clause.key) AND "
                    + comparison + ")"
            }
        case .dataset:
            if clause.key == "context" {
                let comparison = try SearchSQL.textCondition("t.value", clause.op, clause.value)
                return "EXISTS (SELECT 1 FROM run_dataset_input_tags t WHERE t.run_uuid = runs.run_uuid AND t.key = \(bind: DatasetInput.contextTag) AND "
                    + comparison + ")"
            }
            guard clause.key == "name" || clause.key == "digest" else {
                throw FerryError.invalidParameter("Invalid dataset key '\(clause.key)' specified.")
            }
            let comparison = try SearchSQL.textCondition("d.\(clause.key)", clause.op, clause.value)
            return "EXISTS (SELECT 1 FROM run_dataset_inputs i JOIN datasets d ON d.dataset_uuid = i.dataset_uuid WHERE i.run_uuid = runs.run_uuid AND "
                + comparison + ")"
        }
    }

    static func orderTerm(_ order: OrderByClause) -> SQLQueryString {
        let expression: SQLQueryString
        switch order.entity {
        case .attribute:
            expression = "\(unsafeRaw: attributeColumn(order.key)?.column ?? "runs.start_time")"
        case .metric:
            expression = "SELECT CASE WHEN lm.is_nan = 1 THEN NULL ELSE lm.value END FROM latest_metrics lm WHERE lm.run_uuid = runs.run_uuid AND lm.key = \(bind: order.key)"
        case .param:
            expression = "SELECT op.value FROM params op WHERE op.run_uuid = runs.run_uuid AND op.key = \(bind: order.key)"
        case .tag:
            expression = "SELECT ot.value FROM tags ot WHERE ot.run_uuid = runs.run_uuid AND ot.key = \(bind: order.key)"
        case .dataset:
            expression = "SELECT MIN(d.\(unsafeRaw: order.key == "digest" ? "digest" : "name")) FROM run_dataset_inputs i JOIN datasets d ON d.dataset_uuid = i.dataset_uuid WHERE i.run_uuid = runs.run_uuid"
        }
        return SearchSQL.orderTerm(expression, ascending: order.ascending)
    }
}
