/// The tracking schema's migrations, oldest first.
enum TrackingSchema {
    static let migrations: [Migration] = [initial, RegistrySchema.registry, RegistrySchema.audit, RegistrySchema.searchIndexes]

    static let initial = Migration(version: 1, name: "tracking tables") { kind in
        let text = kind.textType
        let double = kind.doubleType
        let keyed = kind.keyedTableSuffix
        return [
            """
            CREATE TABLE experiments (
                experiment_id \(kind.autoIncrementPrimaryKey),
                name \(text) NOT NULL UNIQUE,
                artifact_location \(text) NOT NULL,
                lifecycle_stage \(text) NOT NULL,
                creation_time BIGINT NOT NULL,
                last_update_time BIGINT NOT NULL)
            """,
            """
            CREATE TABLE experiment_tags (
                experiment_id BIGINT NOT NULL, key \(text) NOT NULL, value \(text) NOT NULL,
                PRIMARY KEY (experiment_id, key))
            """,
            """
            CREATE TABLE runs (
                run_uuid \(text) PRIMARY KEY,
                name \(text) NOT NULL,
                experiment_id BIGINT NOT NULL,
                user_id \(text) NOT NULL,
                status \(text) NOT NULL,
                start_time BIGINT NOT NULL,
                end_time BIGINT,
                deleted_time BIGINT,
                lifecycle_stage \(text) NOT NULL,
                artifact_uri \(text) NOT NULL)
            """,
            "CREATE INDEX runs_by_experiment ON runs (experiment_id, start_time)",
            """
            CREATE TABLE metrics (
                run_uuid \(text) NOT NULL, key \(text) NOT NULL, value \(double) NOT NULL, is_nan INTEGER NOT NULL,
                timestamp BIGINT NOT NULL, step BIGINT NOT NULL,
                dataset_name \(text), dataset_digest \(text), model_id \(text),
                PRIMARY KEY (run_uuid, key, timestamp, step, value, is_nan))\(keyed)
            """,
            """
            CREATE TABLE latest_metrics (
                run_uuid \(text) NOT NULL, key \(text) NOT NULL, value \(double) NOT NULL, is_nan INTEGER NOT NULL,
                timestamp BIGINT NOT NULL, step BIGINT NOT NULL,
                dataset_name \(text), dataset_digest \(text), model_id \(text),
                PRIMARY KEY (run_uuid, key))\(keyed)
            """,
            "CREATE INDEX latest_metrics_by_key ON latest_metrics (key, value)",
            """
            CREATE TABLE params (
                run_uuid \(text) NOT NULL, key \(text) NOT NULL, value \(text) NOT NULL, PRIMARY KEY (run_uuid, key))\(keyed)
            """,
            """
            CREATE TABLE tags (
                run_uuid \(text) NOT NULL, key \(text) NOT NULL, value \(text) NOT NULL, PRIMARY KEY (run_uuid, key))\(keyed)
            """,
            """
            CREATE TABLE datasets (
                dataset_uuid \(text) PRIMARY KEY, experiment_id BIGINT NOT NULL, name \(text) NOT NULL,
                digest \(text) NOT NULL, source_type \(text) NOT NULL, source \(text) NOT NULL,
                schema \(text), profile \(text), UNIQUE (experiment_id, name, digest))
            """,
            """
            CREATE TABLE run_dataset_inputs (
                run_uuid \(text) NOT NULL, dataset_uuid \(text) NOT NULL, position BIGINT NOT NULL,
                PRIMARY KEY (run_uuid, dataset_uuid))
            """,
            """
            CREATE TABLE run_dataset_input_tags (
                run_uuid \(text) NOT NULL, dataset_uuid \(text) NOT NULL, key \(text) NOT NULL, value \(text) NOT NULL,
                PRIMARY KEY (run_uuid, dataset_uuid, key))
            """,
            """
            CREATE TABLE run_model_inputs (
                run_uuid \(text) NOT NULL, model_id \(text) NOT NULL, PRIMARY KEY (run_uuid, model_id))
            """,
            """
            CREATE TABLE run_model_outputs (
                run_uuid \(text) NOT NULL, model_id \(text) NOT NULL, step BIGINT NOT NULL, PRIMARY KEY (run_uuid, model_id))
            """,
            """
            CREATE TABLE logged_models (
                model_id \(text) PRIMARY KEY, experiment_id BIGINT NOT NULL, name \(text) NOT NULL,
                artifact_location \(text) NOT NULL, creation_timestamp BIGINT NOT NULL,
                last_updated_timestamp BIGINT NOT NULL, status \(text) NOT NULL, status_message \(text),
                model_type \(text), source_run_id \(text), lifecycle_stage \(text) NOT NULL)
            """,
            "CREATE INDEX logged_models_by_experiment ON logged_models (experiment_id, creation_timestamp)",
            """
            CREATE TABLE logged_model_params (
                model_id \(text) NOT NULL, key \(text) NOT NULL, value \(text) NOT NULL, PRIMARY KEY (model_id, key))
            """,
            """
            CREATE TABLE logged_model_tags (
                model_id \(text) NOT NULL, key \(text) NOT NULL, value \(text) NOT NULL, PRIMARY KEY (model_id, key))
            """,
            """
            CREATE TABLE logged_model_metrics (
                model_id \(text) NOT NULL, key \(text) NOT NULL, value \(double) NOT NULL, is_nan INTEGER NOT NULL,
                timestamp BIGINT NOT NULL, step BIGINT NOT NULL, run_uuid \(text) NOT NULL,
                dataset_name \(text), dataset_digest \(text),
                PRIMARY KEY (model_id, key, timestamp, step, run_uuid, value, is_nan))\(keyed)
            """,
        ]
    }
}
