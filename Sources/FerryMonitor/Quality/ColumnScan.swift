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

/// Count and extremes of the non-missing values, gathered in the row pass. (Mean and standard deviation
/// follow pandas' own summation order afterwards: ``PandasMoments``.)
struct RunningExtremes {
    private(set) var count = 0
    private(set) var minimum = Double.infinity
    private(set) var maximum = -Double.infinity

    @inline(__always)
    mutating func add(_ value: Double) {
        count += 1
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
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

/// Numeric rules split by kind into plain arrays, so the row loop neither switches on an enum nor copies
/// (and reference-counts) a rule's payload per row.
private struct SplitNumericRules {
    var bounds: [InclusiveRange] = []
    var boundsTally: [Int] = []
    var sets: [Set<Double>] = []
    var setsTally: [Int] = []
    var patterns: [NumericRowRule] = []
    var patternsTally: [Int] = []

    init(_ rules: [NumericRowRule]) {
        for (index, rule) in rules.enumerated() {
            switch rule {
            case .between(let bounds):
                self.bounds.append(InclusiveRange(bounds))
                boundsTally.append(index)
            case .inSet(let members):
                sets.append(members)
                setsTally.append(index)
            case .regex:
                patterns.append(rule)
                patternsTally.append(index)
            }
        }
    }
}

/// ``QualityBounds`` with absent bounds as inclusive infinities: a plain value type for the row loop.
private struct InclusiveRange {
    let lower: Double
    let upper: Double
    let strictLower: Bool
    let strictUpper: Bool

    init(_ bounds: QualityBounds) {
        lower = bounds.minValue ?? -.infinity
        upper = bounds.maxValue ?? .infinity
        strictLower = bounds.minValue != nil && bounds.strictMin
        strictUpper = bounds.maxValue != nil && bounds.strictMax
    }

    @inline(__always)
    func contains(_ value: Double) -> Bool {
        (strictLower ? value > lower : value >= lower) && (strictUpper ? value < upper : value <= upper)
    }
}

/// What to gather in a column's single pass.
struct ScanRequest {
    var numericRules: [NumericRowRule] = []
    /// For a categorical column: per rule, which levels it rejects.
    var levelRules: [[Bool]] = []
    var unique = false
    var extremes = false
    var mean = false
    var standardDeviation = false
    var median = false
    /// Whether the column holds int64 values (pandas sums those exactly).
    var integers = false
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
    var extremes = RunningExtremes()
    var mean: Double?
    var standardDeviation: Double?
    var median: Double?
}

/// The single pass over one column that serves every check on it.
enum ColumnScan {
    /// Scans a numeric column once: missing rows, rule rejections, extremes and the keys for the median and
    /// uniqueness all in one loop. A mean or standard deviation then takes pandas' pairwise sums over the
    /// column (one more pass each, vectorised); the keys are radix-sorted once; repeated values, when there
    /// are any, are located by a walk that stops at the 20th.
    static func numeric(_ values: [Double], request: ScanRequest) -> ScanResult {
        var result = ScanResult(rowCount: values.count)
        var tallies = [RowTally](repeating: RowTally(), count: request.numericRules.count)
        var extremes = RunningExtremes()
        let rules = SplitNumericRules(request.numericRules)
        let collectsKeys = request.median || request.unique
        var keys = [UInt64](repeating: 0, count: collectsKeys ? values.count : 0)
        var keyCount = 0
        var missing = RowTally()
        var firstPresentRows: [Int] = []
        let partial = RowTally.partialCount
        values.withUnsafeBufferPointer { source in
            keys.withUnsafeMutableBufferPointer { keyBuffer in
                for row in 0..<source.count {
                    let value = source[row]
                    if value.isNaN {
                        missing.record(row)
                        continue
                    }
                    if firstPresentRows.count < partial { firstPresentRows.append(row) }
                    if request.extremes { extremes.add(value) }
                    if collectsKeys {
                        keyBuffer[keyCount] = SortedDoubleKeys.key(value)
                        keyCount += 1
                    }
                    for index in rules.bounds.indices where !rules.bounds[index].contains(value) {
                        tallies[rules.boundsTally[index]].record(row)
                    }
                    for index in rules.sets.indices where !rules.sets[index].contains(value) {
                        tallies[rules.setsTally[index]].record(row)
                    }
                    for index in rules.patterns.indices where rules.patterns[index].rejects(value) {
                        tallies[rules.patternsTally[index]].record(row)
                    }
                }
            }
        }
        keys.removeLast(keys.count - keyCount)
        result.missing = missing
        result.firstPresentRows = firstPresentRows
        result.ruleTallies = tallies
        result.extremes = extremes
        let nonMissing = values.count - result.missing.count
        if request.mean { result.mean = PandasMoments.mean(values, nonMissing: nonMissing, integers: request.integers) }
        if request.standardDeviation { result.standardDeviation = PandasMoments.sampleStandardDeviation(values, nonMissing: nonMissing) }
        guard collectsKeys else { return result }
        let sorted = SortedDoubleKeys(sorting: keys)
        keys = []
        if request.median { result.median = sorted.median }
        if request.unique {
            let (occurrences, repeated) = sorted.repeats()
            result.repeats = RowTally(
                count: occurrences,
                firstRows: occurrences == 0
                    ? []
                    : firstRows(limit: partial, rowCount: values.count) { row in
                        let value = values[row]
                        return !value.isNaN && repeated.contains(value)
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
            result.repeats = RowTally(
                count: repeated,
                firstRows: repeated == 0
                    ? []
                    : firstRows(limit: partial, rowCount: codes.count) { row in
                        codes[row] >= 0 && levelCounts[Int(codes[row])] > 1
                    })
        }
        return result
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
