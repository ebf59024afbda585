import ArgumentParser
import FerryMonitor
import FerryTables
import Foundation

/// `ferry drift`: compares a current table with a reference, with Evidently's tests, and says whether the data drifted.
struct DriftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Compare current data with a reference: per-column drift tests and a dataset verdict.",
        discussion: """
            Each column gets the test Evidently 0.7's DataDriftPreset would pick (by its type, the reference's \
            size and the number of distinct values): KS or normed Wasserstein for numbers, chi-square, Z-test \
            or Jensen-Shannon for categories. The dataset drifts when at least --drift-share of the tested \
            columns drift. Missing and infinite values are dropped from each side before testing.

            Inputs are CSV files with a header row, or prediction logs written by `ferry serve \
            --log-predictions` (.jsonl files, or a folder of them). Types are inferred as pandas would; \
            --schema FILE (YAML: `columns: {age: integer, plan: string}`) fixes them.

            Methods: \(DriftMethod.allCases.map(\.rawValue).joined(separator: ", ")).

            Exit status: 0 no dataset drift, 1 dataset drift, 2 a usage or input error.

            Examples:
              ferry drift --reference train.csv --current today.csv
              ferry drift --reference ref.csv --current cur.csv \\
                  --html drift.html --json drift.json
              ferry drift --reference ref.csv --current cur.csv \\
                  --columns age,plan --method age=psi --threshold age=0.2
            """
    )

    @Option(help: ArgumentHelp("The reference table (CSV, or prediction-log .jsonl file or folder).", valueName: "path"))
    var reference: String

    @Option(help: ArgumentHelp("The current table to compare with it.", valueName: "path"))
    var current: String

    @OptionGroup var selection: DriftSelectionOptions

    @OptionGroup var input: TableInputOptions

    @Option(help: ArgumentHelp("Write a self-contained HTML report here.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write the report as JSON here ('-' for standard output, instead of the summary).", valueName: "file"))
    var json: String?

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func run() async throws {
        let options = try await MonitoringExit.usage { () throws(DriftError) in try selection.driftOptions() }
        let progress = TerminalProgress.forStandardError(enabled: !quiet)
        let (referenceTable, currentTable) = try await MonitoringExit.usage {
            try await input.readPair(reference, current, progress: progress)
        }
        progress.finish()
        let report = try await MonitoringExit.usage { () async throws(DriftError) in
            try await DriftAnalyzer(options: options).analyze(
                reference: referenceTable, current: currentTable, sources: (reference, current))
        }
        try ReportOutput.write(report, html: html, json: json)
        if !quiet, json != "-" { print(DriftSummaryText.render(report)) }
        if report.datasetDrift { throw ExitCode(1) }
    }
}

/// A flag value that applies to every column (`psi`) or to one (`age=psi`).
enum ColumnSetting: Equatable {
    case all(String)
    case column(String, String)

    static func parse(_ text: String) -> ColumnSetting {
        guard let equals = text.lastIndex(of: "=") else { return .all(text) }
        return .column(String(text[..<equals]), String(text[text.index(after: equals)...]))
    }
}
