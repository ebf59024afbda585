import Foundation

/// Writing runs: what `ferry monitor` needs to keep its reports as MLflow runs, browsable with any MLflow client.
extension RegistryClient {
    /// `GET experiments/get-by-name`: the id of the experiment named `name`, or nil when there is none.
    public func experimentID(named name: String) async throws -> String? {
        do {
            return try await call(Self.get("experiments/get-by-name", [("experiment_name", name)]), as: ExperimentAnswer.self)
                .experiment.experimentID
        } catch let error as FerryClientError where error.errorCode == "RESOURCE_DOES_NOT_EXIST" {
            return nil
        }
    }

    /// `POST experiments/create`: a new experiment's id.
    public func createExperiment(name: String) async throws -> String {
        try await call(try Self.json("POST", "experiments/create", ["name": name]), as: CreatedExperiment.self).experimentID
    }

    /// The id of experiment `name`, created when it does not exist yet (and found when another writer just created it).
    public func experimentID(creatingIfMissing name: String) async throws -> String {
        if let existing = try await experimentID(named: name) { return existing }
        do {
            return try await createExperiment(name: name)
        } catch let error as FerryClientError where error.errorCode == "RESOURCE_ALREADY_EXISTS" {
            guard let existing = try await experimentID(named: name) else { throw error }
            return existing
        }
    }

    /// `POST runs/create`: a new, running run in `experimentID`.
    public func createRun(experimentID: String, runName: String, startTime: Int64, tags: [String: String]) async throws -> RunInfo {
        let body = CreateRunBody(
            experimentID: experimentID, runName: runName, startTime: startTime,
            tags: tags.sorted { $0.key < $1.key }.map { KeyValue(key: $0.key, value: $0.value) })
        return try await call(try Self.json("POST", "runs/create", body), as: RunAnswer.self).run.info
    }

    /// `POST runs/log-batch`: metrics, parameters and tags of run `runID`, in one call.
    public func logBatch(runID: String, metrics: [Metric], params: [String: String] = [:], tags: [String: String] = [:]) async throws {
        let body = LogBatchBody(
            runID: runID, metrics: metrics,
            params: params.sorted { $0.key < $1.key }.map { KeyValue(key: $0.key, value: $0.value) },
            tags: tags.sorted { $0.key < $1.key }.map { KeyValue(key: $0.key, value: $0.value) })
        let encoder = WireJSON.requestEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        _ = try await send(TransportRequest(method: "POST", path: "/api/2.0/mlflow/runs/log-batch", jsonBody: try encoder.encode(body)))
    }

    /// `POST runs/update`: ends run `runID` with `status` (`FINISHED`, `FAILED` or `KILLED`).
    public func finishRun(runID: String, status: String = "FINISHED", endTime: Int64) async throws {
        _ = try await send(try Self.json("POST", "runs/update", FinishRunBody(runID: runID, status: status, endTime: endTime)))
    }

    /// `PUT /api/2.0/mlflow-artifacts/artifacts/…`: uploads `data` as file `path` under a run's artifact root,
    /// through the server's artifact proxy. The root must be an `mlflow-artifacts:` URI, as the server gives runs
    /// when it serves artifacts.
    public func uploadArtifact(artifactURI: String, path: String, data: Data, contentType: String) async throws {
        guard let root = Self.proxiedArtifactPath(artifactURI) else {
            throw FerryClientError.server(
                status: 400, errorCode: "INVALID_PARAMETER_VALUE",
                message: "run artifacts live at \(artifactURI), which this client cannot write: run the tracking server with its artifact proxy (mlflow-artifacts:)")
        }
        let encoded = (root + "/" + path).split(separator: "/").map {
            $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? String($0)
        }
        _ = try await send(TransportRequest(
            method: "PUT", path: "/api/2.0/mlflow-artifacts/artifacts/" + encoded.joined(separator: "/"), jsonBody: data,
            contentType: contentType))
    }

    /// The proxy path of an `mlflow-artifacts:/exp/run/artifacts` (or `mlflow-artifacts://host/…`) root.
    static func proxiedArtifactPath(_ uri: String) -> String? {
        let scheme = "mlflow-artifacts:"
        guard uri.hasPrefix(scheme) else { return nil }
        var rest = Substring(uri.dropFirst(scheme.count))
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            rest = rest[slash...]
        }
        let trimmed = rest.split(separator: "/").joined(separator: "/")
        return trimmed.isEmpty ? nil : trimmed
    }
}

private struct ExperimentAnswer: Decodable {
    struct Experiment: Decodable {
        var experimentID: String
        enum CodingKeys: String, CodingKey { case experimentID = "experiment_id" }
    }
    var experiment: Experiment
}

private struct CreatedExperiment: Decodable {
    var experimentID: String
    enum CodingKeys: String, CodingKey { case experimentID = "experiment_id" }
}

private struct CreateRunBody: Encodable {
    var experimentID: String
    var runName: String
    var startTime: Int64
    var tags: [KeyValue]
    enum CodingKeys: String, CodingKey {
        case experimentID = "experiment_id"
        case runName = "run_name"
        case startTime = "start_time"
        case tags
    }
}

private struct LogBatchBody: Encodable {
    var runID: String
    var metrics: [Metric]
    var params: [KeyValue]
    var tags: [KeyValue]
    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case metrics, params, tags
    }
}

private struct FinishRunBody: Encodable {
    var runID: String
    var status: String
    var endTime: Int64
    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case status
        case endTime = "end_time"
    }
}
