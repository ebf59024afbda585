import FerryCore
import Testing

/// Logged-model filters: `SearchLoggedModelsUtils`' keys, with what MLflow's SQL store also accepts.
@Suite("Search filter: logged models")
struct SearchFilterLoggedModelsTests {
    private static let numeric: Set<ComparisonOperator> = [.greater, .greaterOrEqual, .less, .lessOrEqual, .equal, .notEqual]
    private static let textOrList: Set<ComparisonOperator> = [.equal, .notEqual, .like, .ilike, .in, .notIn]

    @Test(
        "operators accepted per key",
        arguments: [
            ("metrics.m", true, numeric), ("creation_timestamp", true, numeric), ("last_updated_timestamp", true, numeric),
            ("name", false, textOrList), ("model_id", false, textOrList), ("model_type", false, textOrList),
            ("status", false, textOrList), ("source_run_id", false, textOrList),
            ("params.p", false, textOrList), ("tags.t", false, textOrList),
        ]
    )
    func operators(key: String, numeric: Bool, expected: Set<ComparisonOperator>) {
        #expect(SearchTesting.acceptedOperators(key, numeric: numeric, .loggedModels) == expected)
    }

    @Test(
        "timestamp aliases",
        arguments: [
            ("creation_time", "creation_timestamp"), ("creation_timestamp", "creation_timestamp"),
            ("last_updated_time", "last_updated_timestamp"), ("attributes.last_updated_timestamp", "last_updated_timestamp"),
        ])
    func aliases(written: String, canonical: String) {
        #expect(
            SearchTesting.clause("\(written) > 5", .loggedModels)
                == SearchClause(entity: .attribute, key: canonical, op: .greater, value: .number(5))
        )
    }

    @Test("the filter the client sends when registering a model")
    func registerFlowFilter() {
        #expect(
            SearchTesting.clauses("name = 'model'", .loggedModels) == [
                SearchClause(entity: .attribute, key: "name", op: .equal, value: .string("model"))
            ]
        )
    }

    @Test("params and tags take bare numbers as their text, as MLflow's SQL store does")
    func bareNumbersForParams() {
        #expect(SearchTesting.clause("params.lr = 0.010", .loggedModels)?.value == .string("0.010"))
        #expect(SearchTesting.clause("tags.n != -3", .loggedModels)?.value == .string("-3"))
        #expect(SearchTesting.clause("params.p IN ('a', 'b')", .loggedModels)?.value == .list(["a", "b"]))
        #expect(
            SearchTesting.message("params.lr = 0.01")
                == "Expected a quoted string value for parameter (e.g. 'my-value'). Got value 0.01"
        )
    }

    @Test("metrics and timestamps need numbers")
    func numericValues() {
        #expect(
            SearchTesting.clauses("name = 'a' AND metrics.accuracy >= 0.5", .loggedModels) == [
                SearchClause(entity: .attribute, key: "name", op: .equal, value: .string("a")),
                SearchClause(entity: .metric, key: "accuracy", op: .greaterOrEqual, value: .number(0.5)),
            ]
        )
        #expect(SearchTesting.message("metrics.m = '1'", .loggedModels) == "Expected numeric value type for metric. Found '1'")
        #expect(
            SearchTesting.message("creation_timestamp > '5'", .loggedModels)
                == "Expected numeric value type for numeric attribute: creation_timestamp. Found '5'"
        )
    }

    @Test("no IS NULL, datasets or unknown attributes")
    func rejected() {
        #expect(
            SearchTesting.message("tags.t IS NULL", .loggedModels)
                == "Invalid comparator 'IS NULL' not one of '{'=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'}'"
        )
        #expect(
            SearchTesting.message("metrics.m IS NOT NULL", .loggedModels)
                == "Invalid comparator 'IS NOT NULL' not one of '{'>', '>=', '=', '!=', '<', '<='}'"
        )
        #expect(
            SearchTesting.message("datasets.name = 'a'", .loggedModels)
                == "Invalid entity type 'datasets'. Valid values are ['metric', 'parameter', 'tag', 'attribute']"
        )
        #expect(
            SearchTesting.message("experiment_id = '1'", .loggedModels)
                == "Invalid attribute key 'experiment_id' specified. Valid keys are '{'creation_time', "
                + "'creation_timestamp', 'last_updated_time', 'last_updated_timestamp', 'model_id', 'model_type', "
                + "'name', 'source_run_id', 'status'}'"
        )
        #expect(SearchTesting.message("name > 'a'", .loggedModels)?.hasPrefix("Invalid comparator '>' not one of") == true)
    }
}
