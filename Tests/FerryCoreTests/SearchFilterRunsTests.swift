import FerryCore
import Testing

/// Run filters; expected messages were checked against MLflow 3.17.2 (`SearchUtils` plus its SQL store checks).
@Suite("Search filter: runs")
struct SearchFilterRunsTests {
    private static let numeric: Set<ComparisonOperator> = [.greater, .greaterOrEqual, .less, .lessOrEqual, .equal, .notEqual]
    private static let keyValue: Set<ComparisonOperator> = [.equal, .notEqual, .like, .ilike, .isNull, .isNotNull]
    private static let text: Set<ComparisonOperator> = [.equal, .notEqual, .like, .ilike]
    private static let textOrList: Set<ComparisonOperator> = [.equal, .notEqual, .like, .ilike, .in, .notIn]

    @Test(
        "operators accepted per key",
        arguments: [
            ("metrics.m", true, numeric), ("metric.`a b`", true, numeric),
            ("start_time", true, numeric), ("end_time", true, numeric), ("created", true, numeric),
            ("params.p", false, keyValue), ("tags.t", false, keyValue),
            ("run_id", false, textOrList),
            ("run_name", false, text), ("status", false, text), ("user_id", false, text), ("artifact_uri", false, text),
            ("dataset.name", false, textOrList), ("dataset.digest", false, textOrList), ("dataset.context", false, textOrList),
        ]
    )
    func operators(key: String, numeric: Bool, expected: Set<ComparisonOperator>) {
        #expect(SearchTesting.acceptedOperators(key, numeric: numeric, .runs) == expected)
    }

    @Test(
        "entity prefixes and their aliases",
        arguments: [
            ("metric", SearchEntity.metric), ("metrics", .metric),
            ("param", .param), ("params", .param), ("parameter", .param), ("parameters", .param),
            ("tag", .tag), ("tags", .tag),
            ("attribute", .attribute), ("attributes", .attribute), ("attr", .attribute), ("run", .attribute),
            ("dataset", .dataset), ("datasets", .dataset),
        ])
    func prefixes(prefix: String, entity: SearchEntity) {
        let key =
            switch entity {
            case .attribute: "status"
            case .dataset: "name"
            default: "k"
            }
        let value = entity == .metric ? "1" : "'v'"
        let parsed = SearchTesting.clause("\(prefix).\(key) = \(value)")
        #expect(parsed?.entity == entity)
        #expect(parsed?.key == key)
    }

    @Test(
        "attribute aliases resolve to canonical keys",
        arguments: [
            ("created > 5", "start_time"), ("Created > 5", "start_time"), ("attributes.created > 5", "start_time"),
            ("`run name` = 'x'", "run_name"), ("\"Run name\" = 'x'", "run_name"), ("`Run Name` = 'x'", "run_name"),
            ("run_name = 'x'", "run_name"), ("run.run_id = 'x'", "run_id"),
        ])
    func aliases(filter: String, key: String) {
        let parsed = SearchTesting.clause(filter)
        #expect(parsed?.entity == .attribute)
        #expect(parsed?.key == key)
    }

    @Test("a typical filter parses to the expected clauses")
    func typicalFilter() {
        let parsed = SearchTesting.clauses(
            "metrics.rmse < 0.8 and params.model = 'rf' AND tags.`mlflow.runName` LIKE 'exp-%' "
                + "AND status = 'FINISHED' AND start_time >= 1700000000000 AND run_id IN ('a1', 'b2') "
                + "AND tags.team IS NOT NULL AND dataset.context = 'training'"
        )
        #expect(
            parsed == [
                SearchClause(entity: .metric, key: "rmse", op: .less, value: .number(0.8)),
                SearchClause(entity: .param, key: "model", op: .equal, value: .string("rf")),
                SearchClause(entity: .tag, key: "mlflow.runName", op: .like, value: .string("exp-%")),
                SearchClause(entity: .attribute, key: "status", op: .equal, value: .string("FINISHED")),
                SearchClause(entity: .attribute, key: "start_time", op: .greaterOrEqual, value: .number(1_700_000_000_000)),
                SearchClause(entity: .attribute, key: "run_id", op: .in, value: .list(["a1", "b2"])),
                SearchClause(entity: .tag, key: "team", op: .isNotNull, value: .none),
                SearchClause(entity: .dataset, key: "context", op: .equal, value: .string("training")),
            ]
        )
    }

    @Test("numeric attributes take decimals too")
    func numericAttributeDecimal() {
        #expect(SearchTesting.clause("start_time > 1.5")?.value == .number(1.5))
    }

    @Test("MLflow's messages for invalid keys and entities")
    func keyMessages() {
        #expect(
            SearchTesting.message("foo.bar = 'x'")
                == "Invalid entity type 'foo'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']"
        )
        #expect(SearchTesting.message("Metrics.m > 1")?.hasPrefix("Invalid entity type 'Metrics'.") == true)
        let validKeys =
            "{'Created', 'Run Name', 'Run name', 'artifact_uri', 'created', 'end_time', 'run name', 'run_id', "
            + "'run_name', 'start_time', 'status', 'user_id'}"
        for key in ["lifecycle_stage", "id", "RUN_ID", "m"] {
            #expect(
                SearchTesting.message("attr.\(key) = 'x'")
                    == "Invalid attribute key '\(key)' specified. Valid keys are '\(validKeys)'"
            )
        }
        #expect(
            SearchTesting.message("dataset.foo = 'a'")
                == "Invalid dataset key 'foo' specified. Valid keys are '{'name', 'digest', 'context'}'"
        )
    }

    @Test(
        "MLflow's messages for values of the wrong form",
        arguments: [
            ("metrics.m = '1'", "Expected numeric value type for metric. Found '1'"),
            ("metrics.m > inf", "Expected numeric value type for metric. Found inf"),
            ("metrics.m IN (1, 2)", "Expected numeric value type for metric. Found (1, 2)"),
            ("metrics.m LIKE 'a'", "Expected numeric value type for metric. Found 'a'"),
            ("start_time = '5'", "Expected numeric value type for numeric attribute: start_time. Found '5'"),
            ("created > \"5\"", "Expected numeric value type for numeric attribute: created. Found \"5\""),
            ("params.p = 1", "Expected a quoted string value for parameter (e.g. 'my-value'). Got value 1"),
            ("params.p IN ('a')", "Expected a quoted string value for parameter (e.g. 'my-value'). Got value ('a')"),
            ("tags.t NOT IN ('a')", "Expected a quoted string value for tag (e.g. 'my-value'). Got value ('a')"),
            (
                "params.p != x",
                "Parameter value is either not quoted or unidentified quote types used for string value x. Use either single or double quotes."
            ),
            (
                "status = RUNNING",
                "Parameter value is either not quoted or unidentified quote types used for string value RUNNING. Use either single or double quotes."
            ),
            (
                "params.p = `x`",
                "Parameter value is either not quoted or unidentified quote types used for string value `x`. Use either single or double quotes."
            ),
            ("run_name = 1", "Expected a quoted string value for attributes. Got value 1"),
            ("status IN ('a')", "Only ['run_id'] attributes support comparison with a list of quoted string values."),
            ("dataset.name = 1", "Expected a quoted string value for dataset attributes. Got value 1"),
        ])
    func valueMessages(filter: String, message: String) {
        #expect(SearchTesting.message(filter) == message)
    }

    @Test("MLflow's messages for operators a key does not take")
    func operatorMessages() {
        #expect(
            SearchTesting.message("metrics.m IS NULL")
                == "IS NULL / IS NOT NULL is only supported for tags and params, not for 'metric' 'm'"
        )
        #expect(
            SearchTesting.message("run_name IS NOT NULL")
                == "IS NULL / IS NOT NULL is only supported for tags and params, not for 'attribute' 'run_name'"
        )
        #expect(
            SearchTesting.message("dataset.name IS NULL")
                == "IS NULL / IS NOT NULL is only supported for tags and params, not for 'dataset' 'name'"
        )
        #expect(
            SearchTesting.message("metrics.m LIKE 5")
                == "Invalid comparator 'LIKE' not one of '{'>', '>=', '=', '!=', '<', '<='}'"
        )
        #expect(
            SearchTesting.message("start_time ILIKE 5")
                == "Invalid comparator 'ILIKE' not one of '{'>', '>=', '=', '!=', '<', '<='}'"
        )
        #expect(SearchTesting.message("status > 'a'") == "Invalid comparator '>' not one of '{'=', '!=', 'LIKE', 'ILIKE'}'")
        #expect(
            SearchTesting.message("params.p < 'a'")
                == "Invalid comparator '<' not one of '{'=', '!=', 'LIKE', 'ILIKE', 'IS NULL', 'IS NOT NULL'}'"
        )
        #expect(
            SearchTesting.message("dataset.digest >= 'a'")
                == "Invalid comparator '>=' not one of '{'=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'}'"
        )
    }
}
