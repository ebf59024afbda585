import FerryTables
import Foundation
import Testing

/// Reads CSV text with `reader`.
func readCSV(_ text: String, _ reader: CSVReader = CSVReader(), source: String = "test.csv") throws(TableError) -> Table {
    try reader.read(bytes: Array(text.utf8), source: source)
}

/// The error reading `text` throws, or nil.
func csvError(_ text: String, _ reader: CSVReader = CSVReader()) -> TableError? {
    do {
        _ = try readCSV(text, reader)
        return nil
    } catch {
        return error
    }
}

extension Table {
    /// The named column's kind.
    func kind(_ name: String) -> ColumnKind? { column(named: name)?.kind }

    /// The named numeric column's values, NaN as nil.
    func numbers(_ name: String) -> [Double?] {
        guard case .numeric(let values)? = column(named: name)?.values else { return [] }
        return values.map { $0.isNaN ? nil : $0 }
    }

    /// The named categorical column's values as text, missing as nil.
    func texts(_ name: String) -> [String?] {
        guard case .categorical(let codes, let levels)? = column(named: name)?.values else { return [] }
        return codes.map { $0 < 0 ? nil : levels[Int($0)] }
    }

    /// The named categorical column's levels.
    func levels(_ name: String) -> [String] {
        guard case .categorical(_, let levels)? = column(named: name)?.values else { return [] }
        return levels
    }
}

/// A fresh temporary directory, removed by `body`'s end.
@discardableResult
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-tables-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}
