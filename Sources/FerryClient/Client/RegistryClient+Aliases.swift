extension RegistryClient {
    /// `GET registered-models/alias`: the version that `alias` of model `name` points to.
    ///
    /// MLflow answers an unknown alias with `INVALID_PARAMETER_VALUE` (HTTP 400), not a 404.
    public func versionByAlias(name: String, alias: String) async throws -> ModelVersion {
        try await call(Self.get("registered-models/alias", [("name", name), ("alias", alias)]), as: ModelVersionAnswer.self).modelVersion
    }

    /// `POST registered-models/alias`: points `alias` of model `name` at `version`.
    public func setAlias(name: String, alias: String, version: String) async throws {
        _ = try await send(try Self.json("POST", "registered-models/alias", AliasBody(name: name, alias: alias, version: version)))
    }

    /// `DELETE registered-models/alias`: removes `alias` from model `name`.
    public func deleteAlias(name: String, alias: String) async throws {
        _ = try await send(try Self.json("DELETE", "registered-models/alias", AliasBody(name: name, alias: alias, version: nil)))
    }
}

private struct AliasBody: Encodable {
    var name: String
    var alias: String
    var version: String?
}
