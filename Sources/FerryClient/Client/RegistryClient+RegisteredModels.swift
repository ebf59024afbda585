extension RegistryClient {
    /// One page of `GET registered-models/search`.
    ///
    /// - Parameters:
    ///   - filter: An MLflow filter such as `name LIKE 'churn%'`; nil for all models.
    ///   - maxResults: The page size (the server allows 1 to 1000, default 100); nil for the server's default.
    ///   - pageToken: The token of the page to fetch; nil for the first.
    public func searchRegisteredModels(filter: String? = nil, maxResults: Int? = nil, pageToken: String? = nil)
        async throws -> Page<RegisteredModel>
    {
        let request = Self.get(
            "registered-models/search",
            [("filter", filter), ("max_results", maxResults.map(String.init)), ("page_token", pageToken)])
        let answer = try await call(request, as: RegisteredModelsAnswer.self)
        return Page(items: answer.registeredModels ?? [], nextPageToken: answer.nextPageToken)
    }

    /// Every registered model that matches `filter`, following page tokens, stopping after `limit` models.
    ///
    /// - Parameters:
    ///   - filter: An MLflow filter; nil for all models.
    ///   - pageSize: How many models to ask for per page; nil for the server's default.
    ///   - limit: The most models to return; nil for all.
    public func allRegisteredModels(filter: String? = nil, pageSize: Int? = nil, limit: Int? = nil) async throws -> [RegisteredModel] {
        try await Self.collectPages(limit: limit) { token, remaining in
            try await searchRegisteredModels(filter: filter, maxResults: Self.pageSize(pageSize, remaining, serverMaximum: 1000), pageToken: token)
        }
    }

    /// `GET registered-models/get`: the model named `name`.
    public func registeredModel(name: String) async throws -> RegisteredModel {
        try await call(Self.get("registered-models/get", [("name", name)]), as: RegisteredModelAnswer.self).registeredModel
    }
}

private struct RegisteredModelsAnswer: Decodable {
    var registeredModels: [RegisteredModel]?
    var nextPageToken: String?

    enum CodingKeys: String, CodingKey {
        case registeredModels = "registered_models"
        case nextPageToken = "next_page_token"
    }
}

private struct RegisteredModelAnswer: Decodable {
    var registeredModel: RegisteredModel

    enum CodingKeys: String, CodingKey {
        case registeredModel = "registered_model"
    }
}
