import FerryCore
import Testing

/// order_by parsing; messages checked against MLflow 3.17.2.
@Suite("Search order_by")
struct SearchOrderByTests {
    private func clause(_ entry: String, _ target: SearchTarget = .runs) -> OrderByClause? {
        do {
            return try OrderByParser.parse([entry], for: target).first
        } catch {
            Issue.record("\(entry) was rejected: \(error)")
            return nil
        }
    }

    private func message(_ entries: [String], _ target: SearchTarget = .runs) -> String? {
        do {
            let parsed = try OrderByParser.parse(entries, for: target)
            Issue.record("\(entries) was accepted: \(parsed)")
            return nil
        } catch let error as FerryError {
            #expect(error.code == .invalidParameterValue)
            return error.message
        } catch {
            Issue.record("\(entries) threw \(error)")
            return nil
        }
    }

    @Test(
        "direction keywords, in any case; ascending by default",
        arguments: [
            ("start_time", true), ("start_time ASC", true), ("start_time asc", true), ("start_time Asc", true),
            ("start_time DESC", false), ("start_time desc", false), ("start_time   DESC", false), (" start_time DESC ", false),
        ])
    func directions(entry: String, ascending: Bool) {
        #expect(clause(entry) == OrderByClause(entity: .attribute, key: "start_time", ascending: ascending))
    }

    @Test(
        "run keys, prefixes, quoting and aliases",
        arguments: [
            ("metrics.m DESC", OrderByClause(entity: .metric, key: "m", ascending: false)),
            ("metric.`a b` ASC", OrderByClause(entity: .metric, key: "a b", ascending: true)),
            ("metrics.\"a b\"", OrderByClause(entity: .metric, key: "a b", ascending: true)),
            ("params.p", OrderByClause(entity: .param, key: "p", ascending: true)),
            ("tags.`mlflow.runName` DESC", OrderByClause(entity: .tag, key: "mlflow.runName", ascending: false)),
            ("tags.mlflow.runName", OrderByClause(entity: .tag, key: "mlflow.runName", ascending: true)),
            ("attributes.status", OrderByClause(entity: .attribute, key: "status", ascending: true)),
            ("created DESC", OrderByClause(entity: .attribute, key: "start_time", ascending: false)),
            ("Created", OrderByClause(entity: .attribute, key: "start_time", ascending: true)),
            ("run_name", OrderByClause(entity: .attribute, key: "run_name", ascending: true)),
            ("end_time", OrderByClause(entity: .attribute, key: "end_time", ascending: true)),
        ])
    func runKeys(entry: String, expected: OrderByClause) {
        #expect(clause(entry) == expected)
    }

    @Test("several entries keep their order")
    func several() throws {
        let parsed = try OrderByParser.parse(["metrics.acc DESC", "params.lr", "start_time ASC"], for: .runs)
        #expect(parsed.map(\.key) == ["acc", "lr", "start_time"])
        #expect(try OrderByParser.parse([], for: .runs) == [])
    }

    @Test(
        "unparsable entries",
        arguments: [
            "", "   ", "metrics.m ASC DESC", "metrics.m, params.p", "(start_time)",
            "metrics.m > 1", "start_time DESC;", "'start_time'", "metrics.`m",
        ])
    func unparsable(entry: String) {
        #expect(message([entry]) == "Invalid order_by clause '\(entry)'. Could not be parsed.")
    }

    @Test(
        "MLflow's messages for bad run keys",
        arguments: [
            ("metrics.m DOWN", "Invalid ordering key in order_by clause 'metrics.m DOWN'."),
            ("run name", "Invalid ordering key in order_by clause 'run name'."),
            ("bogus.m", "Invalid entity type 'bogus'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']"),
            ("dataset.name", "Invalid identifier type 'dataset'"),
            (
                "`run name`",
                "Invalid attribute key 'run name' specified. Valid keys are '{'Created', 'artifact_uri', 'created', "
                    + "'end_time', 'run_id', 'run_name', 'start_time', 'status', 'user_id'}'"
            ),
        ])
    func runMessages(entry: String, expected: String) {
        #expect(message([entry]) == expected)
    }

    @Test("runs reject the same key twice, aliases included")
    func duplicates() {
        #expect(
            message(["start_time DESC", "created"])
                == "`order_by` contains duplicate fields: ['start_time DESC', 'created']"
        )
        #expect(message(["metrics.m", "metric.m DESC"]) == "`order_by` contains duplicate fields: ['metrics.m', 'metric.m DESC']")
        #expect((try? OrderByParser.parse(["metrics.m", "params.m", "tags.m"], for: .runs))?.count == 3)
        #expect((try? OrderByParser.parse(["name", "name DESC"], for: .experiments))?.count == 2)
    }

    @Test("experiments order by attributes only")
    func experiments() {
        #expect(clause("name DESC", .experiments) == OrderByClause(entity: .attribute, key: "name", ascending: false))
        #expect(clause("experiment_id asc", .experiments) == OrderByClause(entity: .attribute, key: "experiment_id", ascending: true))
        #expect(clause("attribute.creation_time", .experiments)?.key == "creation_time")
        #expect(clause("last_update_time DESC", .experiments)?.key == "last_update_time")
        #expect(message(["tags.t"], .experiments) == "Invalid order_by entity: tag")
        #expect(
            message(["attributes.name"], .experiments)
                == "Invalid entity type 'attributes'. Valid entity types are ('attribute', 'tag', 'tags')"
        )
        #expect(
            message(["lifecycle_stage"], .experiments)
                == "Invalid attribute key 'lifecycle_stage' specified. Valid keys are "
                + "'{'creation_time', 'experiment_id', 'last_update_time', 'name'}'"
        )
    }

    @Test(
        "logged models: structured field names",
        arguments: [
            ("name", OrderByClause(entity: .attribute, key: "name", ascending: false)),
            (" creation_time ", OrderByClause(entity: .attribute, key: "creation_timestamp", ascending: false)),
            ("last_updated_time", OrderByClause(entity: .attribute, key: "last_updated_timestamp", ascending: false)),
            ("metrics.accuracy", OrderByClause(entity: .metric, key: "accuracy", ascending: false)),
            ("metrics.my metric", OrderByClause(entity: .metric, key: "my metric", ascending: false)),
            ("metrics.`a.b`", OrderByClause(entity: .metric, key: "a.b", ascending: false)),
        ])
    func loggedModelFields(field: String, expected: OrderByClause) throws {
        #expect(try OrderByParser.parse(field: field, ascending: false, for: .loggedModels) == expected)
    }

    @Test("logged models: MLflow's messages for bad field names")
    func loggedModelMessages() {
        func fieldMessage(_ field: String) -> String? {
            do {
                _ = try OrderByParser.parse(field: field, ascending: true, for: .loggedModels)
                return nil
            } catch {
                return (error as? FerryError)?.message
            }
        }
        #expect(fieldMessage("foo") == "Invalid order by field name: foo")
        #expect(fieldMessage("params.p") == "Invalid order by field name: params.p. Only metrics are supported.")
        #expect(fieldMessage("metric.m") == "Invalid order by field name: metric.m. Only metrics are supported.")
        #expect(clause("metrics.m DESC", .loggedModels) == OrderByClause(entity: .metric, key: "m", ascending: false))
    }
}
