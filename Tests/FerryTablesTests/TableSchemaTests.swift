import FerryTables
import Foundation
import Testing

@Suite struct TableSchemaTests {
    @Test func parsesYAMLAndJSON() throws {
        let yaml = try TableSchema.parse("columns:\n  age: integer\n  city: string\n  income: float\n  churned: boolean\n", source: "s.yaml")
        #expect(yaml == TableSchema(columns: ["age": .integer, "city": .string, "income": .float, "churned": .boolean]))
        let json = try TableSchema.parse(#"{"columns": {"age": "integer", "zip": "string"}}"#, source: "s.json")
        #expect(json == TableSchema(columns: ["age": .integer, "zip": .string]))
        let flow = try TableSchema.parse("columns: {age: integer, city: string}", source: "s.yaml")
        #expect(flow["city"] == .string)
    }

    @Test func loadsAFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("schema.yaml").path
            try "columns:\n  zip: string\n".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try TableSchema.load(path: path) == TableSchema(columns: ["zip": .string]))
            let missing = directory.appendingPathComponent("none.yaml").path
            #expect(throws: TableError.self) { try TableSchema.load(path: missing) }
        }
    }

    @Test func badSchemasSayWhatIsWrongAndWhere() {
        #expect(throws: TableError(source: "s", line: 2, column: "age", message: "unknown kind 'int' (expected one of float, integer, boolean, string)")) {
            try TableSchema.parse("columns:\n  age: int\n", source: "s")
        }
        #expect(throws: TableError(source: "s", line: 1, message: "no 'columns' key (expected `columns: {name: kind, ...}`)")) {
            try TableSchema.parse("cols:\n  age: integer\n", source: "s")
        }
        #expect(throws: TableError(source: "s", line: 1, message: "'columns' must map column names to kinds")) {
            try TableSchema.parse("columns: [age]\n", source: "s")
        }
        #expect(throws: TableError(source: "s", line: 1, message: "expected a mapping with a 'columns' key")) {
            try TableSchema.parse("- a\n", source: "s")
        }
        #expect(throws: TableError.self) { try TableSchema.parse("columns: {age: [\n", source: "s") }
    }

    @Test func declaredKindsOverrideInference() throws {
        let schema = TableSchema(columns: ["zip": .string, "count": .float, "code": .integer, "flag": .boolean])
        let table = try readCSV("zip,count,code,flag,other\n0501,3,7,true,1\n1000,4,NA,,2\n", CSVReader(schema: schema))
        #expect(table.kind("zip") == .string)
        #expect(table.texts("zip") == ["0501", "1000"])
        #expect(table.kind("count") == .float)
        #expect(table.numbers("count") == [3, 4])
        // A declared integer column may have missing values (NaN) and stays integer.
        #expect(table.kind("code") == .integer)
        #expect(table.numbers("code") == [7, nil])
        #expect(table.kind("flag") == .boolean)
        #expect(table.texts("flag") == ["True", nil])
        #expect(table.kind("other") == .integer)
    }

    @Test func declaredStringKeepsMissingSpellingsMissing() throws {
        let table = try readCSV("s\nNA\n1.0\n", CSVReader(schema: TableSchema(columns: ["s": .string])))
        #expect(table.texts("s") == [nil, "1.0"])
    }
}
