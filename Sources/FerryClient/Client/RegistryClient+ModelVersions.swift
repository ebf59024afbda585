import Foundation

extension RegistryClient {
    /// `GET model-versions/get`: version `version` of model `name`.
    public func modelVersion(name: String, version: String) async throws -> ModelVersion {
        try await call(Self.get("model-versions/get", [("name", name), ("version", version)]), as: ModelVersionAnswer.self).modelVersion
    }

    /// One page of `GET model-versions/search`.
    ///
    /// - Parameters:
    ///   - filter: An MLflow filter such as `name='churn'` (see ``SearchFilter``); nil for every version of every model.
    ///   - maxResults: The page size (the server allows up to 200000); nil for the server's default.
    ///   - pageToken: The token of the page to fetch; nil for the first.
    public func searchModelVersions(filter: String? = nil, maxResults: Int? = nil, pageToken: String? = nil)
        async throws -> Page<ModelVersion>
    {
        let request = Self.get(
            "model-versions/search", [("filter", filter), ("max_results", maxResults.map(String.init)), ("page_token", pageToken)])
        let answer = try await call(request, as: ModelVersionsAnswer.self)
        return Page(items: answer.modelVersions ?? [], nextPageToken: answer.nextPageToken)
    }

    /// Every model version that matches `filter`, following page tokens.
    public func allModelVersions(filter: String? = nil, pageSize: Int? = nil) async throws -> [ModelVersion] {
        try await Self.collectPages { token, _ in
            try await searchModelVersions(filter: filter, maxResults: pageSize, pageToken: token)
        }
    }

    /// Every version of the model named `name`, in the server's order.
    public func modelVersions(of name: String) async throws -> [ModelVersion] {
        try await allModelVersions(filter: SearchFilter.name(equals: name))
    }

    /// `POST model-versions/transition-stage`: moves a version to `stage` and returns it.
    ///
    /// - Parameters:
    ///   - stage: `None`, `Staging`, `Production` or `Archived`.
    ///   - archiveExistingVersions: Whether the versions already in `stage` move to `Archived`.
    public func transitionStage(name: String, version: String, stage: String, archiveExistingVersions: Bool) async throws -> ModelVersion {
        let body = TransitionBody(name: name, version: version, stage: stage, archiveExistingVersions: archiveExistingVersions)
        return try await call(try Self.json("POST", "model-versions/transition-stage", body), as: ModelVersionAnswer.self).modelVersion
    }

    /// `GET model-versions/get-download-uri`: where the version's files can be downloaded from.
    public func downloadURI(name: String, version: String) async throws -> String {
        let request = Self.get("model-versions/get-download-uri", [("name", name), ("version", version)])
        return try await call(request, as: DownloadURIAnswer.self).artifactURI
    }
}

struct ModelVersionAnswer: Decodable {
    var modelVersion: ModelVersion

    enum CodingKeys: String, CodingKey {
        case modelVersion = "model_version"
    }
}

private struct ModelVersionsAnswer: Decodable {
    var modelVersions: [ModelVersion]?
    var nextPageToken: String?

    enum CodingKeys: String, CodingKey {
        case modelVersions = "model_versions"
        case nextPageToken = "next_page_token"
    }
}

private struct TransitionBody: Encodable {
    var name: String
    var version: String
    var stage: String
    var archiveExistingVersions: Bool

    enum CodingKeys: String, CodingKey {
        case name, version, stage
        case archiveExistingVersions = "archive_existing_versions"
    }
}

private struct DownloadURIAnswer: Decodable {
    var artifactURI: String

    enum CodingKeys: String, CodingKey {
        case artifactURI = "artifact_uri"
    }
}
