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

    /// Reads one table, showing progress on `progress`: a CSV file, or prediction logs (a `.jsonl` file, or a
    /// folder whose `.jsonl` files, at any depth, are read in name order).
    func read(_ path: String, progress: TerminalProgress) throws(TableError) -> Table {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if exists, isFolder.boolValue || path.hasSuffix(".jsonl") {
            return try PredictionLogReader(skipInvalid: false).read(try Self.predictionLogFiles(path, isFolder: isFolder.boolValue)).table
        }
        return try reader(progress: { read, total in progress.update(path, bytes: read, of: total) }).read(path: path)
    }

    private static func predictionLogFiles(_ path: String, isFolder: Bool) throws(TableError) -> [PredictionLogFile] {
        guard isFolder else { return [try PredictionLogFile(contentsOf: path)] }
        let names = (FileManager.default.subpaths(atPath: path) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
        guard !names.isEmpty else { throw TableError(source: path, message: "a folder with no .jsonl prediction logs") }
        return try names.map { name throws(TableError) in try PredictionLogFile(contentsOf: path + "/" + name) }
    }

    /// Reads two tables at once (one core each).
    func readPair(_ first: String, _ second: String, progress: TerminalProgress) async throws -> (Table, Table) {
        async let firstTable = Task.detached { [self] () throws(TableError) -> Table in try read(first, progress: progress) }.value
        async let secondTable = Task.detached { [self] () throws(TableError) -> Table in try read(second, progress: progress) }.value
        return try await (firstTable, secondTable)
    }
}
