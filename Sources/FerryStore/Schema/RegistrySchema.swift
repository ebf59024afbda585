/// The model registry's tables.
enum RegistrySchema {
    static let registry = Migration(version: 2, name: "model registry tables") { kind in
        let text = kind.textType
        let keyed = kind.keyedTableSuffix
        return [
            """
            CREATE TABLE registered_models (
                name \(text) PRIMARY KEY, creation_timestamp BIGINT NOT NULL, last_updated_timestamp BIGINT NOT NULL,
                user_id \(text), description \(text), last_version BIGINT NOT NULL DEFAULT 0)\(keyed)
            """,
            """
            CREATE TABLE registered_model_tags (
                name \(text) NOT NULL, key \(text) NOT NULL, value \(text) NOT NULL, PRIMARY KEY (name, key))\(keyed)
            """,
            """
            CREATE TABLE model_versions (
                name \(text) NOT NULL, version BIGINT NOT NULL, creation_timestamp BIGINT NOT NULL,
                last_updated_timestamp BIGINT NOT NULL, user_id \(text), current_stage \(text) NOT NULL,
                description \(text), source \(text) NOT NULL, run_id \(text), status \(text) NOT NULL,
                status_message \(text), run_link \(text), model_id \(text), PRIMARY KEY (name, version))\(keyed)
            """,
            """
            CREATE TABLE model_version_tags (
                name \(text) NOT NULL, version BIGINT NOT NULL, key \(text) NOT NULL, value \(text) NOT NULL,
                PRIMARY KEY (name, version, key))\(keyed)
            """,
            """
            CREATE TABLE registered_model_aliases (
                name \(text) NOT NULL, alias \(text) NOT NULL, version BIGINT NOT NULL, PRIMARY KEY (name, alias))\(keyed)
            """,
        ]
    }

    static let audit = Migration(version: 3, name: "registry audit trail") { kind in
        let text = kind.textType
        return [
            """
            CREATE TABLE registry_audit (
                id \(kind.autoIncrementPrimaryKey), timestamp BIGINT NOT NULL, actor \(text) NOT NULL, action \(text) NOT NULL,
                name \(text) NOT NULL, version BIGINT, before_state \(text) NOT NULL, after_state \(text) NOT NULL)
            """,
            "CREATE INDEX registry_audit_by_name ON registry_audit (name, id)",
        ]
    }

    /// Indexes for the default version order and for lineage lookups by run. The order indexes match
    /// the searches' whole ORDER BY, so a first page is read in order and the scan stops at the page end
    /// (an index on the timestamp alone leaves SQLite sorting every match).
    static let searchIndexes = Migration(version: 4, name: "registry search indexes") { _ in
        [
            "CREATE INDEX model_versions_by_update ON model_versions (last_updated_timestamp DESC, name ASC, version DESC)",
            "CREATE INDEX model_versions_by_run ON model_versions (run_id)",
            "CREATE INDEX registered_models_by_update ON registered_models (last_updated_timestamp DESC, name ASC)",
        ]
    }
}
