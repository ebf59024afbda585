import FerryTables
import Testing

@testable import FerryMonitor

@Suite("Row-level checks")
struct RowCheckTests {
    typealias C = QualityColumns

    // MARK: not null

    @Test("not_null counts missing values over all rows; mostly is met exactly at the boundary")
    func notNullMostly() throws {
        let values = (0..<100).map { $0 < 1 ? Double.nan : Double($0) }
        let table = C.table(C.floats("x", values))
        let pass = try runCheck("expect_column_values_to_not_be_null: {column: x, mostly: 0.99}", on: table)
        #expect(pass.success)
        #expect(try rowSummary(pass).unexpectedCount == 1)
        #expect(try rowSummary(pass).unexpectedPercent == 1)
        #expect(try rowSummary(pass).missing == nil)
        let twoMissing = C.table(C.floats("x", (0..<100).map { $0 < 2 ? Double.nan : Double($0) }))
        #expect(try !runCheck("expect_column_values_to_not_be_null: {column: x, mostly: 0.99}", on: twoMissing).success)
        #expect(try !runCheck("expect_column_values_to_not_be_null: {column: x}", on: table).success)
    }

    @Test("not_null lists a float column's NaNs one by one, but groups a text column's missing values, as GX does")
    func notNullPartialCounts() throws {
        let floats = try runCheck("expect_column_values_to_not_be_null: {column: x}", on: C.table(C.floats("x", [1, .nan, .nan])))
        #expect(try rowSummary(floats).partialUnexpectedCounts == [.init(value: .null, count: 1), .init(value: .null, count: 1)])
        #expect(try rowSummary(floats).partialUnexpectedIndexList == [1, 2])
        let text = try runCheck("expect_column_values_to_not_be_null: {column: s}", on: C.table(C.strings("s", [nil, "a", nil])))
        #expect(try rowSummary(text).partialUnexpectedCounts == [.init(value: .null, count: 2)])
        #expect(try rowSummary(text).partialUnexpectedList == [.null, .null])
    }

    // MARK: between

    @Test("between ignores missing values and passes when (non-missing − unexpected) / non-missing ≥ mostly")
    func betweenMostlyBoundary() throws {
        // 20 non-missing values 1…20 and 5 NaNs; 20 is above max_value 19.
        let values = (1...20).map(Double.init) + Array(repeating: .nan, count: 5)
        let table = C.table(C.floats("x", values))
        let atBoundary = try runCheck("expect_column_values_to_be_between: {column: x, min_value: 1, max_value: 19, mostly: 0.95}", on: table)
        #expect(atBoundary.success)
        let summary = try rowSummary(atBoundary)
        #expect(summary.elementCount == 25)
        #expect(summary.unexpectedCount == 1)
        #expect(summary.unexpectedPercent == 5)
        #expect(summary.missing == MissingSummary(missingCount: 5, missingPercent: 20, unexpectedPercentTotal: 4, unexpectedPercentNonmissing: 5))
        #expect(summary.partialUnexpectedList == [.double(20)])
        #expect(summary.partialUnexpectedIndexList == [19])
        let justOver = try runCheck("expect_column_values_to_be_between: {column: x, min_value: 1, max_value: 19, mostly: 0.951}", on: table)
        #expect(!justOver.success)
        let twoOut = try runCheck("expect_column_values_to_be_between: {column: x, min_value: 1, max_value: 18, mostly: 0.95}", on: table)
        #expect(!twoOut.success)
    }

    @Test("bounds are inclusive unless strict, and either may be left out")
    func strictBounds() throws {
        let table = C.table(C.integers("n", [1, 2, 3]))
        func unexpected(_ parameters: String) throws -> [QualityValue] {
            try rowSummary(runCheck("expect_column_values_to_be_between: {column: n, \(parameters)}", on: table)).partialUnexpectedList
        }
        #expect(try unexpected("min_value: 1, max_value: 3") == [])
        #expect(try unexpected("min_value: 1, max_value: 3, strict_min: true") == [.int(1)])
        #expect(try unexpected("min_value: 1, max_value: 3, strict_max: true") == [.int(3)])
        #expect(try unexpected("min_value: 1, max_value: 3, strict_min: true, strict_max: true") == [.int(1), .int(3)])
        #expect(try unexpected("min_value: 2") == [.int(1)])
        #expect(try unexpected("max_value: 2, strict_max: true") == [.int(2), .int(3)])
    }

    @Test("infinities are values: outside finite bounds, listed as infinite doubles")
    func infinities() throws {
        let result = try runCheck(
            "expect_column_values_to_be_between: {column: x, min_value: 0, max_value: 10}", on: C.table(C.floats("x", [1, .infinity, -.infinity])))
        #expect(try rowSummary(result).partialUnexpectedList == [.double(.infinity), .double(-.infinity)])
    }

    @Test("an all-missing or empty column passes vacuously, with GX's null percentages")
    func vacuousSuccess() throws {
        let allMissing = try runCheck("expect_column_values_to_be_between: {column: x, min_value: 0}", on: C.table(C.floats("x", [.nan, .nan])))
        #expect(allMissing.success)
        #expect(try rowSummary(allMissing).unexpectedPercent == nil)
        #expect(try rowSummary(allMissing).missing?.unexpectedPercentNonmissing == nil)
        #expect(try rowSummary(allMissing).missing?.unexpectedPercentTotal == 0)
    }

    @Test("between on a text or boolean column fails with exception_info instead of crashing")
    func betweenOnText() throws {
        let table = C.table(C.strings("s", ["a"]), C.booleans("b", [true]))
        for column in ["s", "b"] {
            let result = try runCheck("expect_column_values_to_be_between: {column: \(column), min_value: 0}", on: table)
            #expect(!result.success)
            #expect(result.result == .empty)
            #expect(result.exceptionInfo.raisedException)
            #expect(result.exceptionInfo.exceptionMessage?.contains("needs a numeric column") == true)
        }
    }

    // MARK: in set

    @Test("in_set compares numbers as numbers: 1 == 1.0 == true, and text never equals a number")
    func inSetTyping() throws {
        let table = C.table(
            C.integers("n", [0, 1, 2]), C.strings("s", ["1", "x", nil]), C.booleans("b", [true, false, true]),
            C.booleansWithMissing("f", [true, nil, false]))
        func unexpected(_ column: String, _ set: String) throws -> [QualityValue] {
            try rowSummary(runCheck("expect_column_values_to_be_in_set: {column: \(column), value_set: \(set)}", on: table)).partialUnexpectedList
        }
        #expect(try unexpected("n", "[1.0, 2]") == [.int(0)])
        #expect(try unexpected("n", "[true]") == [.int(0), .int(2)])
        #expect(try unexpected("n", #"["1", "2"]"#) == [.int(0), .int(1), .int(2)])
        #expect(try unexpected("s", "[1]") == [.string("1"), .string("x")])
        #expect(try unexpected("s", #"["1"]"#) == [.string("x")])
        #expect(try unexpected("b", "[true]") == [.bool(false)])
        #expect(try unexpected("b", "[1]") == [.bool(false)])
        #expect(try unexpected("b", #"["True"]"#) == [.bool(true), .bool(false), .bool(true)])
        #expect(try unexpected("f", "[true]") == [.bool(false)])
    }

    // MARK: unique

    @Test("unique flags every occurrence of a repeated value, ignoring missing ones")
    func uniqueRepeats() throws {
        let table = C.table(
            C.floats("x", [3, 1, .nan, 3, 2, .nan, 3, 1]), C.strings("s", ["a", nil, "b", "a", nil, "c", "d", "e"]))
        let numbers = try rowSummary(runCheck("expect_column_values_to_be_unique: {column: x}", on: table))
        #expect(numbers.unexpectedCount == 5)
        #expect(numbers.partialUnexpectedIndexList == [0, 1, 3, 6, 7])
        #expect(numbers.partialUnexpectedCounts == [.init(value: .double(3), count: 3), .init(value: .double(1), count: 2)])
        let text = try rowSummary(runCheck("expect_column_values_to_be_unique: {column: s}", on: table))
        #expect(text.partialUnexpectedIndexList == [0, 3])
        #expect(text.missing?.missingCount == 2)
        let distinct = try runCheck("expect_column_values_to_be_unique: {column: x}", on: C.table(C.floats("x", [1, 2, .nan, .nan])))
        #expect(distinct.success)
        // 1 of 6 non-missing values is unrepeated: 0.1667 meets mostly 0.16 but not 0.17.
        #expect(try runCheck("expect_column_values_to_be_unique: {column: x, mostly: 0.16}", on: table).success)
        #expect(try !runCheck("expect_column_values_to_be_unique: {column: x, mostly: 0.17}", on: table).success)
    }

    @Test("unique treats 0.0 and -0.0 as one value, and finds a repeat far from its first occurrence")
    func uniqueEdgeCases() throws {
        let zeros = try rowSummary(runCheck("expect_column_values_to_be_unique: {column: x}", on: C.table(C.floats("x", [0.0, -0.0, 1]))))
        #expect(zeros.partialUnexpectedIndexList == [0, 1])
        let late = C.table(C.integers("n", Array(0..<10_000) + [5]))
        let summary = try rowSummary(runCheck("expect_column_values_to_be_unique: {column: n}", on: late))
        #expect(summary.unexpectedCount == 2)
        #expect(summary.partialUnexpectedIndexList == [5, 10_000])
        #expect(summary.partialUnexpectedList == [.int(5), .int(5)])
    }

    // MARK: regex

    @Test("regex matches anywhere unless anchored, on text, on numbers as Python prints them, and on booleans as True/False")
    func regexSearch() throws {
        let table = C.table(
            C.strings("s", ["abc", "xabx", "ab"]), C.integers("n", [3, 30, 13]), C.floats("f", [3, 0.5, 13]),
            C.booleans("b", [true, false, true]))
        func unexpected(_ column: String, _ regex: String) throws -> [QualityValue] {
            try rowSummary(runCheck("expect_column_values_to_match_regex: {column: \(column), regex: '\(regex)'}", on: table)).partialUnexpectedList
        }
        #expect(try unexpected("s", "ab") == [])
        #expect(try unexpected("s", "^ab") == [.string("xabx")])
        #expect(try unexpected("s", "c$") == [.string("xabx"), .string("ab")])
        #expect(try unexpected("n", "^3$") == [.int(30), .int(13)])
        #expect(try unexpected("f", #"^3\.0$"#) == [.double(0.5), .double(13)])
        #expect(try unexpected("b", "^True$") == [.bool(false)])
    }

    // MARK: partial lists

    @Test("partial lists hold the first 20 unexpected values; their counts cover only those 20, ties by value")
    func partialListsCapped() throws {
        // 30 unexpected values: b, a alternating for 20 rows, then 10 z's that the partial counts never see.
        let values = Array(repeating: ["b", "a"], count: 10).flatMap(\.self) + Array(repeating: "z", count: 10) + ["ok"]
        let summary = try rowSummary(runCheck("expect_column_values_to_be_in_set: {column: s, value_set: [ok]}", on: C.table(C.strings("s", values))))
        #expect(summary.unexpectedCount == 30)
        #expect(summary.partialUnexpectedList.count == 20)
        #expect(summary.partialUnexpectedIndexList == Array(0..<20))
        #expect(summary.partialUnexpectedCounts == [.init(value: .string("a"), count: 10), .init(value: .string("b"), count: 10)])
    }

    @Test("partial counts order by count, then numbers ascending and text by code point")
    func partialCountOrder() throws {
        let numbers = try rowSummary(
            runCheck("expect_column_values_to_be_in_set: {column: x, value_set: [0]}", on: C.table(C.floats("x", [5, -2, 5, 10, -2, 7]))))
        #expect(numbers.partialUnexpectedCounts.map(\.value) == [.double(-2), .double(5), .double(7), .double(10)])
        let text = try rowSummary(
            runCheck("expect_column_values_to_be_in_set: {column: s, value_set: [x]}", on: C.table(C.strings("s", ["b", "B", "é", "a", "Z"]))))
        #expect(text.partialUnexpectedCounts.map(\.value) == ["B", "Z", "a", "b", "é"].map(QualityValue.string))
    }

    // MARK: type

    @Test("type checks: Ferry kind names and GX dtype names compare the column's dtype")
    func typeByDtype() throws {
        let table = C.table(C.integers("i", [1, 2]), C.floats("f", [1.5, .nan]), C.booleans("b", [true, false]), C.strings("s", ["x", nil]))
        func outcome(_ column: String, _ type: String) throws -> (Bool, ExpectationOutcome) {
            let result = try runCheck("expect_column_values_to_be_of_type: {column: \(column), type_: '\(type)'}", on: table)
            return (result.success, result.result)
        }
        #expect(try outcome("i", "integer") == (true, .observed(.string("integer"))))
        #expect(try outcome("i", "numeric") == (true, .observed(.string("integer"))))
        #expect(try outcome("f", "numeric") == (true, .observed(.string("float"))))
        #expect(try outcome("s", "numeric") == (false, .observed(.string("string"))))
        #expect(try outcome("b", "boolean") == (true, .observed(.string("boolean"))))
        #expect(try outcome("i", "int64") == (true, .observed(.string("int64"))))
        #expect(try outcome("i", "float") == (false, .observed(.string("int64"))))
        #expect(try outcome("f", "double") == (true, .observed(.string("float64"))))
        #expect(try outcome("b", "bool") == (true, .observed(.string("bool"))))
        #expect(try outcome("b", "str") == (false, .observed(.string("bool"))))
        #expect(try outcome("s", "object") == (true, .observed(.string("object_"))))
    }

    @Test("type checks on text columns go value by value, as GX does for object columns")
    func typeByValue() throws {
        let table = C.table(C.strings("s", ["x", nil, "y"]), C.booleansWithMissing("f", [true, nil, false]))
        let strings = try runCheck("expect_column_values_to_be_of_type: {column: s, type_: str}", on: table)
        #expect(strings.success)
        #expect(try rowSummary(strings).missing?.missingCount == 1)
        let notInts = try runCheck("expect_column_values_to_be_of_type: {column: s, type_: int64, mostly: 0.5}", on: table)
        #expect(!notInts.success)
        #expect(try rowSummary(notInts).partialUnexpectedList == [.string("x"), .string("y")])
        #expect(try rowSummary(notInts).partialUnexpectedIndexList == [0, 2])
        // Python's bool is an int, so `int` accepts booleans; `bool_` (numpy's type) does not.
        #expect(try runCheck("expect_column_values_to_be_of_type: {column: f, type: int}", on: table).success)
        #expect(try !runCheck("expect_column_values_to_be_of_type: {column: f, type: bool_}", on: table).success)
    }

    // MARK: missing columns

    @Test("a check on a missing column is a failed result with GX's exception message")
    func missingColumn() throws {
        let table = C.table(C.floats("x", [1]))
        let result = try runCheck("expect_column_values_to_be_unique: {column: nope}", on: table)
        #expect(!result.success)
        #expect(result.result == .empty)
        #expect(result.exceptionInfo == .raised("Error: The column \"nope\" in BatchData does not exist."))
        let exists = try runCheck("expect_column_to_exist: {column: nope}", on: table)
        #expect(!exists.success)
        #expect(exists.exceptionInfo == .none)
    }
}
