import FerryCore
import SQLKit

extension SQLTrackingStore {
    public func searchExperiments(_ query: ExperimentQuery) async throws -> Page<Experiment> {
        guard query.maxResults >= 1, query.maxResults <= Limits.maxExperimentsPerSearch else {
            throw FerryError.invalidParameter(
                "Invalid value \(query.maxResults) for parameter 'max_results' supplied. It must be at most \(Limits.maxExperimentsPerSearch), but got value \(query.maxResults)")
        }
        let clauses = try SearchFilterParser.parse(query.filter, for: .experiments)
        let orders = try OrderByParser.parse(query.orderBy, for: .experiments)
        let offset = try PageToken(parsing: query.pageToken).offset
        var conditions: [SQLQueryString] = ["lifecycle_stage IN (\(binds: query.viewType.stages.map(\.rawValue)))"]
        for clause in clauses { conditions.append(try Self.experimentCondition(clause)) }
        var orderTerms: [SQLQueryString] = orders.map { order in
            SearchSQL.orderTerm("\(unsafeRaw: Self.experimentColumn(order.key) ?? "creation_time")", ascending: order.ascending)
        }
        if orders.isEmpty { orderTerms.append("creation_time DESC") }
        orderTerms.append("experiment_id ASC")
        let condition = conditions.joined(" AND ")
        let order = orderTerms.joined(", ") + " " + SearchSQL.page(limit: query.maxResults, offset: offset)
        let maxResults = query.maxResults
        return try await read { db in
            Page(overfetched: try await Self.loadExperiments(db, where: condition, orderBy: order), limit: maxResults, offset: offset)
        }
    }

    static func experimentColumn(_ key: String) -> String? {
        switch key {
        case "name": "name"
        case "experiment_id": "experiment_id"
        case "creation_time": "creation_time"
        case "last_update_time": "last_update_time"
        default: nil
        }
    }

    static func experimentCondition(_ clause: SearchClause) throws -> SQLQueryString {
        switch clause.entity {
        case .tag:
            switch clause.op {
            case .isNull:
                return "NOT EXISTS (SELECT 1 FROM experiment_tags t WHERE t.experiment_id = experiments.experiment_id AND t.key = \(bind: clause.key))"
            case .isNotNull:
                return "EXISTS (SELECT 1 FROM experiment_tags t WHERE t.experiment_id = experiments.experiment_id AND t.key = \(bind: clause.key))"
            default:
                return "EXISTS (SELECT 1 FROM experiment_tags t WHERE t.experiment_id = experiments.experiment_id AND t.key = \(bind: clause.key) AND "
                    + (try SearchSQL.textCondition("t.value", clause.op, clause.value)) + ")"
            }
        case .attribute:
            switch clause.key {
            case "name":
                return try SearchSQL.textCondition("experiments.name", clause.op, clause.value)
            case "experiment_id":
                var value = clause.value
                if case .string(let text) = value { value = .number(Double(try Identifiers.experimentNumber(text))) }
                return try SearchSQL.numberCondition("experiments.experiment_id", clause.op, value, integer: true)
            case "creation_time", "last_update_time":
                return try SearchSQL.numberCondition("experiments.\(clause.key)", clause.op, clause.value, integer: true)
            default:
                throw FerryError.invalidParameter("Invalid attribute key '\(clause.key)' specified.")
            }
        default:
            throw FerryError.invalidParameter("Invalid entity type '\(clause.entity.rawValue)' for experiment search.")
        }
    }
}
