import FerryTables
import Testing

@testable import FerryMonitor

@Suite("Aggregate and table checks")
struct AggregateCheckTests {
    typealias C = QualityColumns

    /// 999 rows, every 97th missing: x = (i · 7919 mod 1000) / 8 − 40.
    static let spread = C.table(C.floats("x", (0..<999).map(spreadValue)))

    static func spreadValue(_ row: Int) -> Double {
        if row % 97 == 0 { return .nan }
        let residue = Double((row * 7919) % 1000)
        return residue / 8 - 40
    }

    static func observed(_ check: String, on table: Table = spread) throws -> (Bool, QualityValue?) {
        let result = try runCheck(check, on: table)
        return (result.success, result.result.observedValue)
    }

    static func number(_ value: QualityValue?) -> Double? { value?.numericValue }

    @Test("mean, median, min, max and sample stdev are pandas' to the last bit (values from pandas 2.3.3)")
    func statisticsMatchPandas() throws {
        // pandas: s.mean(), s.median(), s.std(), s.min(), s.max() on the same 999 values.
        let expected: [(String, Double)] = [
            ("mean", 22.69660931174089), ("median", 22.8125), ("stdev", 36.05622178730986), ("min", -39.75), ("max", 84.875),
        ]
        for (statistic, value) in expected {
            let (_, observed) = try Self.observed("expect_column_\(statistic)_to_be_between: {column: x, min_value: -1000}")
            #expect(Self.number(observed) == value, "\(statistic)")
        }
    }

    /// 100,003 rows near 1e6 from a 64-bit LCG (state = state · 6364136223846793005 + 1442695040888963407, seed 2024),
    /// missing where (state >> 20) mod 37 = 0, else (state >> 11) / 2^53 · 2000 − 1000 + 1e6.
    static let lcgColumn: Table = {
        var state: UInt64 = 2024
        var values: [Double] = []
        for _ in 0..<100_003 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append((state >> 20) % 37 == 0 ? .nan : Double(state >> 11) / Double(UInt64(1) << 53) * 2000 - 1000 + 1e6)
        }
        return C.table(C.floats("x", values))
    }()

    @Test("on 100k rows the mean and stdev follow pandas' pairwise summation exactly")
    func pairwiseSummationParity() throws {
        // pandas 2.3.3: mean 999996.1537680652, std 577.1421728883988, median 999993.5736553706 (97,323 non-missing).
        #expect(try Self.number(Self.observed("expect_column_mean_to_be_between: {column: x}", on: Self.lcgColumn).1) == 999996.1537680652)
        #expect(try Self.number(Self.observed("expect_column_stdev_to_be_between: {column: x}", on: Self.lcgColumn).1) == 577.1421728883988)
        #expect(try Self.number(Self.observed("expect_column_median_to_be_between: {column: x}", on: Self.lcgColumn).1) == 999993.5736553706)
    }

    @Test("a column of negative zeros has mean +0.0, as pandas' np.sum (which starts from +0) gives")
    func negativeZeroMeanIsPositiveZero() {
        let mean = PandasMoments.mean([-0.0, -0.0, -0.0], nonMissing: 3, integers: false)
        #expect(mean == 0)
        #expect(mean?.sign == .plus)
    }

    @Test("the radix-sorted median equals a comparison sort's, across signs, zeros and infinities")
    func medianMatchesComparisonSort() throws {
        var state: UInt64 = 7
        var values: [Double] = [-0.0, 0.0, .infinity, -.infinity, -1e300, 1e-300]
        for _ in 0..<5_002 {  // 5,008 values: the median is the mean of the two middle ones
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Double(Int64(bitPattern: state) >> 20) / 1024)
        }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        let expected = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        let observed = try Self.observed("expect_column_median_to_be_between: {column: x}", on: C.table(C.floats("x", values))).1
        #expect(Self.number(observed) == expected)
    }

    @Test("an integer column's mean is its exact sum over the count")
    func integerMean() throws {
        let table = C.table(C.integers("x", [4, 7, 13, 16].map { 1_000_000_000 + $0 }))
        // pandas: mean 1000000010.0, std 5.477225575051661.
        #expect(try Self.number(Self.observed("expect_column_mean_to_be_between: {column: x, min_value: 0}", on: table).1) == 1_000_000_010)
        #expect(try Self.number(Self.observed("expect_column_stdev_to_be_between: {column: x, min_value: 0}", on: table).1) == 5.477225575051661)
    }

    @Test("the median of an even count is the mean of the two middle values")
    func medianEvenAndOdd() throws {
        let odd = C.table(C.integers("n", [3, 1, 2]))
        let even = C.table(C.integers("n", [3, 1, 2, 10]))
        #expect(try Self.observed("expect_column_median_to_be_between: {column: n, min_value: 2, max_value: 2}", on: odd) == (true, .double(2)))
        #expect(try Self.observed("expect_column_median_to_be_between: {column: n, max_value: 2}", on: even) == (false, .double(2.5)))
    }

    @Test("an integer column's min and max stay integers; its mean is a double")
    func integerObservations() throws {
        let table = C.table(C.integers("n", [5, 9, 7]))
        #expect(try Self.observed("expect_column_min_to_be_between: {column: n, min_value: 5}", on: table) == (true, .int(5)))
        #expect(try Self.observed("expect_column_max_to_be_between: {column: n, max_value: 8}", on: table) == (false, .int(9)))
        #expect(try Self.observed("expect_column_mean_to_be_between: {column: n, min_value: 7, max_value: 7}", on: table) == (true, .double(7)))
    }

    @Test("strict bounds exclude the bound itself; an omitted bound admits everything")
    func strictAggregateBounds() throws {
        let table = C.table(C.integers("n", [5, 9, 7]))
        #expect(try !Self.observed("expect_column_mean_to_be_between: {column: n, min_value: 7, strict_min: true}", on: table).0)
        #expect(try !Self.observed("expect_column_mean_to_be_between: {column: n, max_value: 7, strict_max: true}", on: table).0)
        #expect(try Self.observed("expect_column_mean_to_be_between: {column: n, max_value: 7.0001, strict_max: true}", on: table).0)
        #expect(try Self.observed("expect_column_mean_to_be_between: {column: n}", on: table).0)
    }

    @Test("a statistic that cannot be computed is observed as null and fails")
    func uncomputableStatistics() throws {
        let single = C.table(C.floats("x", [4, .nan]))
        #expect(try Self.observed("expect_column_stdev_to_be_between: {column: x, min_value: 0}", on: single) == (false, .null))
        #expect(try Self.observed("expect_column_mean_to_be_between: {column: x, min_value: 0}", on: single) == (true, .double(4)))
        let missing = C.table(C.floats("x", [.nan, .nan]))
        for statistic in ColumnStatistic.allCases {
            let check = "\(statistic.expectationType): {column: x, min_value: 0}"
            #expect(try Self.observed(check, on: missing) == (false, .null), "\(statistic)")
        }
        let opposite = C.table(C.floats("x", [.infinity, -.infinity]))
        #expect(try Self.observed("expect_column_mean_to_be_between: {column: x}", on: opposite) == (false, .null))
    }

    @Test("a statistic of a text column fails with exception_info")
    func statisticOfText() throws {
        let result = try runCheck("expect_column_mean_to_be_between: {column: s, min_value: 0}", on: C.table(C.strings("s", ["a"])))
        #expect(!result.success)
        #expect(result.exceptionInfo.exceptionMessage == "Column \"s\" holds string values; expect_column_mean_to_be_between needs a numeric column.")
    }

    @Test("the row count is observed as an integer and bounded like any other value")
    func rowCount() throws {
        let table = C.table(C.floats("x", [1, 2, 3]))
        #expect(try Self.observed("expect_table_row_count_to_be_between: {min_value: 3, max_value: 3}", on: table) == (true, .int(3)))
        #expect(try !Self.observed("expect_table_row_count_to_be_between: {min_value: 3, strict_min: true}", on: table).0)
        #expect(try !Self.observed("expect_table_row_count_to_be_between: {max_value: 2}", on: table).0)
    }

    @Test("column sets: exact by default, extra columns allowed without exact_match, mismatches listed sorted")
    func columnSets() throws {
        let table = C.table(C.floats("b", [1]), C.floats("a", [1]), C.floats("c", [1]))
        let exact = try runCheck("expect_table_columns_to_match_set: {column_set: [c, b, a]}", on: table)
        #expect(exact.success)
        #expect(exact.result == .observed(.array(["a", "b", "c"].map(QualityValue.string))))
        let extra = try runCheck("expect_table_columns_to_match_set: {column_set: [a, z]}", on: table)
        #expect(!extra.success)
        #expect(
            extra.result == .observed(.array(["a", "b", "c"].map(QualityValue.string)), mismatch: .init(unexpected: ["b", "c"], missing: ["z"])))
        let subset = try runCheck("expect_table_columns_to_match_set: {column_set: [a], exact_match: false}", on: table)
        #expect(subset.success)
        #expect(subset.result == .observed(.array(["a", "b", "c"].map(QualityValue.string)), mismatch: .init(unexpected: ["b", "c"], missing: nil)))
        #expect(try !runCheck("expect_table_columns_to_match_set: {column_set: [a, z], exact_match: false}", on: table).success)
    }

    @Test("column existence, by name or by position (GX treats index 0 as no index; negatives count from the end)")
    func columnExistence() throws {
        let table = C.table(C.floats("a", [1]), C.floats("b", [1]), C.floats("c", [1]))
        func exists(_ parameters: String) throws -> Bool {
            try runCheck("expect_column_to_exist: {\(parameters)}", on: table).success
        }
        #expect(try exists("column: b"))
        #expect(try !exists("column: z"))
        #expect(try exists("column: b, column_index: 1"))
        #expect(try !exists("column: b, column_index: 2"))
        #expect(try exists("column: c, column_index: -1"))
        #expect(try !exists("column: a, column_index: 3"))
        #expect(try exists("column: c, column_index: 0"))
    }
}
