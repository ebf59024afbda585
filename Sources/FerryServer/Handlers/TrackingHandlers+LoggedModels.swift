import FerryCore
import HTTPTypes
import FerryStore

extension TrackingHandlers {
    var loggedModelRoutes: [APIRoute] {
        let store = self.store
        return [
            APIRoute(.post, "2.0/mlflow/logged-models") { request in
                let fields = request.fields
                let model = try await store.createLoggedModel(
                    NewLoggedModel(
                        experimentID: try fields.requiredString("experiment_id"), name: try fields.string("name"),
                        modelType: try fields.string("model_type"), sourceRunID: try fields.string("source_run_id"),
                        params: try fields.keyValues("params"), tags: try fields.keyValues("tags")))
                return .object([("model", DomainJSON.loggedModel(model))])
            },
            APIRoute(.get, "2.0/mlflow/logged-models/{id}") { request in
                .object([("model", DomainJSON.loggedModel(try await store.loggedModel(id: request.pathParameters[0])))])
            },
            APIRoute(.patch, "2.0/mlflow/logged-models/{id}") { request in
                let text = try request.fields.string("status") ?? LoggedModelStatus.ready.rawValue
                guard let status = LoggedModelStatus(rawValue: text) else {
                    throw FerryError.invalidParameter("Invalid value \"\(text)\" for parameter 'status' supplied.")
                }
                let model = try await store.finalizeLoggedModel(id: request.pathParameters[0], status: status)
                return .object([("model", DomainJSON.loggedModel(model))])
            },
            APIRoute(.delete, "2.0/mlflow/logged-models/{id}") { request in
                try await store.deleteLoggedModel(id: request.pathParameters[0])
                return .object([])
            },
            APIRoute(.patch, "2.0/mlflow/logged-models/{id}/tags") { request in
                try await store.setLoggedModelTags(id: request.pathParameters[0], try request.fields.keyValues("tags"))
                return .object([])
            },
            APIRoute(.delete, "2.0/mlflow/logged-models/{id}/tags/{key}") { request in
                try await store.deleteLoggedModelTag(id: request.pathParameters[0], key: request.pathParameters[1])
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/logged-models/{id}/params") { request in
                try await store.logLoggedModelParams(id: request.pathParameters[0], try request.fields.keyValues("params"))
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/logged-models/search") { request in
                let fields = request.fields
                let orders = try fields.objects("order_by").map { order in
                    LoggedModelOrder(fieldName: try order.requiredString("field_name"), ascending: try order.bool("ascending") ?? true)
                }
                let page = try await store.searchLoggedModels(
                    LoggedModelQuery(
                        experimentIDs: try fields.strings("experiment_ids"), filter: try fields.string("filter"), orderBy: orders,
                        maxResults: Int(clamping: try fields.int64("max_results") ?? 50), pageToken: try fields.string("page_token")))
                return .fields([("models", .array(page.items.map(DomainJSON.loggedModel))), ("next_page_token", Self.page(page.nextPageToken))])
            },
        ]
    }
}

/// `/api/3.0/mlflow/server-info`: what the client probes before artifact transfers.
enum ServerInfoHandlers {
    static func routes(version: String) -> [APIRoute] {
        [
            APIRoute(.get, "3.0/mlflow/server-info") { _ in
                .object([
                    ("store_type", .string("SqlStore")),
                    ("workspaces_enabled", .bool(false)),
                    ("trace_archival_enabled", .bool(false)),
                    ("multipart_uploads_enabled", .bool(false)),
                    ("multipart_downloads_enabled", .bool(false)),
                    ("presigned_upload_run_id_supported", .bool(false)),
                    ("presigned_upload_model_id_supported", .bool(false)),
                    ("features_enabled", .object([("gateway", .bool(false))])),
                ])
            }
        ]
    }
}
