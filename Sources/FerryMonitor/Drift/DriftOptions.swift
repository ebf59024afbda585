/// How `DriftAnalyzer` chooses tests and thresholds, with Evidently's precedence:
/// per-column settings, then the setting for the column's type, then the setting for all columns,
/// then Evidently's default selection (``DefaultDriftMethod``) and the method's default threshold.
public struct DriftOptions: Sendable, Equatable {
    /// The columns to compare; `nil` compares every column the two tables share.
    public var columns: [String]?
    /// The method for every column (Evidently's `method`).
    public var method: DriftMethod?
    /// The method for numerical columns (`num_method`).
    public var numericalMethod: DriftMethod?
    /// The method for categorical columns (`cat_method`).
    public var categoricalMethod: DriftMethod?
    /// Methods for named columns (`per_column_method`).
    public var perColumnMethod: [String: DriftMethod]
    /// The threshold for every column (`threshold`).
    public var threshold: Double?
    /// The threshold for numerical columns (`num_threshold`).
    public var numericalThreshold: Double?
    /// The threshold for categorical columns (`cat_threshold`).
    public var categoricalThreshold: Double?
    /// Thresholds for named columns (`per_column_threshold`).
    public var perColumnThreshold: [String: Double]
    /// The share of drifted columns at which the dataset drifts (`drift_share`, default 0.5).
    public var driftShare: Double

    /// Options with Evidently's defaults: every shared column, default methods and thresholds, drift share 0.5.
    public init(
        columns: [String]? = nil, method: DriftMethod? = nil, numericalMethod: DriftMethod? = nil,
        categoricalMethod: DriftMethod? = nil, perColumnMethod: [String: DriftMethod] = [:], threshold: Double? = nil,
        numericalThreshold: Double? = nil, categoricalThreshold: Double? = nil, perColumnThreshold: [String: Double] = [:],
        driftShare: Double = 0.5
    ) {
        self.columns = columns
        self.method = method
        self.numericalMethod = numericalMethod
        self.categoricalMethod = categoricalMethod
        self.perColumnMethod = perColumnMethod
        self.threshold = threshold
        self.numericalThreshold = numericalThreshold
        self.categoricalThreshold = categoricalThreshold
        self.perColumnThreshold = perColumnThreshold
        self.driftShare = driftShare
    }

    /// The method asked for this column, if any setting names one.
    public func requestedMethod(for column: String, type: DriftColumnType) -> DriftMethod? {
        if let method = perColumnMethod[column] { return method }
        switch type {
        case .numerical: if let numericalMethod { return numericalMethod }
        case .categorical: if let categoricalMethod { return categoricalMethod }
        }
        return method
    }

    /// The threshold asked for this column, if any setting names one.
    public func requestedThreshold(for column: String, type: DriftColumnType) -> Double? {
        if let threshold = perColumnThreshold[column] { return threshold }
        switch type {
        case .numerical: if let numericalThreshold { return numericalThreshold }
        case .categorical: if let categoricalThreshold { return categoricalThreshold }
        }
        return threshold
    }

    /// Checks what can be checked before any data is read: the drift share lies in (0, 1] and every
    /// threshold is a finite number above 0.
    public func validate() throws(DriftError) {
        guard driftShare > 0, driftShare <= 1 else {
            throw DriftError("drift share \(driftShare) is out of range: give a share of columns in (0, 1], e.g. 0.5")
        }
        let thresholds = [threshold, numericalThreshold, categoricalThreshold].compactMap { $0 }.map { ("", $0) }
            + perColumnThreshold.map { ($0.key, $0.value) }
        for (column, value) in thresholds where !(value.isFinite && value > 0) {
            let scope = column.isEmpty ? "" : " for column '\(column)'"
            throw DriftError("threshold \(value)\(scope) is out of range: a threshold is a number above 0")
        }
    }
}

/// Why a drift comparison could not be made: a usage error (exit status 2 in the CLI), with what to do.
public struct DriftError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong.
    public let message: String
    /// Makes an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
