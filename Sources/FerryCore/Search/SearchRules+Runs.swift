/// Search rules for runs (`POST /mlflow/runs/search`), after MLflow's `SearchUtils` and the SQL store's checks.

extension SearchFilterRules {
    /// Runs: attributes, metrics, params, tags and dataset inputs.
    static let runs = SearchFilterRules(
        prefixes: SearchEntity.runPrefixes,
        invalidPrefixMessage: { prefix in
            "Invalid entity type '\(prefix)'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']"
        },
        attributes: [
            "run_id": SearchAttribute(canonical: "run_id", rule: .textOrList),
            "run_name": SearchAttribute(canonical: "run_name", rule: .text),
            "run name": SearchAttribute(canonical: "run_name", rule: .text),
            "Run name": SearchAttribute(canonical: "run_name", rule: .text),
            "Run Name": SearchAttribute(canonical: "run_name", rule: .text),
            "status": SearchAttribute(canonical: "status", rule: .text),
            "user_id": SearchAttribute(canonical: "user_id", rule: .text),
            "artifact_uri": SearchAttribute(canonical: "artifact_uri", rule: .text),
            "start_time": SearchAttribute(canonical: "start_time", rule: .numeric),
            "created": SearchAttribute(canonical: "start_time", rule: .numeric),
            "Created": SearchAttribute(canonical: "start_time", rule: .numeric),
            "end_time": SearchAttribute(canonical: "end_time", rule: .numeric),
        ],
        entities: [
            .metric: .numeric,
            .param: .keyValue,
            .tag: .keyValue,
            .dataset: .textOrList,
        ],
        datasetKeys: ["name", "digest", "context"],
        nullCheckEntities: [.param, .tag],
        nullCheckMessage: { entity, key in
            "IS NULL / IS NOT NULL is only supported for tags and params, not for '\(entity.mlflowName)' '\(key)'"
        }
    )
}

extension OrderByRules {
    /// Runs: attributes, metrics, params and tags; the same key twice is an error.
    static let runs = OrderByRules(
        prefixes: SearchEntity.runPrefixes,
        invalidPrefixMessage: { prefix, _ in SearchFilterRules.runs.invalidPrefixMessage(prefix) },
        attributes: runAttributes,
        invalidAttributeMessage: { key, _ in
            "Invalid attribute key '\(key)' specified. Valid keys are '\(PythonText.set(runAttributes.keys.sorted()))'"
        },
        entities: [.metric, .param, .tag],
        invalidEntityMessage: { entity, _ in "Invalid identifier type '\(entity.mlflowName)'" },
        rejectsDuplicates: true
    )

    /// Orderable run attributes (MLflow does not take the `run name` aliases here).
    private static let runAttributes = [
        "run_id": "run_id", "run_name": "run_name", "status": "status", "user_id": "user_id",
        "artifact_uri": "artifact_uri", "start_time": "start_time", "end_time": "end_time",
        "created": "start_time", "Created": "start_time",
    ]
}

extension SearchKeyRule {
    /// Run params and tags: string comparisons plus `IS [NOT] NULL`.
    static let keyValue = SearchKeyRule(
        operators: [.equal, .notEqual, .like, .ilike, .isNull, .isNotNull],
        value: .string
    )
}

extension SearchEntity {
    /// MLflow's entity prefixes for runs, each spelling to its entity.
    static let runPrefixes: [String: SearchEntity] = [
        "metric": .metric, "metrics": .metric,
        "parameter": .param, "parameters": .param, "param": .param, "params": .param,
        "tag": .tag, "tags": .tag,
        "attribute": .attribute, "attributes": .attribute, "attr": .attribute, "run": .attribute,
        "dataset": .dataset, "datasets": .dataset,
    ]
}
