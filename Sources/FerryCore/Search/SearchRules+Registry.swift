/// Search rules for the model registry (`registered-models/search`, `model-versions/search`), after MLflow's
/// `SearchModelUtils` and `SearchModelVersionUtils`.

extension SearchFilterRules {
    /// Registered models: `name` (with `IN`) and tags.
    static let registeredModels = SearchFilterRules(
        prefixes: SearchEntity.registryPrefixes,
        invalidPrefixMessage: { prefix in "Invalid entity type '\(prefix)'. Valid values are ['tag', 'attribute']" },
        attributes: ["name": SearchAttribute(canonical: "name", rule: .textOrList)],
        entities: [.tag: .text],
        quotesInvalidClauses: false
    )

    /// Model versions: `name` and `run_id` (with `IN`), `source_path`, `version_number` and tags.
    static let modelVersions = SearchFilterRules(
        prefixes: SearchEntity.registryPrefixes,
        invalidPrefixMessage: { prefix in "Invalid entity type '\(prefix)'. Valid values are ['tag', 'attribute']" },
        attributes: [
            "name": SearchAttribute(canonical: "name", rule: .textOrList),
            "run_id": SearchAttribute(canonical: "run_id", rule: .textOrList),
            "source_path": SearchAttribute(canonical: "source_path", rule: .text),
            "version_number": SearchAttribute(canonical: "version_number", rule: .wholeNumber),
        ],
        entities: [.tag: .text],
        quotesInvalidClauses: false
    )
}

extension OrderByRules {
    /// Registered models: name and last-update timestamp (`timestamp` is an alias of the latter). As in
    /// MLflow, `creation_timestamp` is not an order key for registered models.
    static let registeredModels = registry(
        ["name": "name", "last_updated_timestamp": "last_updated_timestamp", "timestamp": "last_updated_timestamp"],
        recommended: ["name", "timestamp"])

    /// Model versions: name, version number and timestamps.
    static let modelVersions = registry([
        "name": "name", "version_number": "version_number", "creation_timestamp": "creation_timestamp",
        "last_updated_timestamp": "last_updated_timestamp", "timestamp": "last_updated_timestamp",
    ])

    private static func registry(_ attributes: [String: String], recommended: [String]? = nil) -> OrderByRules {
        let listed = recommended ?? attributes.keys.sorted()
        return OrderByRules(
            prefixes: SearchEntity.registryPrefixes,
            invalidPrefixMessage: { prefix, _ in "Invalid entity type '\(prefix)'. Valid values are ['tag', 'attribute']" },
            attributes: attributes,
            invalidAttributeMessage: { key, _ in
                "Invalid order by key '\(key)' specified. Valid keys are '\(PythonText.set(listed))'"
            },
            entities: [],
            invalidEntityMessage: { entity, _ in "Invalid order_by entity: \(entity.mlflowName)" }
        )
    }
}

extension SearchEntity {
    /// Entity prefixes in registry searches.
    static let registryPrefixes: [String: SearchEntity] = ["attribute": .attribute, "attributes": .attribute, "tag": .tag, "tags": .tag]
}
