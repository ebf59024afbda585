import ArgumentParser
import FerryTables
import Foundation

/// How `ferry drift` and `ferry check` read their tables: a schema and a delimiter for CSV files.
struct TableInputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Column types, overriding inference (YAML or JSON: `columns: {age: integer, plan: string}`; kinds float, integer, boolean, string).", valueName: "file"))
    var schema: String?

    @Option(help: ArgumentHelp("The CSV field separator (one character; '\\t' for tabs).", valueName: "char"))
    var delimiter: String = ","

    /// The CSV reader these options describe.
    func reader(progress: CSVReader.Progress? = nil) throws(TableError) -> CSVReader {
        let separator = delimiter == "\\t" ? "\t" : delimiter
        guard separator.count == 1, let character = separator.first, character.isASCII, character != "\"", !character.isNewline else {
            throw TableError(source: "--delimiter", message: "'\(delimiter)' is not one ASCII character other than a quote or a line break")
        }
        let loaded = try schema.map { path throws(TableError) in try TableSchema.load(path: path) } ?? TableSchema()
        return CSVReader(delimiter: character, schema: loaded, progress: progress)
    }

    /// Reads one table, showing progress on `progress`.
    func read(_ path: String, progress: TerminalProgress) throws(TableError) -> Table {
        try reader(progress: { read, total in progress.update(path, bytes: read, of: total) }).read(path: path)
    }

    /// Reads two tables at once (one core each).
    func readPair(_ first: String, _ second: String, progress: TerminalProgress) async throws -> (Table, Table) {
        async let firstTable = Task.detached { [self] () throws(TableError) -> Table in try read(first, progress: progress) }.value
        async let secondTable = Task.detached { [self] () throws(TableError) -> Table in try read(second, progress: progress) }.value
        return try await (firstTable, secondTable)
    }
}
