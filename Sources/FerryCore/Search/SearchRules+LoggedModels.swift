/// Search rules for logged models (`POST /mlflow/logged-models/search`).
///
/// MLflow has two parsers here: `SearchLoggedModelsUtils` (file store, auth) and the SQL store's own
/// `search_logged_model_utils`. These rules take the attribute names and aliases of the first and accept what
/// the second (the real server) accepts: `IN` on params and tags, and bare numbers as param or tag text.

extension SearchFilterRules {
    /// Logged models: attributes, metrics, params and tags.
    static let loggedModels = SearchFilterRules(
        prefixes: SearchEntity.runPrefixes.filter { $0.value != .dataset },
        invalidPrefixMessage: { prefix in
            "Invalid entity type '\(prefix)'. Valid values are ['metric', 'parameter', 'tag', 'attribute']"
        },
        attributes: [
            "name": SearchAttribute(canonical: "name", rule: .textOrList),
            "model_id": SearchAttribute(canonical: "model_id", rule: .textOrList),
            "model_type": SearchAttribute(canonical: "model_type", rule: .textOrList),
            "status": SearchAttribute(canonical: "status", rule: .textOrList),
            "source_run_id": SearchAttribute(canonical: "source_run_id", rule: .textOrList),
            "creation_timestamp": SearchAttribute(canonical: "creation_timestamp", rule: .numeric),
            "creation_time": SearchAttribute(canonical: "creation_timestamp", rule: .numeric),
            "last_updated_timestamp": SearchAttribute(canonical: "last_updated_timestamp", rule: .numeric),
            "last_updated_time": SearchAttribute(canonical: "last_updated_timestamp", rule: .numeric),
        ],
        entities: [
            .metric: .numeric,
            .param: .modelKeyValue,
            .tag: .modelKeyValue,
        ]
    )
}

extension OrderByRules {
    /// Logged models: attributes and `metrics.<key>` (MLflow's `order_by[].field_name`).
    static let loggedModels = OrderByRules(
        prefixes: ["metrics": .metric],
        invalidPrefixMessage: { _, field in "Invalid order by field name: \(field). Only metrics are supported." },
        attributes: [
            "name": "name", "model_id": "model_id", "model_type": "model_type", "status": "status",
            "source_run_id": "source_run_id",
            "creation_timestamp": "creation_timestamp", "creation_time": "creation_timestamp",
            "last_updated_timestamp": "last_updated_timestamp", "last_updated_time": "last_updated_timestamp",
        ],
        invalidAttributeMessage: { _, field in "Invalid order by field name: \(field)" },
        entities: [.metric],
        invalidEntityMessage: { _, field in "Invalid order by field name: \(field). Only metrics are supported." }
    )
}

extension SearchKeyRule {
    /// Logged-model params and tags: string comparisons and lists, no `IS NULL`.
    static let modelKeyValue = SearchKeyRule(
        operators: [.equal, .notEqual, .like, .ilike, .in, .notIn],
        value: .stringOrNumberText
    )
}
