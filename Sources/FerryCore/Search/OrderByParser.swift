import Foundation

/// Parses MLflow `order_by` entries into ``OrderByClause`` values.
///
/// Runs and experiments send strings such as `"metrics.loss DESC"` or `` "tags.`a b`" ``; logged models send
/// structured `{field_name, ascending}` objects, for which ``parse(field:ascending:for:)`` is the entry point.
/// Every invalid entry throws ``FerryError/invalidParameter(_:)`` with MLflow's message.
public enum OrderByParser {
    /// Parses `"<ident> [ASC|DESC]"` entries (keywords case-insensitive) for one target.
    ///
    /// - Parameters:
    ///   - orderBy: The entries, most significant first.
    ///   - target: What is searched; it decides the keys that can be ordered by.
    /// - Returns: One clause per entry, in order. Ascending unless `DESC` is given.
    /// - Throws: ``FerryError`` with code `INVALID_PARAMETER_VALUE` for an unparsable entry, an unknown key,
    ///   or (runs) the same key twice.
    public static func parse(_ orderBy: [String], for target: SearchTarget) throws -> [OrderByClause] {
        let rules = target.orderByRules
        var seen: Set<String> = []
        var clauses: [OrderByClause] = []
        for entry in orderBy {
            let (name, written, ascending) = try split(entry)
            let (prefix, key) = SearchKey.split(name)
            let clause = try resolve(prefix: prefix, key: key, field: written, ascending: ascending, rules: rules)
            if rules.rejectsDuplicates, !seen.insert("\(clause.entity.rawValue).\(clause.key)").inserted {
                throw FerryError.invalidParameter("`order_by` contains duplicate fields: \(PythonText.list(orderBy))")
            }
            clauses.append(clause)
        }
        return clauses
    }

    /// Parses one structured field name, such as logged models' `order_by[].field_name`.
    ///
    /// The name is not SQL: `metrics.my metric` names the metric `my metric`. Matching quotes or backticks
    /// around the key are removed.
    /// - Parameters:
    ///   - field: `<attribute>` or `<prefix>.<key>`.
    ///   - ascending: The requested direction.
    ///   - target: What is searched.
    /// - Throws: ``FerryError`` with code `INVALID_PARAMETER_VALUE` for an unknown field.
    public static func parse(field: String, ascending: Bool, for target: SearchTarget) throws -> OrderByClause {
        let trimmed = field.trimmingCharacters(in: .whitespaces)
        guard let dot = trimmed.firstIndex(of: ".") else {
            return try resolve(prefix: nil, key: trimmed, field: field, ascending: ascending, rules: target.orderByRules)
        }
        let prefix = String(trimmed[..<dot])
        var key = String(trimmed[trimmed.index(after: dot)...])
        if key.count >= 2, let first = key.first, "`\"'".contains(first), key.last == first {
            key = String(key.dropFirst().dropLast())
        }
        return try resolve(prefix: prefix, key: key, field: field, ascending: ascending, rules: target.orderByRules)
    }

    /// Splits an entry into its name token, the name's source text and the direction.
    private static func split(_ entry: String) throws -> (name: [SearchNamePart], written: String, ascending: Bool) {
        let unparsable = FerryError.invalidParameter("Invalid order_by clause '\(entry)'. Could not be parsed.")
        var lexer = SearchTokenizer(entry)
        guard let tokens = try? lexer.tokenize(), (1...2).contains(tokens.count),
            case .name(let name) = tokens[0].kind, name[0].quote != "'"
        else { throw unparsable }
        let written = lexer.text(tokens[0].range)
        guard tokens.count == 2 else { return (name, written, true) }
        guard case .name = tokens[1].kind else { throw unparsable }
        switch tokens[1].keyword {
        case "ASC": return (name, written, true)
        case "DESC": return (name, written, false)
        default: throw FerryError.invalidParameter("Invalid ordering key in order_by clause '\(entry)'.")
        }
    }

    private static func resolve(
        prefix: String?, key: String, field: String, ascending: Bool, rules: OrderByRules
    ) throws -> OrderByClause {
        var entity = SearchEntity.attribute
        if let prefix {
            guard let named = rules.prefixes[prefix] else {
                throw FerryError.invalidParameter(rules.invalidPrefixMessage(prefix, field))
            }
            entity = named
        }
        guard entity == .attribute else {
            guard rules.entities.contains(entity) else {
                throw FerryError.invalidParameter(rules.invalidEntityMessage(entity, field))
            }
            return OrderByClause(entity: entity, key: key, ascending: ascending)
        }
        guard let canonical = rules.attributes[key] else {
            throw FerryError.invalidParameter(rules.invalidAttributeMessage(key, field))
        }
        return OrderByClause(entity: .attribute, key: canonical, ascending: ascending)
    }
}
