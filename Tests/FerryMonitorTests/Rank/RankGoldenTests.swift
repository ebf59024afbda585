import Foundation
import Testing
@testable import FerryMonitor

/// Ferry's rank and permutation tests against the scores Evidently 0.7.23 itself reports
/// (RankGoldenValues.swift, written by make_golden.py).
@Suite("Rank drift tests match Evidently")
struct RankGoldenTests {
    @Test("Anderson-Darling p-value", arguments: RankGolden.numerical)
    func anderson(_ golden: RankNumericalGolden) {
        let score = AndersonDarlingTest.score(golden.sample)
        #expect(rankMatches(score, golden.anderson), "\(score) vs Evidently \(golden.anderson)")
    }

    @Test("Cramér-von Mises p-value", arguments: RankGolden.numerical)
    func cramerVonMises(_ golden: RankNumericalGolden) {
        let score = CramerVonMisesTest.score(golden.sample)
        #expect(rankMatches(score, golden.cramerVonMises), "\(score) vs Evidently \(golden.cramerVonMises)")
    }

    @Test("Mann-Whitney p-value", arguments: RankGolden.numerical)
    func mannWhitney(_ golden: RankNumericalGolden) {
        let score = MannWhitneyTest.score(golden.sample)
        #expect(rankMatches(score, golden.mannWhitney), "\(score) vs Evidently \(golden.mannWhitney)")
    }

    @Test("Energy distance", arguments: RankGolden.numerical)
    func energy(_ golden: RankNumericalGolden) {
        let score = EnergyDistance.score(golden.sample)
        #expect(rankMatches(score, golden.energy), "\(score) vs Evidently \(golden.energy)")
    }

    @Test("TVD permutation p-value and distance", arguments: RankGolden.categorical)
    func totalVariation(_ golden: RankCategoricalGolden) {
        let sample = golden.sample
        // The p-value is a count out of 1000 rounds: it must be identical.
        #expect(TotalVariationTest.score(.categorical(sample)) == golden.pValue)
        #expect(rankMatches(TotalVariationTest.distance(sample), golden.distance))
    }

    @Test("Cramér-von Mises exact path, bit for bit, over size pairs up to 20 with and without ties")
    func cramerVonMisesExactGrid() {
        var mismatches: [String] = []
        var checked = 0
        // Pairs whose ζ bound lcm²(m+n) is large build big tables (a debug build takes seconds
        // each) through the same code as the light ones, float16 and float32 alike; they run
        // only when FERRY_RANK_FULL_GRID is set.
        let full = ProcessInfo.processInfo.environment["FERRY_RANK_FULL_GRID"] != nil
        for cell in RankGolden.cramerVonMisesExactGrid {
            let lcm = cell.m / CramerVonMisesExactPValue.gcd(cell.m, cell.n) * cell.n
            if !full && !cell.pValue.isNaN && lcm * lcm * (cell.m + cell.n) > 100_000 { continue }
            let (reference, current) = Self.exactGridSpecs(m: cell.m, n: cell.n, tied: cell.tied)
            let score = CramerVonMisesTest.pValue(reference: reference.values.sorted(), current: current.values.sorted())
            // Exact p-values are sums of table entries divided once: they must agree to the bit.
            let same = cell.pValue.isNaN ? score.isNaN : score == cell.pValue
            if !same { mismatches.append("(\(cell.m), \(cell.n), tied \(cell.tied)): \(score) vs \(cell.pValue)") }
            checked += 1
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        #expect(checked >= 470)
    }

    @Test("Each method scores NaN for the kind of column Evidently does not allow it on")
    func wrongKindIsNaN() {
        let categorical = DriftSample.categorical(CategoricalSample(reference: [0, 1], current: [1, 1], levelCount: 2))
        #expect(AndersonDarlingTest.score(categorical).isNaN)
        #expect(CramerVonMisesTest.score(categorical).isNaN)
        #expect(MannWhitneyTest.score(categorical).isNaN)
        #expect(EnergyDistance.score(categorical).isNaN)
        #expect(TotalVariationTest.score(.numerical(reference: [1, 2], current: [3, 4])).isNaN)
    }

    /// Mirrors `exact_grid_specs` in make_golden.py.
    static func exactGridSpecs(m: Int, n: Int, tied: Bool) -> (RankSeriesSpec, RankSeriesSpec) {
        if tied {
            return (.modular(m, 3, m, 5, 0.5, 0.0), .modular(n, 7, n, 6, 0.5, 0.0))
        }
        let shift = 0.05 * Double((m + n) % 5)
        return (.golden(m, m, 1.0, 1.0, 0.0), .golden(n, 100 + n, 1.0, 1.0, shift))
    }
}
