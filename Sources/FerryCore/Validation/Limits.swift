/// MLflow's limits on tracking data, as its server enforces them.
public enum Limits {
    public static let maxEntityKeyLength = 250
    public static let maxParamValueLength = 6000
    public static let maxRunTagValueLength = 8000
    public static let maxExperimentNameLength = 500
    public static let maxExperimentTagKeyLength = 250
    public static let maxExperimentTagValueLength = 20000
    public static let maxArtifactLocationLength = 2048
    public static let maxMetricsPerBatch = 1000
    public static let maxParamsTagsPerBatch = 100
    public static let maxEntitiesPerBatch = 1000
    public static let maxDatasetNameLength = 500
    public static let maxDatasetDigestLength = 36
    public static let maxDatasetSourceLength = 65535
    public static let maxDatasetSchemaLength = 1_048_575
    public static let maxDatasetProfileLength = 16_777_215
    public static let maxInputTagKeyLength = 255
    public static let maxInputTagValueLength = 500
    public static let maxRunsPerSearch = 50000
    public static let defaultRunsPerSearch = 1000
    public static let maxExperimentsPerSearch = 50000
    public static let maxLoggedModelParams = 100
}
