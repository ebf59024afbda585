/// How many rows a row-level rule rejected, and the first few of them in row order.
struct RowTally {
    /// How many row indexes are kept: GX's `partial_unexpected_count` default.
    static let partialCount = 20

    private(set) var count = 0
    private(set) var firstRows: [Int] = []

    init() {
        firstRows.reserveCapacity(Self.partialCount)
    }

    mutating func record(_ row: Int) {
        count += 1
        if firstRows.count < Self.partialCount { firstRows.append(row) }
    }

    /// A tally whose count is known, its first rows gathered separately.
    init(count: Int, firstRows: [Int]) {
        self.count = count
        self.firstRows = firstRows
    }
}

/// Count, mean, extremes and variance of the non-missing values, gathered in the scan's single pass.
/// The sum is Neumaier-compensated; the variance is Welford's, and only kept when asked for.
struct RunningMoments {
    private(set) var count = 0
    private var sum = 0.0
    private var compensation = 0.0
    private(set) var minimum = Double.infinity
    private(set) var maximum = -Double.infinity
    private let tracksVariance: Bool
    private var welfordMean = 0.0
    private var squaredDeviations = 0.0

    init(tracksVariance: Bool) {
        self.tracksVariance = tracksVariance
    }

    @inline(__always)
    mutating func add(_ value: Double) {
        count += 1
        let total = sum + value
        compensation += sum.magnitude >= value.magnitude ? (sum - total) + value : (value - total) + sum
        sum = total
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
        if tracksVariance {
            let deviation = value - welfordMean
            welfordMean += deviation / Double(count)
            squaredDeviations += deviation * (value - welfordMean)
        }
    }

    /// The mean; nil without values, or when it is not a number (infinities of both signs).
    var mean: Double? {
        guard count > 0 else { return nil }
        let total = sum.isFinite ? sum + compensation : sum
        let mean = total / Double(count)
        return mean.isNaN ? nil : mean
    }

    /// pandas' `std()` (ddof = 1); nil with fewer than two values or when not a number.
    var sampleStandardDeviation: Double? {
        guard tracksVariance, count > 1 else { return nil }
        let deviation = (squaredDeviations / Double(count - 1)).squareRoot()
        return deviation.isNaN ? nil : deviation
    }
}

/// A per-row rule on a numeric column.
enum NumericRowRule {
    case between(QualityBounds)
    case inSet(Set<Double>)
    /// A regex matched against the value's Python text (`3` for an integer column, `3.0` for a float one).
    case regex(SearchPattern, integerText: Bool)

    @inline(__always)
    func rejects(_ value: Double) -> Bool {
        switch self {
        case .between(let bounds): !bounds.contains(value)
        case .inSet(let members): !members.contains(value)
        case .regex(let pattern, let integerText):
            !pattern.matches(integerText ? PythonNumberText.integer(value) : PythonNumberText.float(value))
        }
    }
}

/// What to gather in a column's single pass.
struct ScanRequest {
    var numericRules: [NumericRowRule] = []
    /// For a categorical column: per rule, which levels it rejects.
    var levelRules: [[Bool]] = []
    var unique = false
    var moments = false
    var variance = false
    var median = false
}

/// What one pass over a column found.
struct ScanResult {
    var rowCount = 0
    /// Missing rows (the `not_null` tally).
    var missing = RowTally()
    /// The first non-missing rows (for a type check that rejects every value).
    var firstPresentRows: [Int] = []
    /// One tally per requested rule, in request order (numeric rules or level rules).
    var ruleTallies: [RowTally] = []
    /// Repeated values (every occurrence), when `unique` was requested.
    var repeats: RowTally?
    var moments = RunningMoments(tracksVariance: false)
    var median: Double?
}

/// The single pass over one column that serves every check on it.
enum ColumnScan {
    /// Scans a numeric column once: missing rows, rule rejections, moments, a copy for the median and
    /// value counts for uniqueness all in one loop. Repeats are then located by a second, early-stopping
    /// walk that only runs when some value repeats.
    static func numeric(_ values: [Double], request: ScanRequest) -> ScanResult {
        var result = ScanResult(rowCount: values.count)
        var tallies = [RowTally](repeating: RowTally(), count: request.numericRules.count)
        var moments = RunningMoments(tracksVariance: request.variance)
        var sorted: [Double] = []
        if request.median { sorted.reserveCapacity(values.count) }
        var counts: [Double: Int32] = [:]
        if request.unique { counts.reserveCapacity(values.count) }
        let rules = request.numericRules
        let partial = RowTally.partialCount
        for row in values.indices {
            let value = values[row]
            if value.isNaN {
                result.missing.record(row)
                continue
            }
            if result.firstPresentRows.count < partial { result.firstPresentRows.append(row) }
            if request.moments { moments.add(value) }
            if request.median { sorted.append(value) }
            if request.unique { counts[value, default: 0] += 1 }
            for index in rules.indices where rules[index].rejects(value) {
                tallies[index].record(row)
            }
        }
        result.ruleTallies = tallies
        result.moments = moments
        if request.median { result.median = median(ofUnsorted: &sorted) }
        if request.unique {
            let repeated = counts.values.reduce(0) { $0 + ($1 > 1 ? Int($1) : 0) }
            result.repeats = RowTally(count: repeated, firstRows: repeated == 0 ? [] : firstRows(limit: partial, rowCount: values.count) { row in
                let value = values[row]
                return !value.isNaN && counts[value, default: 0] > 1
            })
        }
        return result
    }

    /// Scans a categorical column once: missing rows, per-level rule rejections (each rule was decided
    /// once per level, so a row costs one mask lookup), and level counts for uniqueness.
    static func categorical(_ codes: [Int32], levelCount: Int, request: ScanRequest) -> ScanResult {
        var result = ScanResult(rowCount: codes.count)
        let ruleCount = request.levelRules.count
        let blocks = (ruleCount + 63) / 64
        var masks = [UInt64](repeating: 0, count: levelCount * blocks)
        for (rule, rejected) in request.levelRules.enumerated() {
            for level in 0..<levelCount where rejected[level] {
                masks[level * blocks + rule / 64] |= 1 << UInt64(rule % 64)
            }
        }
        var tallies = [RowTally](repeating: RowTally(), count: ruleCount)
        var levelCounts = [Int](repeating: 0, count: levelCount)
        let partial = RowTally.partialCount
        for row in codes.indices {
            let code = Int(codes[row])
            if code < 0 {
                result.missing.record(row)
                continue
            }
            if result.firstPresentRows.count < partial { result.firstPresentRows.append(row) }
            levelCounts[code] += 1
            for block in 0..<blocks {
                var mask = masks[code * blocks + block]
                while mask != 0 {
                    tallies[block * 64 + mask.trailingZeroBitCount].record(row)
                    mask &= mask - 1
                }
            }
        }
        result.ruleTallies = tallies
        if request.unique {
            let repeated = levelCounts.reduce(0) { $0 + ($1 > 1 ? $1 : 0) }
            result.repeats = RowTally(count: repeated, firstRows: repeated == 0 ? [] : firstRows(limit: partial, rowCount: codes.count) { row in
                codes[row] >= 0 && levelCounts[Int(codes[row])] > 1
            })
        }
        return result
    }

    /// pandas' median: the middle value, or the mean of the two middle values.
    private static func median(ofUnsorted values: inout [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        values.sort()
        let middle = values.count / 2
        return values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
    }

    private static func firstRows(limit: Int, rowCount: Int, where isRejected: (Int) -> Bool) -> [Int] {
        var rows: [Int] = []
        var row = 0
        while row < rowCount && rows.count < limit {
            if isRejected(row) { rows.append(row) }
            row += 1
        }
        return rows
    }
}
