import FerryTables
import Foundation

/// A named list of data-quality checks (Great Expectations 1.x expectations) to run on a ``Table``.
///
/// Suites are usually read from YAML:
/// ```yaml
/// name: churn-input
/// checks:
///   - expect_column_values_to_not_be_null: {column: age, mostly: 0.99}
///   - expect_column_values_to_be_between: {column: age, min_value: 0, max_value: 120}
///   - expect_table_row_count_to_be_between: {min_value: 1000}
/// ```
/// Each check is a one-key mapping from the GX expectation type to its GX parameters. Unknown types,
/// unknown keys and invalid parameters are rejected with a ``QualitySuiteError`` naming the check.
public struct QualitySuite: Sendable, Equatable {
    /// The suite's name (GX `suite_name`).
    public let name: String
    /// The checks, in the order they are reported.
    public let checks: [QualityCheck]

    /// Makes a suite, validating every check's parameters.
    public init(name: String, checks: [QualityCheck]) throws(QualitySuiteError) {
        for (index, check) in checks.enumerated() {
            do {
                try check.validate()
            } catch {
                throw QualitySuiteError(
                    source: "<suite>", checkIndex: index, checkType: check.expectationType, key: error.key, message: error.message)
            }
        }
        self.name = name
        self.checks = checks
    }

    /// Reads a suite from YAML text; `source` names it in errors.
    public init(yaml: String, source: String = "<suite>") throws(QualitySuiteError) {
        self = try SuiteParser(source: source).parse(yaml)
    }

    /// Reads a suite from a YAML file.
    public init(contentsOfFile path: String) throws(QualitySuiteError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw QualitySuiteError(source: path, message: "cannot read the suite file: \(error.localizedDescription)")
        }
        try self.init(yaml: text, source: path)
    }

    /// Runs every check on `table`, reading each column once however many checks name it.
    /// Never throws: a check that cannot run (a missing column, a numeric check on text) is a failed
    /// result whose `exception_info` says why.
    public func evaluate(on table: Table) -> SuiteResult {
        SuiteEvaluator(suite: self, table: table).run()
    }

    init(validatedName name: String, checks: [QualityCheck]) {
        self.name = name
        self.checks = checks
    }
}
