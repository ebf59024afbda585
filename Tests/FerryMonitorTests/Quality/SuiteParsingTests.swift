import Foundation
import Testing

@testable import FerryMonitor

@Suite("Quality suite files")
struct SuiteParsingTests {
    static let churnSuite = #"""
        name: churn-input
        checks:
          - expect_column_to_exist: {column: age}
          - expect_column_values_to_be_of_type: {column: age, type: integer}
          - expect_column_values_to_not_be_null: {column: age, mostly: 0.99}
          - expect_column_values_to_be_between: {column: age, min_value: 0, max_value: 120, mostly: 0.95}
          - expect_column_values_to_be_in_set: {column: plan, value_set: [free, pro, team]}
          - expect_column_values_to_be_unique: {column: id}
          - expect_column_values_to_match_regex: {column: email, regex: "^[^@]+@[^@]+$"}
          - expect_table_row_count_to_be_between: {min_value: 1000, max_value: 1000000}
          - expect_column_mean_to_be_between: {column: age, min_value: 20, max_value: 60}
          - expect_column_median_to_be_between: {column: age, max_value: 60, strict_max: true}
          - expect_column_min_to_be_between: {column: age, min_value: 0}
          - expect_column_max_to_be_between: {column: age, max_value: 120}
          - expect_column_stdev_to_be_between: {column: age, min_value: 1, max_value: 30}
          - expect_table_columns_to_match_set: {column_set: [id, age, plan], exact_match: true}
        """#

    @Test("every check type reads into its GX parameters")
    func readsEveryCheckType() throws {
        let suite = try QualitySuite(yaml: Self.churnSuite)
        #expect(suite.name == "churn-input")
        #expect(
            suite.checks == [
                .columnToExist(column: "age"),
                .columnValuesOfType(column: "age", type: try #require(QualityTypeName("integer"))),
                .columnValuesNotNull(column: "age", mostly: 0.99),
                .columnValuesBetween(column: "age", bounds: QualityBounds(minValue: 0, maxValue: 120), mostly: 0.95),
                .columnValuesInSet(column: "plan", valueSet: [.string("free"), .string("pro"), .string("team")]),
                .columnValuesUnique(column: "id"),
                .columnValuesMatchRegex(column: "email", regex: "^[^@]+@[^@]+$"),
                .tableRowCountBetween(bounds: QualityBounds(minValue: 1000, maxValue: 1_000_000)),
                .columnStatisticBetween(column: "age", statistic: .mean, bounds: QualityBounds(minValue: 20, maxValue: 60)),
                .columnStatisticBetween(column: "age", statistic: .median, bounds: QualityBounds(maxValue: 60, strictMax: true)),
                .columnStatisticBetween(column: "age", statistic: .min, bounds: QualityBounds(minValue: 0)),
                .columnStatisticBetween(column: "age", statistic: .max, bounds: QualityBounds(maxValue: 120)),
                .columnStatisticBetween(column: "age", statistic: .stdev, bounds: QualityBounds(minValue: 1, maxValue: 30)),
                .tableColumnsMatchSet(columnSet: ["id", "age", "plan"], exactMatch: true),
            ])
    }

    @Test("value sets keep YAML's types: plain numbers and booleans, quoted text")
    func valueSetTypes() throws {
        let suite = try QualitySuite(
            yaml: #"name: s\#nchecks:\#n  - expect_column_values_to_be_in_set: {column: c, value_set: [1, 2.5, "3", true, x]}"#)
        #expect(suite.checks == [.columnValuesInSet(column: "c", valueSet: [.int(1), .double(2.5), .string("3"), .bool(true), .string("x")])])
    }

    @Test("null bounds are absent bounds, and a check may have no parameters mapping at all")
    func nullBoundsAndEmptyParameters() throws {
        let suite = try QualitySuite(
            yaml: """
                name: s
                checks:
                  - expect_column_mean_to_be_between: {column: a, min_value: null, max_value: 3}
                  - expect_table_row_count_to_be_between:
                """)
        #expect(
            suite.checks == [
                .columnStatisticBetween(column: "a", statistic: .mean, bounds: QualityBounds(maxValue: 3)),
                .tableRowCountBetween(bounds: QualityBounds()),
            ])
    }

    @Test("a suite file is read from disk and named in errors")
    func readsFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("quality-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.yaml")
        try Self.churnSuite.write(to: good, atomically: true, encoding: .utf8)
        #expect(try QualitySuite(contentsOfFile: good.path).checks.count == 14)

        let bad = directory.appendingPathComponent("bad.yaml")
        try "name: s\nchecks:\n  - expect_column_values_to_be_unique: {colum: id}\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: QualitySuiteError.self) { try QualitySuite(contentsOfFile: bad.path) }
        do {
            _ = try QualitySuite(contentsOfFile: bad.path)
        } catch {
            #expect(
                error.description == "\(bad.path):3: checks[0] (expect_column_values_to_be_unique): unknown key 'colum'; valid keys: column, mostly")
        }

        let missing = directory.appendingPathComponent("missing.yaml").path
        do {
            _ = try QualitySuite(contentsOfFile: missing)
            Issue.record("reading a missing file succeeded")
        } catch {
            #expect(error.source == missing)
            #expect(error.message.hasPrefix("cannot read the suite file"))
        }
    }

    /// Each bad suite with the exact error it gives.
    static let badSuites: [(yaml: String, error: String)] = [
        ("name: [unclosed", "<suite>:2: not valid YAML: while parsing a flow sequence did not find expected ',' or ']'"),
        ("- a\n- b", "<suite>:1: a suite is a mapping with keys 'name' and 'checks'"),
        ("name: s\nchecks: []\nowner: me", "<suite>:3: unknown key 'owner'; valid keys: name, checks"),
        ("checks: []", "<suite>:1: missing required key 'name'"),
        ("name: s", "<suite>:1: missing required key 'checks'"),
        ("name: [a]\nchecks: []", "<suite>:1: 'name' must be non-empty text"),
        ("name: s\nchecks: {a: 1}", "<suite>:2: 'checks' must be a list of one-key mappings"),
        (
            "name: s\nchecks:\n  - expect_column_to_exist",
            "<suite>:3: checks[0]: a check is a one-key mapping from its type to its parameters, e.g. "
                + "'- expect_column_values_to_not_be_null: {column: age}'"
        ),
        (
            "name: s\nchecks:\n  - {expect_column_to_exist: {column: a}, expect_column_values_to_be_unique: {column: a}}",
            "<suite>:3: checks[0]: a check is a one-key mapping from its type to its parameters, e.g. "
                + "'- expect_column_values_to_not_be_null: {column: age}'"
        ),
        (
            "name: s\nchecks:\n  - expect_column_to_exist: {column: a}\n  - expect_column_to_be_there: {column: a}",
            "<suite>:4: checks[1]: unknown check type 'expect_column_to_be_there'; valid types: expect_column_to_exist, "
                + "expect_column_values_to_be_of_type, expect_column_values_to_not_be_null, expect_column_values_to_be_between, "
                + "expect_column_values_to_be_in_set, expect_column_values_to_be_unique, expect_column_values_to_match_regex, "
                + "expect_column_mean_to_be_between, expect_column_median_to_be_between, expect_column_min_to_be_between, "
                + "expect_column_max_to_be_between, expect_column_stdev_to_be_between, expect_table_row_count_to_be_between, "
                + "expect_table_columns_to_match_set"
        ),
        (
            "name: s\nchecks:\n  - expect_column_values_to_be_between: {column: a, min: 0}",
            "<suite>:3: checks[0] (expect_column_values_to_be_between): unknown key 'min'; valid keys: column, min_value, "
                + "max_value, strict_min, strict_max, mostly"
        ),
        (
            "name: s\nchecks:\n  - expect_column_values_to_not_be_null: {mostly: 0.5}",
            "<suite>:3: checks[0] (expect_column_values_to_not_be_null): missing required key 'column'"
        ),
        (
            "name: s\nchecks:\n  - expect_column_values_to_not_be_null: {column: [a]}",
            "<suite>:3: checks[0] (expect_column_values_to_not_be_null): 'column' must be text"
        ),
        (
            "name: s\nchecks:\n  - expect_column_values_to_not_be_null: {column: ''}",
            "<suite>:3: checks[0] (expect_column_values_to_not_be_null): column is empty; name a column"
        ),
        (
            "name: s\nchecks:\n  - expect_column_values_to_be_between: {column: a, min_value: 120, max_value: 0}",
            "<suite>:3: checks[0] (expect_column_values_to_be_between): min_value (120.0) is greater than max_value (0.0)"
        ),
        (
            "name: s\nchecks:\n  - expect_column_mean_to_be_between: {column: a, min_value: 2, max_value: 1}",
            "<suite>:3: checks[0] (expect_column_mean_to_be_between): min_value (2.0) is greater than max_value (1.0)"
        ),
        (
            "name: s\nchecks:\n  - expect_column_values_to_be_between: {column: a}",
            "<suite>:3: checks[0] (expect_column_values_to_be_between): min_value and max_value cannot both be null; give at least one"
        ),
        (
            "name: s\nchecks:\n  - expect_column_values_to_be_unique: {column: a, mostly: 0}",
            "<suite>:3: checks[0] (expect_column_values_to_be_unique): mostly must be in (0, 1], got 0.0"
        ),
        (
            "name: s\nchecks:\n  - expect_column_values_to_be_unique: {column: a, mostly: 1.5}",
            "<suite>:3: checks[0] (expect_column_values_to_be_unique): mostly must be in (0, 1], got 1.5"
        ),
        (
            "name: s\nchecks:\n  - expect_column_values_to_be_unique: {column: a, mostly: most}",
            "<suite>:3: checks[0] (expect_column_values_to_be_unique): 'mostly' must be a number or null, got 'most'"
        ),
        (
            "name: s\nchecks:\n  - expect_column_values_to_be_in_set: {column: a, value_set: []}",
            "<suite>:3: checks[0] (expect_column_values_to_be_in_set): value_set is empty; list at least one value"
        ),
        (
            "name: s\nchecks:\n  - expect_column_values_to_be_in_set: {column: a, value_set: free}",
            "<suite>:3: checks[0] (expect_column_values_to_be_in_set): 'value_set' must be a list, e.g. [a, b]"
        ),
        (
            "name: s\nchecks:\n  - expect_column_values_to_be_in_set: {column: a, value_set: [a, [b]]}",
            "<suite>:3: checks[0] (expect_column_values_to_be_in_set): 'value_set'[1] must be a scalar (text, number or boolean), got a list"
        ),
        (
            "name: s\nchecks:\n  - expect_column_values_to_match_regex: {column: a, regex: '(unclosed'}",
            "<suite>:3: checks[0] (expect_column_values_to_match_regex): regex \"(unclosed\" does not compile: "
        ),
        (
            "name: s\nchecks:\n  - expect_column_values_to_be_of_type: {column: a, type_: int128}",
            "<suite>:3: checks[0] (expect_column_values_to_be_of_type): unknown type 'int128'; valid types: int64, int, long, int_, i8, "
                + "float64, float, double, f8, bool, bool_, ?, str, object, O, object_, integer, boolean, string, numeric"
        ),
        (
            "name: s\nchecks:\n  - expect_column_values_to_be_of_type: {column: a, type: int64, type_: int64}",
            "<suite>:3: checks[0] (expect_column_values_to_be_of_type): 'type_' repeats 'type'; give one of them"
        ),
        (
            "name: s\nchecks:\n  - expect_table_row_count_to_be_between: {min_value: 10.5}",
            "<suite>:3: checks[0] (expect_table_row_count_to_be_between): 'min_value' must be a whole number, got 10.5"
        ),
        (
            "name: s\nchecks:\n  - expect_column_max_to_be_between: {column: a, max_value: '5'}",
            "<suite>:3: checks[0] (expect_column_max_to_be_between): 'max_value' must be a number or null, got '5'"
        ),
        (
            "name: s\nchecks:\n  - expect_column_max_to_be_between: {column: a, max_value: .nan}",
            "<suite>:3: checks[0] (expect_column_max_to_be_between): max_value must be a number, got NaN"
        ),
        (
            "name: s\nchecks:\n  - expect_column_max_to_be_between: {column: a, max_value: 1, strict_max: 1}",
            "<suite>:3: checks[0] (expect_column_max_to_be_between): 'strict_max' must be true or false, got '1'"
        ),
        (
            "name: s\nchecks:\n  - expect_table_columns_to_match_set: {column_set: [a], exact_match: maybe}",
            "<suite>:3: checks[0] (expect_table_columns_to_match_set): 'exact_match' must be true or false, got 'maybe'"
        ),
        (
            "name: s\nchecks:\n  - expect_table_columns_to_match_set: {exact_match: false}",
            "<suite>:3: checks[0] (expect_table_columns_to_match_set): missing required key 'column_set'"
        ),
        (
            "name: s\nchecks:\n  - expect_column_to_exist: {column: a, column_index: first}",
            "<suite>:3: checks[0] (expect_column_to_exist): 'column_index' must be a number or null, got 'first'"
        ),
        (
            "name: s\nchecks:\n  - expect_column_to_exist: [a]",
            "<suite>:3: checks[0] (expect_column_to_exist): parameters must be a mapping, e.g. {column: age}"
        ),
    ]

    @Test("a bad suite is rejected with a message naming the check and the key", arguments: badSuites.indices)
    func rejectsBadSuites(index: Int) throws {
        let (yaml, expected) = Self.badSuites[index]
        let error = try #require(suiteParseError(yaml), "suite \(index) was accepted")
        if expected.hasSuffix(": ") {
            #expect(error.description.hasPrefix(expected), "suite \(index)")
        } else {
            #expect(error.description == expected, "suite \(index)")
        }
    }

    @Test("errors carry the check index, type and key as fields")
    func errorFields() throws {
        let error = try #require(
            suiteParseError("name: s\nchecks:\n  - expect_column_to_exist: {column: a}\n  - expect_column_values_to_be_unique: {column: a, x: 1}"))
        #expect(error.checkIndex == 1)
        #expect(error.checkType == "expect_column_values_to_be_unique")
        #expect(error.key == "x")
        #expect(error.line == 4)
    }

    @Test("suites built in code are validated like suite files")
    func validatesChecksBuiltInCode() {
        #expect(throws: QualitySuiteError.self) {
            try QualitySuite(name: "s", checks: [.columnValuesInSet(column: "a", valueSet: [])])
        }
        do {
            _ = try QualitySuite(
                name: "s", checks: [.columnToExist(column: "a"), .columnValuesBetween(column: "a", bounds: QualityBounds(minValue: 3, maxValue: 1))])
            Issue.record("an invalid suite was accepted")
        } catch {
            #expect(error.description == "<suite>: checks[1] (expect_column_values_to_be_between): min_value (3.0) is greater than max_value (1.0)")
        }
    }
}
