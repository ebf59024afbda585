import FerryServing

/// One finished inference, as observers (metrics, prediction logs) see it.
struct InferenceEvent: Sendable {
    var model: String
    var version: String
    /// `v2` or `mlflow`.
    var protocolName: String
    /// `primary`, `canary`, `shadow` or `direct` (a version called by its own URL).
    var role: String
    /// The HTTP status the caller got (a shadow's is what it would have got).
    var code: Int
    var seconds: Double
    var requestID: String?
    var inputs: [InferenceTensor]
    /// Empty when the inference failed.
    var outputs: [InferenceTensor]
}

/// Receives every finished inference. Observers run on the request path, so they must be quick and
/// must not block (hand slow work to a background task).
protocol InferenceObserver: Sendable {
    func observe(_ event: InferenceEvent)
}
