import FerryTables
import Foundation
import Testing

@testable import FerryMonitor

/// Columns and tables for the quality tests, built the way `CSVReader` builds them.
enum QualityColumns {
    static func floats(_ name: String, _ values: [Double]) -> Column {
        Column(name: name, kind: .float, values: .numeric(values))
    }

    static func integers(_ name: String, _ values: [Int]) -> Column {
        Column(name: name, kind: .integer, values: .numeric(values.map(Double.init)))
    }

    /// Text with levels in first-seen order; nil is missing.
    static func strings(_ name: String, _ values: [String?]) -> Column {
        var levels: [String] = []
        var codes: [Int32] = []
        for value in values {
            guard let value else {
                codes.append(-1)
                continue
            }
            if let code = levels.firstIndex(of: value) {
                codes.append(Int32(code))
            } else {
                levels.append(value)
                codes.append(Int32(levels.count - 1))
            }
        }
        return Column(name: name, kind: .string, values: .categorical(codes: codes, levels: levels))
    }

    /// A boolean column with none missing: levels `False`, `True`.
    static func booleans(_ name: String, _ values: [Bool]) -> Column {
        Column(name: name, kind: .boolean, values: .categorical(codes: values.map { $0 ? 1 : 0 }, levels: ["False", "True"]))
    }

    /// A boolean column with missing values, as the CSV reader keeps it: `.string` with levels `True`/`False`.
    static func booleansWithMissing(_ name: String, _ values: [Bool?]) -> Column {
        strings(name, values.map { $0.map { $0 ? "True" : "False" } })
    }

    static func table(_ columns: Column...) -> Table {
        Table(columns: columns, rowCount: columns.first?.count ?? 0)
    }
}

/// Evaluates one check (written as a suite line) on a table.
func runCheck(_ checkLine: String, on table: Table) throws -> ExpectationResult {
    let suite = try QualitySuite(yaml: "name: t\nchecks:\n  - \(checkLine)\n")
    let result = suite.evaluate(on: table)
    return try #require(result.results.first)
}

/// The row summary of a result, or a test failure.
func rowSummary(_ result: ExpectationResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> RowCheckSummary {
    try #require(result.result.rows, "expected a row-level result, got \(result.result)", sourceLocation: sourceLocation)
}

/// The message of the error that parsing `yaml` throws.
func suiteParseError(_ yaml: String) -> QualitySuiteError? {
    do {
        _ = try QualitySuite(yaml: yaml)
        return nil
    } catch {
        return error
    }
}

/// A JSON value for comparing documents: numbers compare with a relative tolerance (GX writes `200.0`,
/// Swift's encoder `200`), objects by key.
indirect enum JSONTree: Decodable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([JSONTree].self) {
            self = .array(items)
        } else {
            self = .object(try container.decode([String: JSONTree].self))
        }
    }

    static func parse(_ data: Data) throws -> JSONTree {
        try JSONDecoder().decode(JSONTree.self, from: data)
    }

    subscript(key: String) -> JSONTree? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    static func == (lhs: JSONTree, rhs: JSONTree) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let left), .bool(let right)): left == right
        case (.number(let left), .number(let right)): left == right || abs(left - right) <= 1e-12 * max(abs(left), abs(right))
        case (.string(let left), .string(let right)): left == right
        case (.array(let left), .array(let right)): left == right
        case (.object(let left), .object(let right)): left == right
        default: false
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .number(let number): "\(number)"
        case .string(let text): "\"\(text)\""
        case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let members):
            "{" + members.keys.sorted().map { "\"\($0)\": \(members[$0]!)" }.joined(separator: ", ") + "}"
        }
    }
}
