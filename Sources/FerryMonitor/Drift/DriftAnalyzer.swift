import FerryTables
import Foundation

/// Compares a current table with a reference, column by column, with Evidently 0.7's `DataDriftPreset` semantics:
/// its column typing, default tests, thresholds, comparison signs and dataset verdict.
public struct DriftAnalyzer: Sendable {
    /// How tests and thresholds are chosen.
    public var options: DriftOptions

    /// An analyzer with these options.
    public init(options: DriftOptions = DriftOptions()) {
        self.options = options
    }

    /// The drift report of `current` against `reference`.
    ///
    /// Columns are tested in parallel, one task per column. Usage errors (a column missing from one table, a method
    /// that cannot test a column's type, a threshold out of range, numbers on one side and text on the other) throw
    /// ``DriftError``; a column with no values on one side is reported as skipped.
    public func analyze(
        reference: Table, current: Table, sources: (reference: String, current: String), generatedAt: Date = Date()
    ) async throws(DriftError) -> DriftReport {
        try options.validate()
        let names = try columnsToCompare(reference: reference, current: current, sources: sources)
        if reference.rowCount == 0 { throw DriftError("\(sources.reference) has no rows: a reference needs data to compare with") }
        if current.rowCount == 0 { throw DriftError("\(sources.current) has no rows: there is nothing to compare") }
        let plans = try names.map { name throws(DriftError) in
            try plan(reference: reference.column(named: name)!, current: current.column(named: name)!)
        }
        let outcomes = try await evaluate(plans, sources: sources)
        var columns = [ColumnDrift]()
        var skipped = [SkippedColumn]()
        for outcome in outcomes {
            switch outcome {
            case .tested(let column): columns.append(column)
            case .skipped(let column): skipped.append(column)
            }
        }
        let drifted = columns.filter(\.drifted).count
        let share = columns.isEmpty ? 0 : Double(drifted) / Double(columns.count)
        return DriftReport(
            reference: .init(source: sources.reference, rows: reference.rowCount),
            current: .init(source: sources.current, rows: current.rowCount),
            driftShareThreshold: options.driftShare, testedColumns: columns.count, driftedColumns: drifted,
            driftShare: share, datasetDrift: !columns.isEmpty && share >= options.driftShare,
            columns: columns, skippedColumns: skipped, generatedAt: Self.timestamp(generatedAt))
    }

    /// The columns to compare, in the reference's order.
    func columnsToCompare(reference: Table, current: Table, sources: (reference: String, current: String)) throws(DriftError) -> [String] {
        if let requested = options.columns {
            guard !requested.isEmpty else { throw DriftError("no columns to compare: --columns names none") }
            for name in requested {
                if reference.column(named: name) == nil { throw DriftError.missingColumn(name, in: sources.reference, has: reference.columnNames) }
                if current.column(named: name) == nil { throw DriftError.missingColumn(name, in: sources.current, has: current.columnNames) }
            }
            return requested
        }
        let referenceNames = reference.columnNames
        let currentNames = Set(current.columnNames)
        let referenceSet = Set(referenceNames)
        let onlyReference = referenceNames.filter { !currentNames.contains($0) }
        let onlyCurrent = current.columnNames.filter { !referenceSet.contains($0) }
        guard onlyReference.isEmpty, onlyCurrent.isEmpty else {
            var parts = [String]()
            if !onlyReference.isEmpty { parts.append("only in \(sources.reference): \(onlyReference.joined(separator: ", "))") }
            if !onlyCurrent.isEmpty { parts.append("only in \(sources.current): \(onlyCurrent.joined(separator: ", "))") }
            throw DriftError("the tables' columns differ (\(parts.joined(separator: "; "))): pick the shared ones with --columns")
        }
        for name in options.perColumnMethod.keys.sorted() + options.perColumnThreshold.keys.sorted()
        where !currentNames.contains(name) {
            throw DriftError.missingColumn(name, in: sources.current, has: current.columnNames)
        }
        guard !referenceNames.isEmpty else { throw DriftError("\(sources.reference) has no columns") }
        return referenceNames
    }

    /// What to do with one column, decided before any statistic runs.
    enum ColumnPlan: Sendable {
        case test(reference: Column, current: Column, type: DriftColumnType, method: DriftMethod?)
        case skip(SkippedColumn)
    }

    func plan(reference: Column, current: Column) throws(DriftError) -> ColumnPlan {
        switch ColumnDriftTyping.type(of: current) {
        case .skipped(let reason):
            return .skip(SkippedColumn(name: current.name, reason: reason))
        case .tested(let type):
            let method = options.requestedMethod(for: current.name, type: type)
            if let method, !method.accepts(type) {
                throw DriftError("method \(method.rawValue) cannot test \(type.rawValue) column '\(current.name)'")
            }
            return .test(reference: reference, current: current, type: type, method: method)
        }
    }

    enum ColumnOutcome: Sendable {
        case tested(ColumnDrift)
        case skipped(SkippedColumn)
    }

    private func evaluate(_ plans: [ColumnPlan], sources: (reference: String, current: String)) async throws(DriftError) -> [ColumnOutcome] {
        let options = options
        let result = await withTaskGroup(of: (Int, Result<ColumnOutcome, DriftError>).self) { group in
            for (index, plan) in plans.enumerated() {
                group.addTask {
                    (index, Result { () throws(DriftError) in try Self.evaluate(plan, options: options, sources: sources) })
                }
            }
            var outcomes = [Result<ColumnOutcome, DriftError>?](repeating: nil, count: plans.count)
            for await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes.map { $0! }
        }
        return try result.map { outcome throws(DriftError) in try outcome.get() }
    }

    private static func evaluate(
        _ plan: ColumnPlan, options: DriftOptions, sources: (reference: String, current: String)
    ) throws(DriftError) -> ColumnOutcome {
        switch plan {
        case .skip(let skipped):
            return .skipped(skipped)
        case .test(let reference, let current, let type, let requested):
            let prepared: PreparedColumn
            switch try DriftSampleBuilder.prepare(reference: reference, current: current, as: type, sources: sources) {
            case .empty(let reason): return .skipped(SkippedColumn(name: current.name, reason: reason))
            case .ready(let column): prepared = column
            }
            let method = requested
                ?? DefaultDriftMethod.method(type: type, referenceCount: prepared.referenceCount, distinctValues: prepared.distinctValues)
            let threshold = options.requestedThreshold(for: current.name, type: type) ?? method.defaultThreshold
            if method.comparison.isPValue, threshold >= 1 {
                throw DriftError("threshold \(threshold) for column '\(current.name)' is out of range: \(method.rawValue) gives a p-value, so its threshold lies in (0, 1)")
            }
            let score = method.score(prepared.sample, integerDtype: reference.kind == .integer && current.kind == .integer)
            return .tested(ColumnDrift(
                name: current.name, type: type, method: method, threshold: threshold, score: score,
                drifted: method.comparison.isDrift(score: score, threshold: threshold),
                referenceCount: prepared.referenceCount, currentCount: prepared.currentCount,
                referenceMissing: prepared.referenceMissing, currentMissing: prepared.currentMissing,
                distribution: ChartDistribution.of(prepared)))
        }
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

extension DriftError {
    static func missingColumn(_ name: String, in source: String, has names: [String]) -> DriftError {
        DriftError("column '\(name)' is not in \(source) (its columns: \(names.joined(separator: ", ")))")
    }
}
