import ArgumentParser
import FerryMonitor
import Foundation

/// The drift-test flags `ferry drift` and `ferry monitor` share: which columns, which methods and thresholds
/// (Evidently's precedence: per column, then per type, then for all), and the dataset's drift share.
struct DriftSelectionOptions: ParsableArguments {
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Compare only these columns (comma-separated or repeated). Default: all.", valueName: "name"))
    var columns: [String] = []

    @Option(help: ArgumentHelp("A method for every column (NAME), or for one (COLUMN=NAME); repeatable.", valueName: "[column=]method"))
    var method: [String] = []

    @Option(name: .customLong("num-method"), help: ArgumentHelp("The method for numerical columns.", valueName: "method"))
    var numericalMethod: String?

    @Option(name: .customLong("cat-method"), help: ArgumentHelp("The method for categorical columns.", valueName: "method"))
    var categoricalMethod: String?

    @Option(help: ArgumentHelp("A threshold for every column (X), or for one (COLUMN=X); repeatable.", valueName: "[column=]x"))
    var threshold: [String] = []

    @Option(name: .customLong("num-threshold"), help: ArgumentHelp("The threshold for numerical columns.", valueName: "x"))
    var numericalThreshold: Double?

    @Option(name: .customLong("cat-threshold"), help: ArgumentHelp("The threshold for categorical columns.", valueName: "x"))
    var categoricalThreshold: Double?

    @Option(name: .customLong("drift-share"), help: ArgumentHelp("The share of drifted columns at which the dataset drifts.", valueName: "share"))
    var driftShare: Double = 0.5

    /// The drift options the flags describe.
    func driftOptions() throws(DriftError) -> DriftOptions {
        var options = DriftOptions(driftShare: driftShare)
        let names = columns.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        options.columns = names.isEmpty ? nil : names
        for setting in method {
            switch ColumnSetting.parse(setting) {
            case .all(let name): options.method = try DriftMethod.named(name)
            case .column(let column, let name): options.perColumnMethod[column] = try DriftMethod.named(name)
            }
        }
        options.numericalMethod = try numericalMethod.map { name throws(DriftError) in try DriftMethod.named(name) }
        options.categoricalMethod = try categoricalMethod.map { name throws(DriftError) in try DriftMethod.named(name) }
        for setting in threshold {
            switch ColumnSetting.parse(setting) {
            case .all(let text): options.threshold = try Self.number(text, flag: "--threshold")
            case .column(let column, let text): options.perColumnThreshold[column] = try Self.number(text, flag: "--threshold \(column)=")
            }
        }
        options.numericalThreshold = numericalThreshold
        options.categoricalThreshold = categoricalThreshold
        try options.validate()
        return options
    }

    private static func number(_ text: String, flag: String) throws(DriftError) -> Double {
        guard let value = Double(text) else { throw DriftError("\(flag) '\(text)' is not a number") }
        return value
    }
}
