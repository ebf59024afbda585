/// The data of an MLflow scoring request, in the shapes `mlflow models serve` accepts, before it is
/// matched to the model's inputs.
enum ScoringPayload: Sendable {
    /// A table: `dataframe_split`, `dataframe_records`, CSV, or `instances`/`inputs` given as rows or
    /// records. `columns` is nil for rows without names. `fromText` marks CSV, whose cells are strings
    /// to be read as the input's type.
    case table(columns: [String]?, rows: [[JSON]], fromText: Bool)
    /// Named tensors: `{"inputs": {"x": [[...]]}}` or `{"instances": {"x": [...]}}`.
    case tensors([(name: String, value: JSON)])
    /// One unnamed tensor: `{"inputs": [[...]]}`, for a model with one input.
    case tensor(JSON)
}
