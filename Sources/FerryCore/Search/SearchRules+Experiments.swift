/// Search rules for experiments (`POST /mlflow/experiments/search`), after MLflow's `SearchExperimentsUtils`
/// and the SQL store's checks.

extension SearchFilterRules {
    /// Experiments: `name`, `experiment_id`, `creation_time`, `last_update_time` and tags.
    static let experiments = SearchFilterRules(
        prefixes: SearchEntity.experimentPrefixes,
        invalidPrefixMessage: { prefix in
            "Invalid entity type '\(prefix)'. Valid entity types are ('attribute', 'tag', 'tags')"
        },
        attributes: [
            "name": SearchAttribute(canonical: "name", rule: .text),
            "experiment_id": SearchAttribute(
                canonical: "experiment_id",
                rule: SearchKeyRule(
                    operators: [.equal, .notEqual, .in, .notIn],
                    value: .experimentID,
                    operatorMessage: { op in "Invalid comparator for experiment_id: \(op)" }
                )
            ),
            "creation_time": SearchAttribute(canonical: "creation_time", rule: .wholeNumber),
            "last_update_time": SearchAttribute(canonical: "last_update_time", rule: .wholeNumber),
        ],
        entities: [
            .tag: SearchKeyRule(
                operators: [.equal, .notEqual, .like, .ilike, .isNull, .isNotNull],
                value: .string,
                operatorMessage: { op in "Invalid comparator for tag: \(op)" }
            )
        ],
        nullCheckEntities: [.tag],
        nullCheckMessage: { _, key in "IS NULL / IS NOT NULL is only supported for tags, not for attribute '\(key)'" },
        quotesInvalidClauses: false
    )
}

extension OrderByRules {
    /// Experiments: attributes only (MLflow parses `tags.x` but its store then refuses it).
    static let experiments = OrderByRules(
        prefixes: SearchEntity.experimentPrefixes,
        invalidPrefixMessage: { prefix, _ in SearchFilterRules.experiments.invalidPrefixMessage(prefix) },
        attributes: experimentAttributes,
        invalidAttributeMessage: { key, _ in
            "Invalid attribute key '\(key)' specified. Valid keys are '\(PythonText.set(experimentAttributes.keys.sorted()))'"
        },
        entities: [],
        invalidEntityMessage: { entity, _ in "Invalid order_by entity: \(entity.mlflowName)" }
    )

    private static let experimentAttributes = [
        "name": "name", "experiment_id": "experiment_id",
        "creation_time": "creation_time", "last_update_time": "last_update_time",
    ]
}

extension SearchKeyRule {
    /// Numeric attributes that MLflow compares as integers (experiment timestamps).
    static let wholeNumber = SearchKeyRule(operators: SearchKeyRule.numeric.operators, value: .integer)
}

extension SearchEntity {
    /// MLflow's entity prefixes for experiments (note: not `attributes` or `attr`).
    static let experimentPrefixes: [String: SearchEntity] = ["attribute": .attribute, "tag": .tag, "tags": .tag]
}
