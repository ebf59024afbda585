extension RegistryClient {
    /// `GET runs/get`: the run with id `id`, with its parameters, latest metrics and dataset inputs.
    public func run(id: String) async throws -> Run {
        try await call(Self.get("runs/get", [("run_id", id)]), as: RunAnswer.self).run
    }
}

/// `{"run": …}`, as `runs/get` and `runs/create` answer.
struct RunAnswer: Decodable {
    var run: Run
}
