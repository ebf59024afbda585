/// The result of comparing a current table with a reference: one entry per tested column and the
/// dataset verdict. The JSON report, the HTML report, the CLI's exit status and the monitor's
/// gauges all read this one value.
public struct DriftReport: Sendable, Codable, Equatable {
    /// Where a table came from and its size.
    public struct Dataset: Sendable, Codable, Equatable {
        /// A path or URI, as given.
        public var source: String
        /// Rows read.
        public var rows: Int
        public init(source: String, rows: Int) {
            self.source = source
            self.rows = rows
        }
    }

    /// The reference table.
    public var reference: Dataset
    /// The current table.
    public var current: Dataset
    /// The share of drifted columns at which the dataset counts as drifted (Evidently's `drift_share`, 0.5).
    public var driftShareThreshold: Double
    /// Columns that were tested.
    public var testedColumns: Int
    /// Tested columns whose test found drift.
    public var driftedColumns: Int
    /// `driftedColumns / testedColumns` (0 when nothing was tested).
    public var driftShare: Double
    /// Whether `driftShare >= driftShareThreshold` (and at least one column was tested).
    public var datasetDrift: Bool
    /// One entry per tested column, in the reference's column order.
    public var columns: [ColumnDrift]
    /// Columns present in both tables that were not tested, and why.
    public var skippedColumns: [SkippedColumn]
    /// When the report was made, ISO 8601 UTC.
    public var generatedAt: String

    public init(
        reference: Dataset, current: Dataset, driftShareThreshold: Double, testedColumns: Int, driftedColumns: Int,
        driftShare: Double, datasetDrift: Bool, columns: [ColumnDrift], skippedColumns: [SkippedColumn], generatedAt: String
    ) {
        self.reference = reference
        self.current = current
        self.driftShareThreshold = driftShareThreshold
        self.testedColumns = testedColumns
        self.driftedColumns = driftedColumns
        self.driftShare = driftShare
        self.datasetDrift = datasetDrift
        self.columns = columns
        self.skippedColumns = skippedColumns
        self.generatedAt = generatedAt
    }
}

/// Whether a column was compared as numbers or as categories (Evidently's column types).
public enum DriftColumnType: String, Sendable, Codable {
    case numerical
    case categorical
}

/// One tested column: the method, its score, the verdict, and what the charts draw.
public struct ColumnDrift: Sendable, Codable, Equatable {
    /// The column's name.
    public var name: String
    /// How the column was compared.
    public var type: DriftColumnType
    /// The test used.
    public var method: DriftMethod
    /// The threshold the score was compared with.
    public var threshold: Double
    /// The statistic: a p-value or a distance (see `method.comparison`).
    public var score: Double
    /// Whether the test found drift.
    public var drifted: Bool
    /// Non-missing values in the reference (the values tested).
    public var referenceCount: Int
    /// Non-missing values in the current table.
    public var currentCount: Int
    /// Missing (or infinite) values dropped from the reference.
    public var referenceMissing: Int
    /// Missing (or infinite) values dropped from the current table.
    public var currentMissing: Int
    /// Reference against current, for the chart.
    public var distribution: ColumnDistribution

    public init(
        name: String, type: DriftColumnType, method: DriftMethod, threshold: Double, score: Double, drifted: Bool,
        referenceCount: Int, currentCount: Int, referenceMissing: Int, currentMissing: Int, distribution: ColumnDistribution
    ) {
        self.name = name
        self.type = type
        self.method = method
        self.threshold = threshold
        self.score = score
        self.drifted = drifted
        self.referenceCount = referenceCount
        self.currentCount = currentCount
        self.referenceMissing = referenceMissing
        self.currentMissing = currentMissing
        self.distribution = distribution
    }
}

/// What a column's chart draws: counts per bin (numerical) or per category (categorical), for both sides.
public enum ColumnDistribution: Sendable, Codable, Equatable {
    /// Equal-width bins over the combined range: `edges` has one more entry than each count list.
    case histogram(edges: [Double], reference: [Int], current: [Int])
    /// The most frequent categories (by combined count); when there are more than fit, the rest are summed into a last
    /// label that reads "(N others)".
    case categories(labels: [String], reference: [Int], current: [Int])
}

/// A column present in both tables that was not tested.
public struct SkippedColumn: Sendable, Codable, Equatable {
    /// The column's name.
    public var name: String
    /// Why it was not tested (for example "text column: Evidently's text drift is not computed").
    public var reason: String
    public init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }
}
