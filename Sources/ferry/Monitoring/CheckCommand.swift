import ArgumentParser
import FerryMonitor
import FerryTables
import Foundation

/// `ferry check`: a data-quality suite (Great Expectations' checks, in YAML) over a table.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run a data-quality suite over a table: nulls, ranges, sets, uniqueness, patterns, row counts, statistics.",
        discussion: """
            The suite is YAML with Great Expectations' names and parameters, evaluated in one pass over the data:

              name: churn-input
              checks:
                - expect_column_values_to_not_be_null: {column: age, mostly: 0.99}
                - expect_column_values_to_be_between: {column: age, min_value: 0, max_value: 120}
                - expect_column_values_to_be_in_set: {column: plan, value_set: [free, pro, team]}
                - expect_table_row_count_to_be_between: {min_value: 1000}

            Checks: expect_column_to_exist, expect_column_values_to_be_of_type, \
            expect_column_values_to_not_be_null, expect_column_values_to_be_between, \
            expect_column_values_to_be_in_set, expect_column_values_to_be_unique, \
            expect_column_values_to_match_regex, expect_table_row_count_to_be_between, \
            expect_column_{mean,median,min,max,stdev}_to_be_between, expect_table_columns_to_match_set.

            --json writes the results in Great Expectations' SUMMARY format (success, observed value, unexpected \
            count and percent, partial lists of unexpected values with counts).

            Exit status: 0 every check passed, 1 a check failed, 2 a usage or input error.

            Examples:
              ferry check --suite suite.yaml data.csv
              ferry check --suite suite.yaml data.csv --json results.json
            """
    )

    @Option(help: ArgumentHelp("The suite of checks (YAML).", valueName: "file"))
    var suite: String

    @Argument(help: ArgumentHelp("The table to check (CSV with a header row).", valueName: "data"))
    var data: String

    @OptionGroup var input: TableInputOptions

    @Option(help: ArgumentHelp("Write the results as JSON here ('-' for standard output, instead of the summary).", valueName: "file"))
    var json: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func run() async throws {
        let checks: QualitySuite
        do {
            checks = try QualitySuite(contentsOfFile: suite)
        } catch {
            throw MonitoringExit.fail(error.description)
        }
        let progress = TerminalProgress.forStandardError(enabled: !quiet)
        let table = try await MonitoringExit.usage { try input.read(data, progress: progress) }
        progress.finish()
        let result = checks.evaluate(on: table)
        if let json { try ReportOutput.emit(try result.jsonData(prettyPrinted: true), to: json) }
        if !quiet, json != "-" { print(result.summaryText(), terminator: "") }
        if !result.success { throw ExitCode(1) }
    }
}
