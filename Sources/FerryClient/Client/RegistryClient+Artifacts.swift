import Foundation

extension RegistryClient {
    /// `GET /ajax-api/2.0/mlflow/model-versions/get-artifact`: the bytes of file `path` (relative to the
    /// version's artifact root, e.g. `MLmodel` or `model.onnx`) of version `version` of model `name`.
    ///
    /// Both Ferry and MLflow's server answer this route (MLflow's UI uses it).
    public func modelVersionArtifact(name: String, version: String, path: String) async throws -> Data {
        try await send(TransportRequest(
            method: "GET", path: "/ajax-api/2.0/mlflow/model-versions/get-artifact",
            query: [URLQueryItem(name: "name", value: name), URLQueryItem(name: "version", value: version), URLQueryItem(name: "path", value: path)]))
    }
}

extension RegistryClient {
    /// `GET /get-artifact?run_uuid=&path=`: the bytes of file `path` (relative to the run's artifact root) of run
    /// `runID`. Both Ferry and MLflow's server answer this route (MLflow's UI uses it).
    public func runArtifact(runID: String, path: String) async throws -> Data {
        try await send(TransportRequest(
            method: "GET", path: "/get-artifact",
            query: [URLQueryItem(name: "run_uuid", value: runID), URLQueryItem(name: "path", value: path)]))
    }
}
