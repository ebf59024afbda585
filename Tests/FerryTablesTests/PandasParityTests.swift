import FerryTables
import Testing

/// One `pd.read_csv(io.StringIO(csv))` result for column `a`, as pandas 2.3.3 printed it.
struct PandasCase: CustomTestStringConvertible, Sendable {
    let name: String
    let csv: String
    /// The dtype pandas gave column `a`.
    let dtype: String
    /// Its values: numbers for numeric dtypes, text (nil = NaN) for bool and object.
    let numbers: [Double?]
    let texts: [String?]

    init(_ name: String, _ csv: String, _ dtype: String, numbers: [Double?] = [], texts: [String?] = []) {
        self.name = name
        self.csv = csv
        self.dtype = dtype
        self.numbers = numbers
        self.texts = texts
    }

    var testDescription: String { name }

    /// The kind that stands for the dtype.
    var kind: ColumnKind {
        switch dtype {
        case "int64", "uint64": .integer
        case "float64": .float
        case "bool": .boolean
        default: .string
        }
    }
}

// Expected dtypes and values were read from pandas 2.3.3 (`/tmp/evvenv`, `pd.read_csv(io.StringIO(text))`).
let pandasCases: [PandasCase] = [
    PandasCase("integers", "a\n1\n2\n-3\n+4\n007\n", "int64", numbers: [1, 2, -3, 4, 7]),
    PandasCase("integers with a missing value", "a,b\n1,x\n,y\n3,z\n", "float64", numbers: [1, nil, 3]),
    PandasCase("a blank line is skipped, not missing", "a\n1\n\n3\n", "int64", numbers: [1, 3]),
    PandasCase("decimals", "a\n1.5\n2\n", "float64", numbers: [1.5, 2]),
    PandasCase("exponent", "a\n1e3\n2\n1E+05\n-1.5E-3\n", "float64", numbers: [1000, 2, 100_000, -0.0015]),
    PandasCase(
        "infinities", "a\ninf\n-inf\nInfinity\n-Infinity\n+inf\nINF\niNf\n1\n", "float64",
        numbers: [.infinity, -.infinity, .infinity, -.infinity, .infinity, .infinity, .infinity, 1]),
    PandasCase("padded integers", "a,b\n 1,x\n2 ,y\n\t3,z\n", "int64", numbers: [1, 2, 3]),
    PandasCase("padded decimals", "a\n 1.5\n2.5 \n 1e5 \n", "float64", numbers: [1.5, 2.5, 100_000]),
    PandasCase("bare point forms", "a\n.5\n5.\n00.5\n", "float64", numbers: [0.5, 5, 0.5]),
    PandasCase("a lone point", "a\n.\n1\n", "object", texts: [".", "1"]),
    PandasCase("an exponent without digits", "a\n1e\n2\n", "object", texts: ["1e", "2"]),
    PandasCase("hexadecimal", "a\n0x1A\n2\n", "object", texts: ["0x1A", "2"]),
    PandasCase("underscores", "a\n1_000\n2\n", "object", texts: ["1_000", "2"]),
    PandasCase("Fortran exponent", "a\n1d3\n", "object", texts: ["1d3"]),
    PandasCase("a space inside", "a\n1 2\n- 1\n", "object", texts: ["1 2", "- 1"]),
    PandasCase("integer beyond 64 bits", "a\n99999999999999999999\n1\n", "object", texts: ["99999999999999999999", "1"]),
    PandasCase("30-digit integer", "a\n123456789012345678901234567890\n", "object", texts: ["123456789012345678901234567890"]),
    PandasCase("uint64", "a\n18446744073709551615\n1\n", "uint64", numbers: [Double(UInt64.max), 1]),
    PandasCase("int64 extremes", "a\n9223372036854775807\n-9223372036854775808\n", "int64",
               numbers: [Double(Int64.max), Double(Int64.min)]),
    PandasCase("below int64", "a\n-9223372036854775809\n1\n", "object", texts: ["-9223372036854775809", "1"]),
    PandasCase("uint64 with a negative", "a\n18446744073709551615\n-1\n", "object", texts: ["18446744073709551615", "-1"]),
    PandasCase("uint64 with a negative decimal", "a\n18446744073709551615\n-1.5\n", "object", texts: ["18446744073709551615", "-1.5"]),
    PandasCase("uint64 with a decimal", "a\n18446744073709551615\n1.5\n", "float64", numbers: [1.8446744073709552e19, 1.5]),
    PandasCase("oversized integer with a decimal", "a\n99999999999999999999\n1.5\n", "object", texts: ["99999999999999999999", "1.5"]),
    PandasCase("int64 maximum with a missing value", "a,b\n9223372036854775807,1\n,2\n", "float64", numbers: [9.223372036854776e18, nil]),
    // pandas 2.3.3 puts '' (not NaN) for the missing value here; Ferry keeps it missing.
    PandasCase("uint64 with a missing value", "a,b\n18446744073709551615,1\n,2\n", "object", texts: ["18446744073709551615", nil]),
    PandasCase("booleans", "a\nTrue\nfalse\nTRUE\nFALSE\ntrue\nFalse\n", "bool", texts: ["True", "False", "True", "False", "True", "False"]),
    PandasCase("quoted booleans", "a\n\"True\"\n\"False\"\n", "bool", texts: ["True", "False"]),
    PandasCase("booleans with a missing value", "a,b\nTrue,1\n,2\nfalse,3\n", "object", texts: ["True", nil, "False"]),
    PandasCase("missing first, then booleans", "a,b\n,1\nfalse,2\nTRUE,3\n", "object", texts: [nil, "False", "True"]),
    PandasCase("any casing is a boolean", "a\ntRUE\nfAlSe\n\n", "bool", texts: ["True", "False"]),
    PandasCase("other spellings are text", "a\ntRuE\nyes\n", "object", texts: ["tRuE", "yes"]),
    PandasCase("padded booleans", "a\n True\nFalse \n", "object", texts: [" True", "False "]),
    PandasCase("a boolean then text", "a\ntrue\nabc\n", "object", texts: ["true", "abc"]),
    PandasCase("a boolean then an integer", "a\nTrue\nFalse\n2\n", "object", texts: ["True", "False", "2"]),
    PandasCase("an integer then a boolean", "a\n1\nTrue\n", "object", texts: ["1", "True"]),
    PandasCase("a decimal then a boolean", "a\n1.5\nTrue\n", "object", texts: ["1.5", "True"]),
    PandasCase("numbers then text", "a,b\n1.50,1\n,2\nabc,3\n", "object", texts: ["1.50", nil, "abc"]),
    PandasCase("only missing values", "a,b\n,1\nNA,2\n", "float64", numbers: [nil, nil]),
    PandasCase("missing spellings are case-sensitive", "a\nNone\nNONE\nNan\n", "object", texts: [nil, "NONE", "Nan"]),
    PandasCase("signed nan is text", "a\n+nan\nNAN\n", "object", texts: ["+nan", "NAN"]),
    PandasCase("a padded infinity is text", "a\n inf \n1\n", "object", texts: [" inf ", "1"]),
    PandasCase("1.#INF is text", "a\n1.#INF\n1\n", "object", texts: ["1.#INF", "1"]),
    PandasCase("overflow is text", "a\n1.8e308\n", "object", texts: ["1.8e308"]),
    PandasCase("underflow is zero", "a\n1e-400\n2e-324\n", "float64", numbers: [0, 0]),
    PandasCase("subnormals", "a\n4.9e-324\n1e-320\n", "float64", numbers: [.leastNonzeroMagnitude, Double("1e-320")!]),
    PandasCase("long decimals", "a\n0.1234567890123456789012345\n1.00000000000000000000000001\n", "float64",
               numbers: [0.1234567890123456789012345, 1]),
    PandasCase("negative zero integer", "a\n-0\n1\n", "int64", numbers: [0, 1]),
    PandasCase("quoted numbers", "a\n\"1\"\n\"2\"\n", "int64", numbers: [1, 2]),
    PandasCase("quoted empty is missing", "a,b\n\"\",1\nx,2\n", "object", texts: [nil, "x"]),
    PandasCase("a quoted empty line is a missing row", "a\n1\n\"\"\n2\n", "float64", numbers: [1, nil, 2]),
    PandasCase("a quoted space line is text", "a\n1\n\" \"\n2\n", "object", texts: ["1", " ", "2"]),
    PandasCase("a whitespace-only line is blank", "a\n1\n \n2\n", "int64", numbers: [1, 2]),
    PandasCase("a space field among numbers is text", "a,b\n1,x\n ,y\n\t,z\n", "object", texts: ["1", " ", "\t"]),
    PandasCase("a padded signed infinity is text", "a\n-inf \n", "object", texts: ["-inf "]),
]

@Suite struct PandasParityTests {
    @Test(arguments: pandasCases)
    func columnMatchesPandas(_ expected: PandasCase) throws {
        let table = try readCSV(expected.csv)
        let column = try #require(table.column(named: "a"))
        #expect(column.kind == expected.kind)
        if expected.kind.isNumeric {
            #expect(table.numbers("a") == expected.numbers)
        } else {
            #expect(table.texts("a") == expected.texts)
        }
    }

    @Test func negativeZeroDecimalKeepsItsSign() throws {
        let table = try readCSV("a\n-0.0\n1.5\n")
        #expect(table.numbers("a").first??.sign == .minus)
        let integers = try readCSV("a\n-0\n")
        #expect(integers.numbers("a").first??.sign == .plus)
    }

    @Test func booleanLevelsWithMissingValuesFollowFirstSight() throws {
        // pandas holds Python False/True objects; their text, in first-seen order, are the levels.
        let table = try readCSV("a,b\nfalse,1\n,2\nTRUE,3\nFalse,4\n")
        #expect(table.kind("a") == .string)
        #expect(table.levels("a") == ["False", "True"])
        #expect(table.texts("a") == ["False", nil, "True", "False"])
    }
}
