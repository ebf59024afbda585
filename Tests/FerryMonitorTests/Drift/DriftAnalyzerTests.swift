import FerryTables
import Foundation
import Testing

@testable import FerryMonitor

@Suite struct DriftAnalyzerTests {
    let sources = (reference: "ref.csv", current: "cur.csv")

    func table(_ columns: [Column]) -> Table {
        Table(columns: columns, rowCount: columns.first?.count ?? 0)
    }

    func numbers(_ name: String, _ values: [Double]) -> Column {
        Column(name: name, kind: .float, values: .numeric(values))
    }

    @Test func columnsThatDifferAreAUsageErrorNamingBoth() async {
        let reference = table([numbers("a", [1, 2]), numbers("b", [1, 2])])
        let current = table([numbers("a", [1, 2]), numbers("c", [1, 2])])
        await #expect(throws: DriftError("the tables' columns differ (only in ref.csv: b; only in cur.csv: c): pick the shared ones with --columns")) {
            try await DriftAnalyzer().analyze(reference: reference, current: current, sources: sources)
        }
        let shared = try? await DriftAnalyzer(options: DriftOptions(columns: ["a"])).analyze(reference: reference, current: current, sources: sources)
        #expect(shared?.columns.map(\.name) == ["a"])
    }

    @Test func emptyTablesAreUsageErrors() async {
        let empty = table([numbers("a", [])])
        let some = table([numbers("a", [1])])
        await #expect(throws: DriftError.self) { try await DriftAnalyzer().analyze(reference: empty, current: some, sources: sources) }
        await #expect(throws: DriftError.self) { try await DriftAnalyzer().analyze(reference: some, current: empty, sources: sources) }
    }

    @Test func theVerdictIsShareAtLeastTheThresholdAndColumnsKeepTheirOrder() async throws {
        let steady = (0..<300).map { Double($0 % 50) }
        let moved = steady.map { $0 + 40 }
        let reference = table([numbers("moved", steady), numbers("same", steady)])
        let current = table([numbers("moved", moved), numbers("same", steady)])
        let report = try await DriftAnalyzer().analyze(reference: reference, current: current, sources: sources)
        #expect(report.columns.map(\.name) == ["moved", "same"])
        #expect(report.columns.map(\.method) == [.ks, .ks])
        #expect(report.columns.map(\.drifted) == [true, false])
        #expect(report.driftShare == 0.5 && report.datasetDrift)
        let stricter = try await DriftAnalyzer(options: DriftOptions(driftShare: 0.51)).analyze(reference: reference, current: current, sources: sources)
        #expect(!stricter.datasetDrift)
    }

    @Test func aMethodThatCannotTestTheTypeIsRefused() async {
        let reference = table([numbers("x", [1, 2, 3])])
        await #expect(throws: DriftError("method TVD cannot test numerical column 'x'")) {
            try await DriftAnalyzer(options: DriftOptions(method: .tvd)).analyze(reference: reference, current: reference, sources: sources)
        }
    }

    @Test func aPValueThresholdOfOneOrMoreIsRefused() async {
        let reference = table([numbers("x", [1, 2, 3, 4, 5, 6, 7])])
        await #expect(throws: DriftError.self) {
            try await DriftAnalyzer(options: DriftOptions(threshold: 1)).analyze(reference: reference, current: reference, sources: sources)
        }
    }

    @Test func allMissingColumnsAreSkippedWithAReason() async throws {
        let reference = table([numbers("x", [1, 2, 3]), numbers("gone", [.nan, .nan, .nan])])
        let report = try await DriftAnalyzer().analyze(reference: reference, current: reference, sources: sources)
        #expect(report.columns.map(\.name) == ["x"])
        #expect(report.skippedColumns == [SkippedColumn(name: "gone", reason: "no values in ref.csv once missing values are dropped")])
    }

    @Test func aConstantColumnIsNotDrift() async throws {
        let constant = table([numbers("c", [Double](repeating: 4, count: 200))])
        let report = try await DriftAnalyzer().analyze(reference: constant, current: constant, sources: sources)
        #expect(report.columns.first?.method == .z)
        #expect(report.columns.first?.score == 1)
        #expect(report.columns.first?.drifted == false)
        #expect(!report.datasetDrift)
    }
}
