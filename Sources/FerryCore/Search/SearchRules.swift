/// Per-target search rules as data: which names a filter or order_by may use, which operators each key takes,
/// what its values must look like, and the messages MLflow gives when they do not.
///
/// Adding a target (registered models, model versions) means adding a ``SearchTarget`` case and one value of
/// ``SearchFilterRules`` and ``OrderByRules`` in a `SearchRules+<Target>.swift` file; the parsers do not change.

/// What a key's value must look like.
enum SearchValueKind: Sendable, Equatable {
    /// A bare number (`1`, `-2.5e3`).
    case number
    /// A bare whole number; MLflow rejects `1.5` for experiment timestamps.
    case integer
    /// A quoted string (or, with `IN`, a list of them).
    case string
    /// A quoted string, or a bare number taken as its literal text (logged-model params and tags).
    case stringOrNumberText
    /// A quoted string (or list) holding a decimal integer, normalised to its canonical spelling.
    case experimentID
}

/// How one key is compared.
struct SearchKeyRule: Sendable {
    /// Allowed operators, in the order error messages list them.
    var operators: [ComparisonOperator]
    var value: SearchValueKind
    /// Message for an operator outside ``operators``; nil gives MLflow's usual "Invalid comparator" sentence.
    var operatorMessage: (@Sendable (_ op: String) -> String)? = nil

    /// Whether the key takes a parenthesised list (with `IN` / `NOT IN`).
    var takesList: Bool { operators.contains(.in) || operators.contains(.notIn) }

    /// The message for an operator this key does not take.
    func invalidOperatorMessage(_ op: String) -> String {
        if let operatorMessage { return operatorMessage(op) }
        return "Invalid comparator '\(op)' not one of '\(PythonText.set(operators.map(\.rawValue)))'"
    }

    /// Metrics and numeric attributes.
    static let numeric = SearchKeyRule(operators: [.greater, .greaterOrEqual, .equal, .notEqual, .less, .lessOrEqual], value: .number)
    /// String attributes that take no list.
    static let text = SearchKeyRule(operators: [.equal, .notEqual, .like, .ilike], value: .string)
    /// String attributes that also take `IN` / `NOT IN`.
    static let textOrList = SearchKeyRule(operators: [.equal, .notEqual, .like, .ilike, .in, .notIn], value: .string)
}

/// An attribute name as a filter may spell it.
struct SearchAttribute: Sendable {
    /// The name clauses carry (`created` → `start_time`).
    var canonical: String
    var rule: SearchKeyRule
}

/// Everything ``SearchFilterParser`` needs to know about one ``SearchTarget``.
struct SearchFilterRules: Sendable {
    /// Entity prefixes, exactly as spelled (MLflow is case-sensitive here), to the entity they name.
    var prefixes: [String: SearchEntity]
    /// Message for an unknown prefix.
    var invalidPrefixMessage: @Sendable (_ prefix: String) -> String
    /// Attribute spellings (aliases included) to their canonical name and rule.
    var attributes: [String: SearchAttribute]
    /// Rules for the non-attribute entities this target has (metric, param, tag, dataset).
    var entities: [SearchEntity: SearchKeyRule]
    /// Keys allowed after `dataset.`, in message order.
    var datasetKeys: [String] = []
    /// Entities whose keys take `IS NULL` / `IS NOT NULL`.
    var nullCheckEntities: Set<SearchEntity> = []
    /// Message when `IS [NOT] NULL` is used on another entity; nil falls back to the operator message.
    var nullCheckMessage: (@Sendable (_ entity: SearchEntity, _ key: String) -> String)? = nil
    /// Whether "Invalid clause(s)" messages quote each fragment (runs) or not (experiments).
    var quotesInvalidClauses = true

    /// MLflow's message for an attribute key that does not exist.
    func invalidAttributeMessage(_ key: String) -> String {
        "Invalid attribute key '\(key)' specified. Valid keys are '\(PythonText.set(attributes.keys.sorted()))'"
    }

    /// MLflow's message for a list on an attribute that takes none.
    var listNotSupportedMessage: String {
        let keys = Set(attributes.values.filter { $0.rule.takesList }.map(\.canonical)).sorted()
        return "Only \(PythonText.list(keys)) attributes support comparison with a list of quoted string values."
    }
}

/// Everything ``OrderByParser`` needs to know about one ``SearchTarget``.
struct OrderByRules: Sendable {
    /// Entity prefixes, exactly as spelled, to the entity they name.
    var prefixes: [String: SearchEntity]
    /// Message for an unknown prefix, given the prefix and the whole field.
    var invalidPrefixMessage: @Sendable (_ prefix: String, _ field: String) -> String
    /// Orderable attribute spellings to their canonical name.
    var attributes: [String: String]
    /// Message for an unknown attribute, given the key and the whole field.
    var invalidAttributeMessage: @Sendable (_ key: String, _ field: String) -> String
    /// Non-attribute entities that can be ordered by.
    var entities: Set<SearchEntity>
    /// Message for a known entity that cannot be ordered by.
    var invalidEntityMessage: @Sendable (_ entity: SearchEntity, _ field: String) -> String
    /// Whether the same key twice is an error (MLflow checks this for runs only).
    var rejectsDuplicates = false
}

extension SearchTarget {
    /// The filter rules of this target.
    var filterRules: SearchFilterRules {
        switch self {
        case .runs: .runs
        case .experiments: .experiments
        case .loggedModels: .loggedModels
        case .registeredModels: .registeredModels
        case .modelVersions: .modelVersions
        }
    }

    /// The order_by rules of this target.
    var orderByRules: OrderByRules {
        switch self {
        case .runs: .runs
        case .experiments: .experiments
        case .loggedModels: .loggedModels
        case .registeredModels: .registeredModels
        case .modelVersions: .modelVersions
        }
    }
}

extension SearchEntity {
    /// The word MLflow uses for this entity in messages (`parameter`, not `param`).
    var mlflowName: String {
        switch self {
        case .attribute: "attribute"
        case .metric: "metric"
        case .param: "parameter"
        case .tag: "tag"
        case .dataset: "dataset"
        }
    }
}

/// Renders values the way MLflow's Python messages show them.
enum PythonText {
    /// `{'a', 'b'}`; Python's own set order is random, so this uses the given order.
    static func set(_ items: [String]) -> String {
        "{" + items.map(repr).joined(separator: ", ") + "}"
    }

    /// `['a', 'b']`.
    static func list(_ items: [String]) -> String {
        "[" + items.map(repr).joined(separator: ", ") + "]"
    }

    /// `('a',)` or `('a', 1)`; `literals` are already rendered.
    static func tuple(_ literals: [String]) -> String {
        literals.count == 1 ? "(\(literals[0]),)" : "(" + literals.joined(separator: ", ") + ")"
    }

    /// Python's `repr` of a string: single quotes unless the text has a single quote and no double quote.
    static func repr(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case quote: out += "\\" + String(quote)
            default: out.append(character)
            }
        }
        out.append(quote)
        return out
    }
}
