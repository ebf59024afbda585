import Foundation

/// Parses MLflow search filters (`metrics.loss < 0.5 AND tags.team = 'ml'`) into ``SearchClause`` values.
///
/// Behaviour follows MLflow 3.17.2 as its server applies it (the parser plus the SQL store's checks), with
/// MLflow's error messages. Every invalid filter throws ``FerryError/invalidParameter(_:)``.
public enum SearchFilterParser {
    /// Parses a filter for one target.
    ///
    /// - Parameters:
    ///   - filter: The filter string; nil, empty or blank means "no filter".
    ///   - target: What is searched; it decides the allowed keys, operators and values.
    /// - Returns: The clauses, in filter order; a row matches when it matches all of them.
    /// - Throws: ``FerryError`` with code `INVALID_PARAMETER_VALUE` when the filter is invalid.
    public static func parse(_ filter: String?, for target: SearchTarget) throws -> [SearchClause] {
        guard let filter, !filter.allSatisfy(\.isWhitespace) else { return [] }
        let rules = target.filterRules
        let comparisons: [RawComparison]
        do {
            var grammar = try SearchFilterGrammar(filter)
            comparisons = try grammar.comparisons()
        } catch {
            throw FerryError.invalidParameter(message(for: error, filter: filter, rules: rules))
        }
        return try comparisons.map { try resolve($0, rules: rules) }
    }

    private static func message(for issue: FilterSyntaxIssue, filter: String, rules: SearchFilterRules) -> String {
        switch issue {
        case .invalidClause(let fragments):
            "Invalid clause(s) in filter string: "
                + (rules.quotesInvalidClauses ? fragments.map { "'\($0)'" } : fragments).joined(separator: ", ")
        case .expectedIdentifier(let fragment):
            "Invalid comparison clause. Expected 'Identifier' found '\(fragment)'"
        case .multipleStatements:
            "Search filter contained multiple expression \(PythonText.repr(filter)). Provide AND-ed expression list."
        case .illFormedList:
            "While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list."
        case .emptyList:
            "While parsing a list in the query, expected a non-empty list of string values, but got empty list"
        }
    }

    /// Applies the target's rules to one comparison, in MLflow's order: key, null check, value shape, operator,
    /// then value content.
    private static func resolve(_ comparison: RawComparison, rules: SearchFilterRules) throws -> SearchClause {
        let key = try SearchKey(comparison.name, rules: rules)
        let rule = key.rule
        if comparison.op == "IS NULL" || comparison.op == "IS NOT NULL" {
            if !rules.nullCheckEntities.contains(key.entity), let nullCheckMessage = rules.nullCheckMessage {
                throw FerryError.invalidParameter(nullCheckMessage(key.entity, key.written))
            }
        }
        let value = try shapedValue(comparison, key: key, rules: rules)
        guard let op = ComparisonOperator(rawValue: comparison.op), rule.operators.contains(op) else {
            throw FerryError.invalidParameter(rule.invalidOperatorMessage(comparison.op))
        }
        if case .list = value, op != .in, op != .notIn {
            throw FerryError.invalidParameter(
                "Invalid comparator '\(op.rawValue)' for a list of values. Use 'IN' or 'NOT IN' with a list."
            )
        }
        return SearchClause(entity: key.entity, key: key.canonical, op: op, value: try checkedContent(value, comparison, key))
    }

    /// Checks that the value has the form the key takes (number, quoted string, list).
    private static func shapedValue(_ comparison: RawComparison, key: SearchKey, rules: SearchFilterRules) throws -> SearchValue {
        let written = comparison.valueText
        switch (key.rule.value, comparison.value) {
        case (_, .none):
            return .none
        case (.number, .number(let number)), (.integer, .number(let number)):
            return .number(number)
        case (.number, _), (.integer, _):
            throw FerryError.invalidParameter(
                key.entity == .attribute
                    ? "Expected numeric value type for numeric attribute: \(key.written). Found \(written)"
                    : "Expected numeric value type for \(key.entity.mlflowName). Found \(written)"
            )
        case (_, .string(let text)):
            return .string(text)
        case (_, .unquoted(let text)):
            throw FerryError.invalidParameter(
                "Parameter value is either not quoted or unidentified quote types used for string value \(text). "
                    + "Use either single or double quotes."
            )
        case (.stringOrNumberText, .number):
            return .string(written)
        case (_, .list(let items)) where key.rule.takesList:
            let strings = items.compactMap { item -> String? in
                if case .string(let text) = item { text } else { nil }
            }
            guard strings.count == items.count else {
                let literals = items.map { item in
                    switch item {
                    case .string(let text): PythonText.repr(text)
                    case .number(let text): text
                    }
                }
                throw FerryError.invalidParameter(
                    "While parsing a list in the query, expected string value, punctuation, or whitespace, "
                        + "but got different type in list: \(PythonText.tuple(literals))"
                )
            }
            return .list(strings)
        case (_, .list) where key.entity == .attribute:
            throw FerryError.invalidParameter(rules.listNotSupportedMessage)
        case (_, .number), (_, .list):
            let message =
                switch key.entity {
                case .attribute: "Expected a quoted string value for attributes. Got value \(written)"
                case .dataset: "Expected a quoted string value for dataset attributes. Got value \(written)"
                default: "Expected a quoted string value for \(key.entity.mlflowName) (e.g. 'my-value'). Got value \(written)"
                }
            throw FerryError.invalidParameter(message)
        }
    }

    /// Checks what only some keys require: whole numbers, and experiment ids that are integers.
    private static func checkedContent(_ value: SearchValue, _ comparison: RawComparison, _ key: SearchKey) throws -> SearchValue {
        switch (key.rule.value, value) {
        case (.integer, .number):
            if comparison.valueText.contains(where: { ".eE".contains($0) }) {
                throw FerryError.invalidParameter(
                    "Invalid value for numeric attribute '\(key.written)': '\(comparison.valueText)'"
                )
            }
            return value
        case (.experimentID, .string(let text)):
            return .string(try experimentID(text))
        case (.experimentID, .list(let texts)):
            return .list(try texts.map(experimentID))
        default:
            return value
        }
    }

    /// An experiment id in its canonical decimal spelling (`'01'` → `1`), as MLflow compares them as integers.
    private static func experimentID(_ text: String) throws -> String {
        guard let number = Int64(text.trimmingCharacters(in: .whitespaces)) else {
            throw FerryError.invalidParameter("Invalid experiment ID '\(text)'. Experiment ID must be a valid integer.")
        }
        return String(number)
    }
}

/// A filter's left-hand name resolved against a target's rules.
struct SearchKey {
    var entity: SearchEntity
    /// The key as written, unquoted (`created`), which MLflow's messages show.
    var written: String
    /// The key clauses carry (`start_time`).
    var canonical: String
    var rule: SearchKeyRule

    /// Resolves `[prefix.]key`: the prefix names the entity (none means attribute), the rest is the key.
    init(_ name: [SearchNamePart], rules: SearchFilterRules) throws {
        let (prefix, key) = SearchKey.split(name)
        var entity = SearchEntity.attribute
        if let prefix {
            guard let named = rules.prefixes[prefix] else {
                throw FerryError.invalidParameter(rules.invalidPrefixMessage(prefix))
            }
            entity = named
        }
        switch entity {
        case .attribute:
            guard let attribute = rules.attributes[key] else {
                throw FerryError.invalidParameter(rules.invalidAttributeMessage(key))
            }
            self.init(entity: entity, written: key, canonical: attribute.canonical, rule: attribute.rule)
        case .dataset where !rules.datasetKeys.contains(key):
            throw FerryError.invalidParameter(
                "Invalid dataset key '\(key)' specified. Valid keys are '\(PythonText.set(rules.datasetKeys))'"
            )
        default:
            guard let rule = rules.entities[entity] else {
                throw FerryError.invalidParameter(rules.invalidPrefixMessage(prefix ?? ""))
            }
            self.init(entity: entity, written: key, canonical: key, rule: rule)
        }
    }

    private init(entity: SearchEntity, written: String, canonical: String, rule: SearchKeyRule) {
        self.entity = entity
        self.written = written
        self.canonical = canonical
        self.rule = rule
    }

    /// Splits a name at its first dot, like MLflow: `tags.mlflow.runName` → (`tags`, `mlflow.runName`).
    static func split(_ name: [SearchNamePart]) -> (prefix: String?, key: String) {
        guard name.count > 1 else { return (nil, name[0].text) }
        return (name[0].text, name.dropFirst().map(\.text).joined(separator: "."))
    }
}
