import FerryTables
import Foundation
import Testing

@testable import FerryMonitor

@Suite struct DefaultDriftMethodTests {
    @Test(arguments: [
        (DriftColumnType.numerical, 1000, 6, DriftMethod.ks), (.numerical, 1000, 5, .chisquare), (.numerical, 1000, 3, .chisquare),
        (.numerical, 1000, 2, .z), (.numerical, 1000, 1, .z), (.categorical, 1000, 3, .chisquare), (.categorical, 1000, 2, .z),
        (.numerical, 1001, 6, .wasserstein), (.numerical, 1001, 5, .jensenshannon), (.numerical, 1001, 2, .jensenshannon),
        (.categorical, 1001, 50, .jensenshannon), (.categorical, 1001, 2, .jensenshannon),
    ])
    func evidentlysTable(type: DriftColumnType, referenceCount: Int, distinct: Int, expected: DriftMethod) {
        #expect(DefaultDriftMethod.method(type: type, referenceCount: referenceCount, distinctValues: distinct) == expected)
    }
}

@Suite struct ColumnTypingTests {
    @Test func followsEvidentlysInference() {
        let floats = Column(name: "f", kind: .float, values: .numeric([1, 1, 1]))
        #expect(ColumnDriftTyping.type(of: floats) == .tested(.numerical))
        let fewIntegers = Column(name: "i", kind: .integer, values: .numeric((0..<100).map { Double($0 % 10) }))
        #expect(ColumnDriftTyping.type(of: fewIntegers) == .tested(.categorical))
        let manyIntegers = Column(name: "i", kind: .integer, values: .numeric((0..<100).map { Double($0 % 11) }))
        #expect(ColumnDriftTyping.type(of: manyIntegers) == .tested(.numerical))
        let flags = Column(name: "b", kind: .boolean, values: .categorical(codes: [0, 1, 1], levels: ["False", "True"]))
        #expect(ColumnDriftTyping.type(of: flags) == .tested(.categorical))
    }

    @Test func textIsMoreDistinctValuesThanHalfTheNonMissing() {
        // 3 distinct of 6 non-missing: not more than half, so categorical; 4 of 6 is text.
        let half = Column(name: "s", kind: .string, values: .categorical(codes: [0, 1, 2, 0, 1, 2, -1], levels: ["a", "b", "c"]))
        #expect(ColumnDriftTyping.type(of: half) == .tested(.categorical))
        let text = Column(name: "s", kind: .string, values: .categorical(codes: [0, 1, 2, 3, 1, 2, -1], levels: ["a", "b", "c", "d"]))
        guard case .skipped(let reason) = ColumnDriftTyping.type(of: text) else {
            Issue.record("a mostly-distinct string column is text")
            return
        }
        #expect(reason.contains("text column"))
        let empty = Column(name: "s", kind: .string, values: .categorical(codes: [-1, -1], levels: []))
        #expect(ColumnDriftTyping.type(of: empty) == .skipped("no values: every value is missing"))
    }
}

@Suite struct DriftSampleBuilderTests {
    let sources = (reference: "ref.csv", current: "cur.csv")

    @Test func numericalSamplesDropMissingAndInfinitySeparatelyAndSort() throws {
        let reference = Column(name: "x", kind: .float, values: .numeric([3, .nan, 1, .infinity, 2]))
        let current = Column(name: "x", kind: .float, values: .numeric([-.infinity, 5, 4]))
        guard case .ready(let prepared) = try DriftSampleBuilder.prepare(reference: reference, current: current, as: .numerical, sources: sources),
            case .numerical(let ref, let cur) = prepared.sample
        else {
            Issue.record("expected a numerical sample")
            return
        }
        #expect(ref == [1, 2, 3])
        #expect(cur == [4, 5])
        #expect(prepared.referenceMissing == 2 && prepared.currentMissing == 1)
        #expect(prepared.distinctValues == 5)
    }

    @Test func stringCategoriesAreCodedInCodePointOrderOverBothSides() throws {
        let reference = Column(name: "c", kind: .string, values: .categorical(codes: [0, 1, -1, 0], levels: ["b", "a"]))
        let current = Column(name: "c", kind: .string, values: .categorical(codes: [1, 0], levels: ["Z", "b"]))
        guard case .ready(let prepared) = try DriftSampleBuilder.prepare(reference: reference, current: current, as: .categorical, sources: sources),
            case .categorical(let sample) = prepared.sample
        else {
            Issue.record("expected a categorical sample")
            return
        }
        #expect(prepared.labels == ["Z", "a", "b"])
        #expect(sample.reference == [2, 1, 2])
        #expect(sample.current == [2, 0])
        #expect(sample.referenceCounts == [0, 1, 2] && sample.currentCounts == [1, 0, 1])
    }

    @Test func integerCategoriesSortNumerically() throws {
        let reference = Column(name: "i", kind: .integer, values: .numeric([10, 2, 2]))
        let current = Column(name: "i", kind: .integer, values: .numeric([9, 10]))
        guard case .ready(let prepared) = try DriftSampleBuilder.prepare(reference: reference, current: current, as: .categorical, sources: sources),
            case .categorical(let sample) = prepared.sample
        else {
            Issue.record("expected a categorical sample")
            return
        }
        #expect(prepared.labels == ["2", "9", "10"])
        #expect(sample.reference == [2, 0, 0] && sample.current == [1, 2])
    }

    @Test func numbersAgainstTextIsAUsageError() {
        let reference = Column(name: "x", kind: .float, values: .numeric([1]))
        let current = Column(name: "x", kind: .string, values: .categorical(codes: [0], levels: ["a"]))
        #expect(throws: DriftError.self) {
            try DriftSampleBuilder.prepare(reference: reference, current: current, as: .categorical, sources: sources)
        }
    }

    @Test func aSideWithNoValuesIsReportedEmpty() throws {
        let reference = Column(name: "x", kind: .float, values: .numeric([1, 2]))
        let current = Column(name: "x", kind: .float, values: .numeric([.nan, .infinity]))
        guard case .empty(let reason) = try DriftSampleBuilder.prepare(reference: reference, current: current, as: .numerical, sources: sources) else {
            Issue.record("expected an empty side")
            return
        }
        #expect(reason == "no values in cur.csv once missing values are dropped")
    }
}

@Suite struct RadixSortTests {
    @Test func sortsLikeTheStandardLibraryIncludingNegativesAndSignedZeros() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 2, 100, 2047, 2048, 5000, 100_000] {
            var values = (0..<count).map { _ in Double.random(in: -1e6...1e6, using: &generator) }
            if count > 10 {
                values[0] = -0.0
                values[1] = 0.0
                values[2] = -.infinity
                values[3] = .infinity
                values[4] = .leastNonzeroMagnitude
                values[5] = -.leastNonzeroMagnitude
            }
            var sorted = values
            RadixSort.sort(&sorted)
            #expect(sorted == values.sorted())
            #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0 <= $1 })
        }
    }

    @Test func constantAndFewDistinctColumnsSkipPassesCorrectly() {
        var constant = [Double](repeating: 2.5, count: 10_000)
        RadixSort.sort(&constant)
        #expect(constant.allSatisfy { $0 == 2.5 })
        var few = (0..<10_000).map { Double(($0 * 7919) % 5) }
        RadixSort.sort(&few)
        #expect(few == few.sorted() && few.first == 0 && few.last == 4)
    }
}

@Suite struct ChartDistributionTests {
    @Test func histogramsSpanBothSidesWithTheLastBinClosed() {
        guard case .histogram(let edges, let reference, let current) = ChartDistribution.histogram(reference: [0, 0.5, 2], current: [10]) else {
            Issue.record("expected a histogram")
            return
        }
        #expect(edges.count == 11 && edges.first == 0 && edges.last == 10)
        #expect(reference == [2, 0, 1, 0, 0, 0, 0, 0, 0, 0])
        #expect(current == [0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    }

    @Test func manyCategoriesFoldIntoOthers() {
        let labels = (0..<30).map { "c\($0)" }
        let reference = (0..<30).map { 30 - $0 }
        guard case .categories(let shown, let counts, _) = ChartDistribution.categories(reference, [Int](repeating: 0, count: 30), labels: labels) else {
            Issue.record("expected categories")
            return
        }
        #expect(shown.count == 20 && shown.first == "c0" && shown.last == "(11 others)")
        #expect(counts.reduce(0, +) == reference.reduce(0, +))
    }
}

@Suite struct DriftOptionsTests {
    @Test func precedenceIsColumnThenTypeThenAll() {
        let options = DriftOptions(
            method: .psi, numericalMethod: .ks, perColumnMethod: ["a": .ed], threshold: 0.3, categoricalThreshold: 0.2,
            perColumnThreshold: ["b": 0.4])
        #expect(options.requestedMethod(for: "a", type: .numerical) == .ed)
        #expect(options.requestedMethod(for: "b", type: .numerical) == .ks)
        #expect(options.requestedMethod(for: "b", type: .categorical) == .psi)
        #expect(options.requestedThreshold(for: "b", type: .categorical) == 0.4)
        #expect(options.requestedThreshold(for: "c", type: .categorical) == 0.2)
        #expect(options.requestedThreshold(for: "c", type: .numerical) == 0.3)
    }

    @Test func outOfRangeSettingsAreRefused() {
        #expect(throws: DriftError.self) { try DriftOptions(driftShare: 0).validate() }
        #expect(throws: DriftError.self) { try DriftOptions(driftShare: 1.01).validate() }
        #expect(throws: DriftError.self) { try DriftOptions(threshold: -0.1).validate() }
        #expect(throws: DriftError.self) { try DriftOptions(perColumnThreshold: ["x": .nan]).validate() }
        #expect(throws: Never.self) { try DriftOptions(threshold: 0.2, driftShare: 1).validate() }
    }

    @Test func methodsAreNamedAsEvidentlyNamesThem() throws {
        #expect(try DriftMethod.named("PSI") == .psi)
        #expect(try DriftMethod.named("tvd") == .tvd)
        #expect(throws: DriftError.self) { try DriftMethod.named("bogus") }
    }
}
