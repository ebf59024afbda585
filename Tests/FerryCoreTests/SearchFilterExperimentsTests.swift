import FerryCore
import Testing

/// Experiment filters; messages checked against MLflow 3.17.2 (`SearchExperimentsUtils` plus its SQL store checks).
@Suite("Search filter: experiments")
struct SearchFilterExperimentsTests {
    private static let text: Set<ComparisonOperator> = [.equal, .notEqual, .like, .ilike]
    private static let numeric: Set<ComparisonOperator> = [.greater, .greaterOrEqual, .less, .lessOrEqual, .equal, .notEqual]
    private static let tags: Set<ComparisonOperator> = [.equal, .notEqual, .like, .ilike, .isNull, .isNotNull]

    @Test(
        "operators accepted per key",
        arguments: [
            ("name", false, text), ("attribute.name", false, text),
            ("creation_time", true, numeric), ("last_update_time", true, numeric),
            ("tags.t", false, tags), ("tag.t", false, tags),
        ]
    )
    func operators(key: String, numeric: Bool, expected: Set<ComparisonOperator>) {
        #expect(SearchTesting.acceptedOperators(key, numeric: numeric, .experiments) == expected)
    }

    @Test("experiment_id takes = != IN NOT IN with quoted integers, normalised")
    func experimentID() {
        #expect(
            SearchTesting.clause("experiment_id = '1'", .experiments)
                == SearchClause(entity: .attribute, key: "experiment_id", op: .equal, value: .string("1"))
        )
        #expect(SearchTesting.clause("experiment_id != '01'", .experiments)?.value == .string("1"))
        #expect(SearchTesting.clause("experiment_id IN ('1', \"2\")", .experiments)?.value == .list(["1", "2"]))
        #expect(SearchTesting.clause("experiment_id NOT IN ('-1',)", .experiments)?.value == .list(["-1"]))
        #expect(
            SearchTesting.message("experiment_id = 'abc'", .experiments)
                == "Invalid experiment ID 'abc'. Experiment ID must be a valid integer."
        )
        #expect(
            SearchTesting.message("experiment_id IN ('1', 'x')", .experiments)
                == "Invalid experiment ID 'x'. Experiment ID must be a valid integer."
        )
        #expect(SearchTesting.message("experiment_id LIKE '1'", .experiments) == "Invalid comparator for experiment_id: LIKE")
        #expect(SearchTesting.message("experiment_id > '1'", .experiments) == "Invalid comparator for experiment_id: >")
        #expect(
            SearchTesting.message("experiment_id = 1", .experiments)
                == "Expected a quoted string value for attributes. Got value 1"
        )
    }

    @Test("timestamps are whole numbers")
    func timestamps() {
        #expect(
            SearchTesting.clause("creation_time >= 1700000000000", .experiments)
                == SearchClause(entity: .attribute, key: "creation_time", op: .greaterOrEqual, value: .number(1_700_000_000_000))
        )
        #expect(
            SearchTesting.message("creation_time > 1.5", .experiments)
                == "Invalid value for numeric attribute 'creation_time': '1.5'"
        )
        #expect(
            SearchTesting.message("last_update_time > 1e3", .experiments)
                == "Invalid value for numeric attribute 'last_update_time': '1e3'"
        )
        #expect(
            SearchTesting.message("creation_time > '5'", .experiments)
                == "Expected numeric value type for numeric attribute: creation_time. Found '5'"
        )
    }

    @Test("a typical filter parses to the expected clauses")
    func typicalFilter() {
        #expect(
            SearchTesting.clauses("name LIKE 'prod-%' AND tags.owner = 'ml' AND tags.archived IS NULL", .experiments) == [
                SearchClause(entity: .attribute, key: "name", op: .like, value: .string("prod-%")),
                SearchClause(entity: .tag, key: "owner", op: .equal, value: .string("ml")),
                SearchClause(entity: .tag, key: "archived", op: .isNull, value: .none),
            ]
        )
    }

    @Test("only attribute, tag and tags prefixes", arguments: ["attributes", "attr", "metrics", "params", "dataset", "run"])
    func prefixes(prefix: String) {
        #expect(
            SearchTesting.message("\(prefix).x = 'a'", .experiments)
                == "Invalid entity type '\(prefix)'. Valid entity types are ('attribute', 'tag', 'tags')"
        )
    }

    @Test(
        "MLflow's messages for other invalid filters",
        arguments: [
            (
                "lifecycle_stage = 'active'",
                "Invalid attribute key 'lifecycle_stage' specified. Valid keys are "
                    + "'{'creation_time', 'experiment_id', 'last_update_time', 'name'}'"
            ),
            ("name IN ('a')", "Only ['experiment_id'] attributes support comparison with a list of quoted string values."),
            ("name IS NULL", "IS NULL / IS NOT NULL is only supported for tags, not for attribute 'name'"),
            ("tags.t IN ('a')", "Expected a quoted string value for tag (e.g. 'my-value'). Got value ('a')"),
            ("tags.t > 'a'", "Invalid comparator for tag: >"),
            ("name = 1", "Expected a quoted string value for attributes. Got value 1"),
            ("name > 'a'", "Invalid comparator '>' not one of '{'=', '!=', 'LIKE', 'ILIKE'}'"),
        ])
    func messages(filter: String, message: String) {
        #expect(SearchTesting.message(filter, .experiments) == message)
    }
}
