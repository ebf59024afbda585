import FerryTables
import Foundation
import Testing

@Suite struct CSVErrorTests {
    @Test func raggedLinesNameTheLineAndBothCounts() {
        let tooMany = csvError("a,b\n1,2\n\n3,4,5\n")
        #expect(tooMany == TableError(source: "test.csv", line: 4, message: "expected 2 fields (as in the header), found 3"))
        let tooFew = csvError("a,b,c\n\"x\ny\",2,3\n1,2\n")
        #expect(tooFew == TableError(source: "test.csv", line: 4, message: "expected 3 fields (as in the header), found 2"))
    }

    @Test func anUnterminatedQuoteNamesTheLineWhereItsRecordStarts() {
        let error = csvError("a,b\n1,2\n3,\"open\nstill open\n")
        #expect(error == TableError(source: "test.csv", line: 3, message: "a quoted field is never closed (missing '\"')"))
    }

    @Test(arguments: ["", "\n\n", "\u{FEFF}", "  \r\n"])
    func anEmptyFileIsAnError(_ text: String) {
        #expect(csvError(text)?.message == "the file is empty: expected a header row naming the columns")
    }

    @Test func aHeaderOnlyFileIsATableWithNoRows() throws {
        let table = try readCSV("a,b\n")
        #expect(table.rowCount == 0)
        #expect(table.columnNames == ["a", "b"])
        // pandas 2.3.3 reads every column of a header-only file as object.
        #expect(table.kind("a") == .string)
        let declared = try readCSV("a,b", CSVReader(schema: TableSchema(columns: ["b": .float])))
        #expect(declared.kind("b") == .float)
        #expect(declared.rowCount == 0)
    }

    @Test func headerNamesMustBeUniqueAndNonEmpty() {
        #expect(csvError("a,b,a\n1,2,3\n") == TableError(source: "test.csv", line: 1, column: "a", message: "the header names this column twice"))
        #expect(csvError("\na,,c\n1,2,3\n") == TableError(source: "test.csv", line: 2, message: "header field 2 is empty: every column needs a name"))
    }

    @Test func invalidUTF8InATextFieldNamesLineAndColumn() throws {
        var bytes = Array("id,name\n1,ok\n2,".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\n".utf8)
        #expect(throws: TableError(source: "bad.csv", line: 3, column: "name", message: "the text is not valid UTF-8")) {
            try CSVReader().read(bytes: bytes, source: "bad.csv")
        }
        // A column that looked numeric until the bad bytes is read again as text, which finds them.
        var numeric = Array("n\n1\n".utf8)
        numeric += [0xFF]
        #expect(throws: TableError(source: "bad.csv", line: 3, column: "n", message: "the text is not valid UTF-8")) {
            try CSVReader().read(bytes: numeric, source: "bad.csv")
        }
        let header = Array("a,".utf8) + [0xFE] + Array("\n1,2\n".utf8)
        #expect(throws: TableError(source: "bad.csv", line: 1, message: "header field 2 is not valid UTF-8")) {
            try CSVReader().read(bytes: header, source: "bad.csv")
        }
    }

    @Test func aValueNotOfItsDeclaredKindNamesFileLineAndColumn() {
        let schema = TableSchema(columns: ["age": .integer, "ok": .boolean, "x": .float])
        let reader = CSVReader(schema: schema)
        #expect(csvError("age,ok,x\n1,True,2\n2.5,False,3\n", reader)
            == TableError(source: "test.csv", line: 3, column: "age", message: "'2.5' is not an integer, as the schema declares"))
        #expect(csvError("age,ok,x\n1,yes,2\n", reader)
            == TableError(source: "test.csv", line: 2, column: "ok", message: "'yes' is not a boolean, as the schema declares"))
        #expect(csvError("age,ok,x\n1,True,\"ab\"\n", reader)
            == TableError(source: "test.csv", line: 2, column: "x", message: "'ab' is not a float, as the schema declares"))
    }

    @Test func selectionAndSchemaMustNameHeaderColumns() {
        #expect(csvError("a,b\n1,2\n", CSVReader(columns: ["a", "zz"]))
            == TableError(source: "test.csv", line: 1, message: "selected column(s) not in the header: zz"))
        #expect(csvError("a,b\n1,2\n", CSVReader(schema: TableSchema(columns: ["q": .string])))
            == TableError(source: "test.csv", line: 1, message: "the schema names column(s) not in the header: q"))
    }

    @Test(arguments: ["\"", "\n", "\r", "\r\n", "é"] as [Character])
    func theDelimiterMustBeOneASCIICharacter(_ delimiter: Character) {
        let error = csvError("a\n1\n", CSVReader(delimiter: delimiter))
        #expect(error?.message == "the delimiter must be one ASCII character other than a quote or line break")
    }

    @Test func unreadableFilesAreErrorsNotCrashes() throws {
        let missing = "/nonexistent/ferry/none.csv"
        #expect(throws: TableError(source: missing, message: "cannot open the file: No such file or directory")) {
            try CSVReader().read(path: missing)
        }
        try withTemporaryDirectory { directory in
            #expect(throws: TableError(source: directory.path, message: "is a directory, not a file")) {
                try CSVReader().read(path: directory.path)
            }
        }
    }

    @Test func errorsDescribeThemselves() {
        let error = TableError(source: "data.csv", line: 7, column: "age", message: "'x' is not an integer")
        #expect(error.description == "data.csv:7: column 'age': 'x' is not an integer")
    }
}
