import FerryCore
import Testing

/// Helpers shared by the Search*Tests files.
enum SearchTesting {
    /// The clauses of a filter, or nil (with a recorded issue) when it is rejected.
    static func clauses(_ filter: String?, _ target: SearchTarget = .runs) -> [SearchClause]? {
        do {
            return try SearchFilterParser.parse(filter, for: target)
        } catch {
            Issue.record("\(filter ?? "nil") was rejected: \(error)")
            return nil
        }
    }

    /// The single clause of a filter.
    static func clause(_ filter: String, _ target: SearchTarget = .runs) -> SearchClause? {
        let parsed = clauses(filter, target)
        #expect(parsed?.count == 1, "\(filter)")
        return parsed?.first
    }

    /// The message a rejected filter gives, or nil (with a recorded issue) when it is accepted.
    static func message(_ filter: String, _ target: SearchTarget = .runs) -> String? {
        do {
            let parsed = try SearchFilterParser.parse(filter, for: target)
            Issue.record("\(filter) was accepted: \(parsed)")
            return nil
        } catch let error as FerryError {
            #expect(error.code == .invalidParameterValue)
            return error.message
        } catch {
            Issue.record("\(filter) threw \(error)")
            return nil
        }
    }

    /// Whether a filter is accepted, without recording anything.
    static func accepts(_ filter: String, _ target: SearchTarget) -> Bool {
        (try? SearchFilterParser.parse(filter, for: target)) != nil
    }

    /// A one-clause filter using `op`, with a value of the right form for it.
    static func filter(_ key: String, _ op: ComparisonOperator, numeric: Bool) -> String {
        switch op {
        case .isNull, .isNotNull: "\(key) \(op.rawValue)"
        case .in, .notIn: "\(key) \(op.rawValue) (\(numeric ? "'1'" : "'a', 'b'"))"
        default: "\(key) \(op.rawValue) \(numeric ? "1" : "'a'")"
        }
    }

    /// The operators a key accepts, tried one by one.
    static func acceptedOperators(_ key: String, numeric: Bool, _ target: SearchTarget) -> Set<ComparisonOperator> {
        Set(ComparisonOperator.allCases.filter { accepts(filter(key, $0, numeric: numeric), target) })
    }
}

@Suite("Search filter syntax")
struct SearchFilterSyntaxTests {
    @Test("nil, empty and blank filters mean no filter", arguments: [nil, "", "   ", "\n\t"])
    func emptyFilters(filter: String?) {
        #expect(SearchTesting.clauses(filter) == [])
    }

    @Test("AND joins clauses, in any case; stray ANDs are tolerated as in MLflow")
    func conjunctions() {
        let expected = [
            SearchClause(entity: .metric, key: "m", op: .greater, value: .number(1)),
            SearchClause(entity: .param, key: "p", op: .equal, value: .string("a")),
        ]
        for filter in [
            "metrics.m > 1 AND params.p = 'a'", "metrics.m > 1 and params.p = 'a'", "metrics.m > 1 And params.p = 'a'",
            "metrics.m>1 AND params.p='a'", "params.p = 'a' AND", "AND metrics.m > 1 AND AND params.p = 'a'",
            "metrics.m > 1 params.p = 'a'",
        ] {
            let parsed = SearchTesting.clauses(filter)
            #expect(parsed?.count == (filter.hasPrefix("params") ? 1 : 2), "\(filter)")
            if parsed?.count == 2 { #expect(parsed == expected, "\(filter)") }
        }
        #expect(SearchTesting.clauses("params.p='a'AND params.q='b'")?.count == 2)
        #expect(SearchTesting.clauses("AND") == [])
    }

    @Test("OR, NOT and parentheses are rejected (the filter is AND-only)")
    func disjunctionsAndGroups() {
        #expect(SearchTesting.message("metrics.m > 1 OR metrics.m < 0") == "Invalid clause(s) in filter string: 'OR'")
        #expect(SearchTesting.message("metrics.m > 1 or metrics.m < 0") == "Invalid clause(s) in filter string: 'or'")
        #expect(SearchTesting.message("(metrics.m > 1)") == "Invalid clause(s) in filter string: '(metrics.m > 1)'")
        #expect(SearchTesting.message("metrics.m = 1 AND NOT params.p = 'a'") == "Invalid clause(s) in filter string: 'NOT'")
        #expect(SearchTesting.message("params.p = 'x' AND (tags.t = 'y')") == "Invalid clause(s) in filter string: '(tags.t = 'y')'")
        // Experiments print the fragments without quotes, as MLflow does.
        #expect(SearchTesting.message("name = 'a' OR name = 'b'", .experiments) == "Invalid clause(s) in filter string: OR")
    }

    @Test("multiple statements and stray semicolons")
    func statements() {
        #expect(
            SearchTesting.message("metrics.m > 1; metrics.m < 0")
                == "Search filter contained multiple expression 'metrics.m > 1; metrics.m < 0'. Provide AND-ed expression list."
        )
        #expect(
            SearchTesting.message("params.p = 'a'; x")
                == "Search filter contained multiple expression \"params.p = 'a'; x\". Provide AND-ed expression list."
        )
        #expect(SearchTesting.message("metrics.m > 1;") == "Invalid clause(s) in filter string: ';'")
        #expect(
            SearchTesting.message("run_id IN ('a';'b')")
                == "While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list."
        )
    }

    @Test("incomplete and malformed comparisons")
    func malformedComparisons() {
        #expect(SearchTesting.message("metrics.m") == "Invalid clause(s) in filter string: 'metrics.m'")
        #expect(SearchTesting.message("metrics.m >") == "Invalid clause(s) in filter string: 'metrics.m', '>'")
        #expect(SearchTesting.message("params.p IS 'a'") == "Invalid clause(s) in filter string: 'params.p', 'IS', ''a''")
        #expect(SearchTesting.message("run_id IN 'a'") == "Invalid clause(s) in filter string: 'run_id', 'IN', ''a''")
        #expect(SearchTesting.message("1 = metrics.m") == "Invalid comparison clause. Expected 'Identifier' found '1'")
        #expect(SearchTesting.message("'x' = params.p") == "Invalid comparison clause. Expected 'Identifier' found ''x''")
        #expect(SearchTesting.message("params.p = 'a") == "Invalid clause(s) in filter string: ''a'")
        #expect(SearchTesting.message("metrics.m > +1") == "Invalid clause(s) in filter string: '+'")
        #expect(SearchTesting.message("metrics.m > 0x10") == "Invalid clause(s) in filter string: '0x10'")
        #expect(SearchTesting.message("metrics.m-1 > 1") == "Invalid clause(s) in filter string: 'metrics.m', '-1'")
    }

    @Test("keys quoted with backticks, double or single quotes; unquoted dotted keys")
    func quotedKeys() {
        let cases: [(String, SearchEntity, String)] = [
            ("tags.`mlflow.runName` = 'r'", .tag, "mlflow.runName"),
            ("tags.mlflow.runName = 'r'", .tag, "mlflow.runName"),
            ("tags.\"a.b\" = 'r'", .tag, "a.b"),
            ("tags.'a b' = 'r'", .tag, "a b"),
            ("`tags`.a = 'r'", .tag, "a"),
            ("params.`p-1/x:y z` = 'r'", .param, "p-1/x:y z"),
            ("\"run name\" = 'r'", .attribute, "run_name"),
            ("`run name` = 'r'", .attribute, "run_name"),
        ]
        for (filter, entity, key) in cases {
            let parsed = SearchTesting.clause(filter)
            #expect(parsed?.entity == entity, "\(filter)")
            #expect(parsed?.key == key, "\(filter)")
        }
    }

    @Test("string values in single or double quotes, kept verbatim as MLflow does")
    func stringValues() {
        #expect(SearchTesting.clause("params.p = 'x'")?.value == .string("x"))
        #expect(SearchTesting.clause("params.p = \"x\"")?.value == .string("x"))
        #expect(SearchTesting.clause("params.p = ''")?.value == .string(""))
        #expect(SearchTesting.clause("tags.t = \"it's\"")?.value == .string("it's"))
        #expect(SearchTesting.clause("tags.t = 'it''s'")?.value == .string("it''s"))
        #expect(SearchTesting.clause("tags.t = 'a AND b'")?.value == .string("a AND b"))
        #expect(SearchTesting.clause("tags.t LIKE '%a_b%'")?.value == .string("%a_b%"))
    }

    @Test(
        "numbers: integers, decimals, negatives, exponents",
        arguments: [
            ("1", 1.0), ("-3", -3.0), ("2.5", 2.5), (".5", 0.5), ("5.", 5.0), ("-.5", -0.5), ("1e3", 1000.0),
            ("1E-3", 0.001), ("-1.5e2", -150.0), ("1700000000000", 1_700_000_000_000.0),
        ]
    )
    func numbers(text: String, value: Double) {
        #expect(SearchTesting.clause("metrics.m >= \(text)")?.value == .number(value))
    }

    @Test("lists: single or double quotes, trailing comma; empty and malformed lists are rejected")
    func lists() {
        #expect(SearchTesting.clause("run_id IN ('a','b')")?.value == .list(["a", "b"]))
        #expect(SearchTesting.clause("run_id IN (\"a\", 'b')")?.value == .list(["a", "b"]))
        #expect(SearchTesting.clause("run_id IN ('a',)")?.value == .list(["a"]))
        #expect(
            SearchTesting.message("run_id IN ()")
                == "While parsing a list in the query, expected a non-empty list of string values, but got empty list"
        )
        #expect(
            SearchTesting.message("run_id IN ('a', 1)")
                == "While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: ('a', 1)"
        )
        for malformed in ["run_id IN (a)", "run_id IN ('a' 'b')", "run_id IN (('a'))", "run_id IN ('a',,'b')", "run_id IN ('a'"] {
            #expect(
                SearchTesting.message(malformed)
                    == "While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.",
                "\(malformed)"
            )
        }
    }

    @Test("operators and keywords are case-insensitive; whitespace is free")
    func caseInsensitiveOperators() {
        #expect(SearchTesting.clause("params.p like 'a%'")?.op == .like)
        #expect(SearchTesting.clause("params.p iLike 'a%'")?.op == .ilike)
        #expect(SearchTesting.clause("tags.t is null")?.op == .isNull)
        #expect(SearchTesting.clause("tags.t Is Not Null")?.op == .isNotNull)
        #expect(SearchTesting.clause("tags.t IS  NOT\tNULL")?.op == .isNotNull)
        #expect(SearchTesting.clause("run_id in ('a')")?.op == .in)
        #expect(SearchTesting.clause("run_id not in ('a')")?.op == .notIn)
        #expect(SearchTesting.clause("name like 'a%'", .experiments)?.op == .like)
    }

    @Test("operators MLflow tokenizes but never accepts")
    func unsupportedOperators() {
        #expect(SearchTesting.message("metrics.m <> 1")?.hasPrefix("Invalid comparator '<>' not one of '{") == true)
        #expect(SearchTesting.message("metrics.m == 1")?.hasPrefix("Invalid comparator '==' not one of '{") == true)
        #expect(SearchTesting.message("params.p NOT LIKE 'a'")?.hasPrefix("Invalid comparator 'NOT LIKE' not one of '{") == true)
        #expect(
            SearchTesting.message("run_id = ('a')")
                == "Invalid comparator '=' for a list of values. Use 'IN' or 'NOT IN' with a list."
        )
    }
}
