import FerryCore
import HTTPTypes
import FerryStore

/// The MLflow tracking REST handlers: they translate JSON to store calls and back, nothing more.
struct TrackingHandlers: Sendable {
    let store: any TrackingStore

    /// Every tracking route, relative to `/api/` and `/ajax-api/`.
    var routes: [APIRoute] {
        experimentRoutes + runRoutes + loggingRoutes + loggedModelRoutes
    }

    static func viewType(_ fields: RequestFields, _ name: String) throws -> ViewType {
        guard let text = try fields.string(name) else {
            if let number = try? fields.int64(name) {
                switch number {
                case 2: return .deletedOnly
                case 3: return .all
                default: return .activeOnly
                }
            }
            return .activeOnly
        }
        guard let view = ViewType(rawValue: text) else {
            throw FerryError.invalidParameter(
                "Invalid value \"\(text)\" for parameter '\(name)' supplied: expected one of ACTIVE_ONLY, DELETED_ONLY, ALL.")
        }
        return view
    }

    static func runID(_ fields: RequestFields) throws -> String {
        try fields.requiredString("run_id", "run_uuid")
    }

    static func metric(_ fields: RequestFields) throws -> Metric {
        Metric(
            key: try fields.requiredString("key"), value: try fields.requiredDouble("value"),
            timestamp: try fields.requiredInt64("timestamp"), step: try fields.int64("step") ?? 0,
            datasetName: try fields.string("dataset_name"), datasetDigest: try fields.string("dataset_digest"),
            modelID: try fields.string("model_id"))
    }

    static func page(_ token: String?) -> JSONOutput? {
        token.map(JSONOutput.string)
    }
}

extension TrackingHandlers {
    var experimentRoutes: [APIRoute] {
        let store = self.store
        let search: JSONHandler = { request in
            let fields = request.fields
            guard let maxResults = try fields.int64("max_results") else {
                throw FerryError.invalidParameter(
                    "Invalid value 0 for parameter 'max_results' supplied. It must be at most 50000, but got value 0")
            }
            let page = try await store.searchExperiments(
                ExperimentQuery(
                    filter: try fields.string("filter"), orderBy: try fields.strings("order_by"),
                    viewType: try Self.viewType(fields, "view_type"), maxResults: Int(clamping: maxResults),
                    pageToken: try fields.string("page_token")))
            return .fields([("experiments", .array(page.items.map(DomainJSON.experiment))), ("next_page_token", Self.page(page.nextPageToken))])
        }
        return [
            APIRoute(.post, "2.0/mlflow/experiments/create") { request in
                let fields = request.fields
                let id = try await store.createExperiment(
                    name: try fields.requiredString("name"), artifactLocation: try fields.string("artifact_location"),
                    tags: try fields.keyValues("tags"))
                return .object([("experiment_id", .string(id))])
            },
            APIRoute(.get, "2.0/mlflow/experiments/get") { request in
                let experiment = try await store.experiment(id: try request.fields.requiredString("experiment_id"))
                return .object([("experiment", DomainJSON.experiment(experiment))])
            },
            APIRoute(.get, "2.0/mlflow/experiments/get-by-name") { request in
                let experiment = try await store.experiment(named: try request.fields.requiredString("experiment_name"))
                return .object([("experiment", DomainJSON.experiment(experiment))])
            },
            APIRoute(.post, "2.0/mlflow/experiments/search", search),
            APIRoute(.get, "2.0/mlflow/experiments/search", search),
            APIRoute(.post, "2.0/mlflow/experiments/update") { request in
                let fields = request.fields
                try await store.renameExperiment(id: try fields.requiredString("experiment_id"), to: try fields.requiredString("new_name"))
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/experiments/delete") { request in
                try await store.deleteExperiment(id: try request.fields.requiredString("experiment_id"))
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/experiments/restore") { request in
                try await store.restoreExperiment(id: try request.fields.requiredString("experiment_id"))
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/experiments/set-experiment-tag") { request in
                let fields = request.fields
                try await store.setExperimentTag(
                    id: try fields.requiredString("experiment_id"),
                    KeyValue(key: try fields.requiredString("key"), value: try fields.string("value") ?? ""))
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/experiments/delete-experiment-tag") { request in
                let fields = request.fields
                try await store.deleteExperimentTag(id: try fields.requiredString("experiment_id"), key: try fields.requiredString("key"))
                return .object([])
            },
        ]
    }

    var runRoutes: [APIRoute] {
        let store = self.store
        return [
            APIRoute(.post, "2.0/mlflow/runs/create") { request in
                let fields = request.fields
                let run = try await store.createRun(
                    NewRun(
                        experimentID: try fields.string("experiment_id") ?? Experiment.defaultID,
                        userID: try fields.string("user_id") ?? "", runName: try fields.string("run_name"),
                        startTime: try fields.int64("start_time"), tags: try fields.keyValues("tags")))
                return .object([("run", DomainJSON.run(run))])
            },
            APIRoute(.get, "2.0/mlflow/runs/get") { request in
                .object([("run", DomainJSON.run(try await store.run(id: try Self.runID(request.fields))))])
            },
            APIRoute(.post, "2.0/mlflow/runs/update") { request in
                let fields = request.fields
                var status: RunStatus?
                if let text = try fields.string("status") {
                    guard let parsed = RunStatus(rawValue: text) else {
                        throw FerryError.invalidParameter("Invalid value \"\(text)\" for parameter 'status' supplied.")
                    }
                    status = parsed
                }
                let info = try await store.updateRun(
                    id: try Self.runID(fields),
                    RunUpdate(status: status, endTime: try fields.int64("end_time"), runName: try fields.string("run_name")))
                return .object([("run_info", DomainJSON.runInfo(info))])
            },
            APIRoute(.post, "2.0/mlflow/runs/delete") { request in
                try await store.deleteRun(id: try Self.runID(request.fields))
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/runs/restore") { request in
                try await store.restoreRun(id: try Self.runID(request.fields))
                return .object([])
            },
            APIRoute(.post, "2.0/mlflow/runs/search") { request in
                let fields = request.fields
                let maxResults = try fields.int64("max_results") ?? Int64(Limits.defaultRunsPerSearch)
                let page = try await store.searchRuns(
                    RunQuery(
                        experimentIDs: try fields.strings("experiment_ids"), filter: try fields.string("filter"),
                        orderBy: try fields.strings("order_by"), viewType: try Self.viewType(fields, "run_view_type"),
                        maxResults: Int(clamping: maxResults), pageToken: try fields.string("page_token")))
                return .fields([("runs", .array(page.items.map(DomainJSON.run))), ("next_page_token", Self.page(page.nextPageToken))])
            },
        ]
    }
}
