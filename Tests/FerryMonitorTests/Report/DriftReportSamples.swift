import FerryMonitor

/// Hand-made reports for the HTML report's tests.
enum DriftReportSamples {
    /// A user-data name that needs every escape: a script tag, both quotes, an ampersand and non-ASCII letters.
    static let hostileName = "<script>alert(\"x\")</script> & 'q' Ωμέγα 日本"

    /// Four bins over [0, 1]: reference 1/2/3/4, current 4/3/2/1.
    static let histogram = ColumnDistribution.histogram(edges: [0, 0.25, 0.5, 0.75, 1], reference: [1, 2, 3, 4], current: [4, 3, 2, 1])

    /// Three categories, one label hostile.
    static let categories = ColumnDistribution.categories(
        labels: ["red", "<b>&amp;</b>", "(2 others)"], reference: [6, 3, 1], current: [5, 3, 2])

    static func numerical(_ name: String, method: DriftMethod = .ks, score: Double, bins: ColumnDistribution = histogram) -> ColumnDrift {
        let drifted = method.comparison.isDrift(score: score, threshold: method.defaultThreshold)
        return ColumnDrift(
            name: name, type: .numerical, method: method, threshold: method.defaultThreshold, score: score, drifted: drifted,
            referenceCount: 10, currentCount: 10, referenceMissing: 0, currentMissing: 2, distribution: bins)
    }

    static func categorical(_ name: String, method: DriftMethod = .chisquare, score: Double) -> ColumnDrift {
        let drifted = method.comparison.isDrift(score: score, threshold: method.defaultThreshold)
        return ColumnDrift(
            name: name, type: .categorical, method: method, threshold: method.defaultThreshold, score: score, drifted: drifted,
            referenceCount: 10, currentCount: 10, referenceMissing: 1, currentMissing: 0, distribution: categories)
    }

    /// A report over `columns` with the verdict computed as Evidently does (share 0.5).
    static func report(_ columns: [ColumnDrift], skipped: [SkippedColumn] = []) -> DriftReport {
        let drifted = columns.filter(\.drifted).count
        let share = columns.isEmpty ? 0 : Double(drifted) / Double(columns.count)
        return DriftReport(
            reference: .init(source: "data/ref & <old>.csv", rows: 12_345), current: .init(source: "cur.csv", rows: 1_000_000),
            driftShareThreshold: 0.5, testedColumns: columns.count, driftedColumns: drifted, driftShare: share,
            datasetDrift: !columns.isEmpty && share >= 0.5, columns: columns, skippedColumns: skipped,
            generatedAt: "2026-12-01T10:20:30Z")
    }

    /// Five columns, three drifted (a dataset drift), one with a hostile name, one skipped column.
    static let drifting = report(
        [
            numerical("age", score: 1.18935e-07),
            numerical(hostileName, method: .wasserstein, score: 0.259721),
            categorical("colour", score: 0.41),
            categorical("plan", method: .jensenshannon, score: 0.103783),
            numerical("clicks", method: .psi, score: 0.02),
        ],
        skipped: [SkippedColumn(name: "comment <i>", reason: "text column: Evidently's text drift is not computed")])

    /// Two columns, none drifted.
    static let steady = report([numerical("age", score: 0.37), categorical("colour", score: 0.41)])

    /// `count` numerical columns of 10-bin histograms with edges as real data gives them (17 significant digits).
    static func wide(columns count: Int) -> DriftReport {
        let edges = (0...10).map { 0.1234567890123 + Double($0) * 1.7320508075688772 }
        let reference = [1203, 5121, 14310, 25123, 31900, 25019, 14402, 5077, 1211, 634]
        let current = [934, 4410, 12011, 23123, 30111, 27001, 16020, 6081, 1643, 666]
        let columns = (0..<count).map { index in
            numerical(
                "feature_\(index)", method: index.isMultiple(of: 2) ? .wasserstein : .ks, score: index.isMultiple(of: 3) ? 0.31 : 0.012,
                bins: .histogram(edges: edges, reference: reference, current: current))
        }
        return report(columns)
    }
}
