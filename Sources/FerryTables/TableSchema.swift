import Foundation
import Yams

/// Declared column kinds that override type inference for the columns they name.
///
/// A schema file is YAML (or JSON, which YAML reads too) with one `columns` mapping from column name to kind:
///
/// ```yaml
/// columns:
///   age: integer
///   city: string
///   income: float
///   churned: boolean
/// ```
///
/// A value that does not read as its declared kind is an error naming the file, line and column. Missing values
/// are allowed in every kind (NaN in numeric columns, code `-1` in the others).
public struct TableSchema: Sendable, Equatable {
    /// Kind by column name.
    public var columns: [String: ColumnKind]

    /// Makes a schema; an empty one leaves every column to inference.
    public init(columns: [String: ColumnKind] = [:]) {
        self.columns = columns
    }

    /// The declared kind of `column`, if the schema names it.
    public subscript(column: String) -> ColumnKind? { columns[column] }

    /// Loads a schema file (YAML or JSON).
    public static func load(path: String) throws(TableError) -> TableSchema {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw TableError(source: path, message: "cannot read the schema file: \(error.localizedDescription)")
        }
        return try parse(text, source: path)
    }

    /// Parses schema text (YAML or JSON); `source` names it in errors.
    public static func parse(_ text: String, source: String) throws(TableError) -> TableSchema {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw TableError(source: source, message: "not valid YAML or JSON: \(error)")
        }
        guard let root, let top = root.mapping else {
            throw TableError(source: source, line: root?.mark?.line, message: "expected a mapping with a 'columns' key")
        }
        guard let columnsNode = top["columns"] else {
            throw TableError(source: source, line: root.mark?.line, message: "no 'columns' key (expected `columns: {name: kind, ...}`)")
        }
        guard let mapping = columnsNode.mapping else {
            throw TableError(source: source, line: columnsNode.mark?.line, message: "'columns' must map column names to kinds")
        }
        let allowed = ColumnKind.allCases.map(\.rawValue).joined(separator: ", ")
        var columns: [String: ColumnKind] = [:]
        for (key, value) in mapping {
            guard let name = key.string, let kindName = value.string else {
                throw TableError(source: source, line: key.mark?.line, message: "each column maps a name to a kind (\(allowed))")
            }
            guard let kind = ColumnKind(rawValue: kindName) else {
                throw TableError(
                    source: source, line: value.mark?.line, column: name,
                    message: "unknown kind '\(kindName)' (expected one of \(allowed))")
            }
            guard columns.updateValue(kind, forKey: name) == nil else {
                throw TableError(source: source, line: key.mark?.line, column: name, message: "declared twice")
            }
            columns[name] = kind
        }
        return TableSchema(columns: columns)
    }
}
