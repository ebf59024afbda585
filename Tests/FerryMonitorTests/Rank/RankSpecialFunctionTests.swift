import Foundation
import Testing
@testable import FerryMonitor

/// The numerical building blocks of the rank tests.
@Suite("Rank test building blocks")
struct RankSpecialFunctionTests {
    @Test("K_{1/4} matches scipy.special.kv(0.25, x)", arguments: RankGolden.besselQuarterOrder)
    func bessel(_ point: (x: Double, value: Double)) {
        let value = ModifiedBesselK.quarterOrder(point.x)
        #expect(abs(value - point.value) <= 1e-13 * point.value, "\(value) vs \(point.value)")
    }

    @Test("Limiting Cramér-von Mises CDF matches Evidently's _cdf_cvm_inf", arguments: RankGolden.cramerVonMisesLimitCDF)
    func limitCDF(_ point: (x: Double, value: Double)) {
        let value = CramerVonMisesLimitDistribution.cdf(point.x)
        #expect(abs(value - point.value) <= 1e-12 * max(abs(point.value), 1e-300) || abs(value - point.value) <= 1e-15)
    }

    @Test("Pairwise summation is bit-identical to np.sum in float64 and float32", arguments: RankGolden.numpySums)
    func numpySum(_ expected: (count: Int, float64: Double, float32: Float)) {
        let values = (0..<expected.count).map { i in
            (Double(i) * RankSeriesSpec.phi).truncatingRemainder(dividingBy: 1.0) * pow(10.0, Double(i % 7 - 3))
        }
        #expect(PairwiseSummation.sum(values) == expected.float64)
        #expect(PairwiseSummation.sum(values.map { Float($0) }) == expected.float32)
    }

    @Test("Sequential and pairwise order differ on these sums, so the test above can fail")
    func orderMatters() {
        let values = (0..<4099).map { i in
            (Double(i) * RankSeriesSpec.phi).truncatingRemainder(dividingBy: 1.0) * pow(10.0, Double(i % 7 - 3))
        }
        #expect(values.reduce(0, +) != PairwiseSummation.sum(values))
    }

    @Test("float16 rounding matches np.float16", arguments: RankGolden.halfRounding)
    func half(_ point: (value: Double, rounded: Double)) {
        #expect(HalfPrecision.rounded(point.value) == point.rounded)
        #expect(HalfPrecision.rounded(-point.value) == -point.rounded)
    }

    @Test("The embedded Anderson-Darling interpolation is the least-squares quadratic of SciPy's table")
    func andersonFit() {
        let x = AndersonDarlingTest.criticalValues
        let y = AndersonDarlingTest.significanceLevels.map { log($0) }
        let (c2, c1, c0) = AndersonDarlingTest.logSignificanceQuadratic
        // The residuals of a least-squares fit are orthogonal to 1, x and x².
        let residuals = zip(x, y).map { xi, yi in yi - ((c2 * xi + c1) * xi + c0) }
        for power in 0...2 {
            let dot = zip(x, residuals).reduce(0.0) { $0 + pow($1.0, Double(power)) * $1.1 }
            #expect(abs(dot) < 1e-12)
        }
        #expect(abs(x[0] - 0.325) < 1e-15 && abs(x[6] - 6.546) < 1e-12)
        // Capped and floored outside the table.
        #expect(AndersonDarlingTest.interpolatedPValue(0.3) == 0.25)
        #expect(AndersonDarlingTest.interpolatedPValue(7) == 0.001)
        #expect(abs(AndersonDarlingTest.interpolatedPValue(x[2]) - 0.05) < 0.005)
    }

    @Test("Exact Mann-Whitney tail equals brute-force enumeration of rankings")
    func mannWhitneyExact() {
        for (n1, n2) in [(3, 4), (5, 5), (2, 9), (6, 7)] {
            let distribution = MannWhitneyExactDistribution(n1: n1, n2: n2)
            var histogram = [Int](repeating: 0, count: n1 * n2 + 1)
            // Every choice of positions for the first sample; U counts pairs with the second below.
            let total = n1 + n2
            for mask in 0..<(1 << total) where mask.nonzeroBitCount == n1 {
                var u = 0
                var secondBelow = 0
                for position in 0..<total {
                    if mask & (1 << position) != 0 { u += secondBelow } else { secondBelow += 1 }
                }
                histogram[u] += 1
            }
            let count = Double(histogram.reduce(0, +))
            for u in 0...(n1 * n2) {
                let tail = Double(histogram[u...].reduce(0, +)) / count
                #expect(abs(distribution.upperTail(atLeast: u) - tail) < 1e-14, "n1 \(n1) n2 \(n2) u \(u)")
            }
        }
    }

    @Test("SciPy's binom product equals the binomial coefficient where it is exact")
    func binomial() {
        #expect(MannWhitneyExactDistribution.scipyBinomial(10, 3) == 120)
        #expect(MannWhitneyExactDistribution.scipyBinomial(13, 8) == 1287)
        #expect(CramerVonMisesExactPValue.binomial(40, 20) == 137_846_528_820)
    }

    @Test("4U from the merge pass equals the midrank formula on explicit ranks")
    func quadrupleU() {
        let reference: [Double] = [1, 2, 2, 3, 5, 5, 5, 8]
        let current: [Double] = [0, 2, 3, 3, 5, 9]
        let pooled = (reference + current).sorted()
        func midrank(_ value: Double) -> Double {
            let below = pooled.filter { $0 < value }.count
            let equal = pooled.filter { $0 == value }.count
            return Double(below) + Double(equal + 1) / 2
        }
        var u = 0.0
        for (index, value) in reference.enumerated() { u += Double(reference.count) * pow(midrank(value) - Double(index + 1), 2) }
        for (index, value) in current.enumerated() { u += Double(current.count) * pow(midrank(value) - Double(index + 1), 2) }
        #expect(CramerVonMisesTest.quadrupleRankDeviation(reference: reference, current: current) == Int128(4 * u))
    }
}
