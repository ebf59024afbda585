import Testing

@testable import FerryMonitor

/// Evidently behaviours worth pinning down by name (all values checked against Evidently 0.7.23).
@Suite("Distribution statistics: Evidently's edge behaviour")
struct DistributionBehaviourTests {
    private func categorical(_ reference: [Int], _ current: [Int]) -> DriftSample {
        .categorical(.compacting(reference: reference, current: current))
    }

    @Test func ksStatisticUsesFloatingEcdfGapsWithTies() {
        let statistic = KolmogorovSmirnovTest.statistic(sortedReference: [1, 2, 2, 3], sortedCurrent: [2, 2, 2, 4])
        // At 1: 1/4 − 0; at 2: 3/4 − 3/4; at 3: 1 − 3/4; the largest gap is 1/4.
        #expect(statistic == 0.25)
    }

    @Test func ksExactAttemptFailsJustAboveOneAndFallsBack() {
        // Equal sizes with D = 1/n: 2·P rounds to 1.0000000000000002, so scipy abandons the exact value and
        // the asymptotic kstwo.sf(1/7, 4) gives 0.99996… instead of 1.
        let attempt = KolmogorovSmirnovExact.attempt(n1: 7, n2: 7, d: 1.0 / 7)
        #expect(attempt.probability == nil)
        let p = KolmogorovSmirnovTest.pValue(
            sortedReference: [0, 2, 4, 6, 8, 10, 12], sortedCurrent: [1, 3, 5, 7, 9, 11, 13])
        DistributionGolden.expectMatch(p, 0.9999609537692629, "interleaved 7 vs 7")
        #expect(p < 1)
    }

    @Test func ksIdenticalSamplesGiveOne() {
        let values = (0..<50).map(Double.init)
        #expect(KolmogorovSmirnovTest.pValue(sortedReference: values, sortedCurrent: values) == 1)
    }

    @Test func numericalOnlyMethodsRejectCategoricalSamples() {
        let sample = categorical([0, 1, 1], [0, 0, 1])
        #expect(KolmogorovSmirnovTest.score(sample).isNaN)
        #expect(NormedWasserstein.score(sample).isNaN)
    }

    @Test func chiSquareOnOneLevelDependsOnRounding() {
        // f_exp = n_ref · (n_cur / n_ref): exactly n_cur for 3 and 10 rows (0/0 degrees of freedom → NaN),
        // 29.000000000000004 for 7 and 29 rows (χ² > 0 with 0 degrees of freedom → p = 0).
        #expect(ChiSquareTest.score(categorical(Array(repeating: 0, count: 3), Array(repeating: 0, count: 10))).isNaN)
        #expect(ChiSquareTest.score(categorical(Array(repeating: 0, count: 7), Array(repeating: 0, count: 29))) == 0)
    }

    @Test func chiSquareLevelOnlyInCurrentGivesZero() {
        #expect(ChiSquareTest.score(categorical([0, 0, 1, 1], [0, 1, 2, 2])) == 0)
    }

    @Test func zTestSameSingleValueIsOneAndLargeZRoundsToZero() {
        #expect(ProportionsZTest.score(categorical([1, 1], [1, 1, 1])) == 1)
        #expect(ProportionsZTest.score(.numerical(reference: [2.5, 2.5], current: [2.5])) == 1)
        // |z| ≈ 13: Φ(|z|) rounds to 1, so Evidently's 2·(1 − Φ) is exactly 0.
        let p = ProportionsZTest.pValue(referenceOnes: 100, referenceCount: 1000, currentOnes: 500, currentCount: 1000)
        #expect(p == 0)
    }

    @Test func zTestComparesTheSmallestKeyWithTheRest() {
        // Keys 1, 2, 3 → "is 1" vs rest: reference 1 of 4 rows are 1 (p₁ = 3/4 ones), current 2 of 4 (p₂ = 1/2).
        let numerical = ProportionsZTest.score(.numerical(reference: [1, 2, 3, 3], current: [1, 1, 2, 3]))
        let expected = ProportionsZTest.pValue(referenceOnes: 3, referenceCount: 4, currentOnes: 2, currentCount: 4)
        #expect(numerical == expected)
    }

    @Test func sturgesEdgesFollowNumpy() throws {
        // 2000 values over [0, 1]: width 1/(log2(2000) + 1), ⌈11.97⌉ = 12 bins, edge i = i·(1/12), last edge 1.
        let edges = try #require(SturgesHistogram.edges(minimum: 0, maximum: 1, count: 2000, integerDtype: false))
        #expect(edges.count == 13)
        #expect(edges[0] == 0 && edges[12] == 1)
        let step = 1.0 / 12
        #expect(edges[5] == 5 * step)
        // 1024 values: log2 is exactly 10, so 11 bins.
        let powerOfTwo = try #require(SturgesHistogram.edges(minimum: 0, maximum: 3, count: 1024, integerDtype: false))
        #expect(powerOfTwo.count == 12)
        // A constant gets one bin of width 1 around it.
        #expect(SturgesHistogram.edges(minimum: 2, maximum: 2, count: 10, integerDtype: false) == [1.5, 2.5])
    }

    @Test func integerDtypeWidensNarrowSturgesBins() throws {
        let float = try #require(SturgesHistogram.edges(minimum: 0, maximum: 1, count: 2, integerDtype: false))
        let integer = try #require(SturgesHistogram.edges(minimum: 0, maximum: 1, count: 2, integerDtype: true))
        #expect(float == [0, 0.5, 1])
        #expect(integer == [0, 1])
    }

    @Test func histogramCountsUseHalfOpenBinsWithClosedLastBin() {
        let counts = SturgesHistogram.counts(sorted: [0, 0.5, 0.5, 0.9, 1, 1], edges: [0, 0.5, 1])
        #expect(counts == [1, 5])
    }

    @Test func zeroFillingFollowsEvidently() {
        var small = [0.5, 0.00005, 0, 0.49995]
        BinnedShares.fillZeroes(&small)
        #expect(small[2] == 0.00005 / 1_000_000)
        var large = [0.5, 0, 0.5]
        BinnedShares.fillZeroes(&large)
        #expect(large[1] == 0.0001)
    }

    @Test func binningSwitchesAtTwentyDistinctReferenceValues() throws {
        let twenty = (0..<20).map(Double.init)
        let perValue = try #require(BinnedShares(.numerical(reference: twenty, current: twenty), fillingZeroes: false))
        #expect(perValue.reference.count == 20)
        let twentyOne = (0..<21).map(Double.init)
        let binned = try #require(BinnedShares(.numerical(reference: twentyOne, current: twentyOne), fillingZeroes: false))
        // Sturges over 42 pooled values: ⌈log2(42) + 1⌉ = 7 bins.
        #expect(binned.reference.count == 7)
    }

    @Test func tooManyBinsForTheRangeGivesNaN() {
        // 21 values one ulp apart, 1.26M pooled rows: 22 Sturges bins over 20 ulps, which numpy refuses.
        var values = [1.0]
        for _ in 0..<20 { values.append(values[values.count - 1].nextUp) }
        let sorted = values.flatMap { Array(repeating: $0, count: 30_000) }
        let sample = DriftSample.numerical(reference: sorted, current: sorted)
        #expect(BinnedShares(sample, fillingZeroes: true) == nil)
        #expect(PopulationStabilityIndex.score(sample).isNaN)
        #expect(JensenShannonDistance.score(sample).isNaN)
    }

    @Test func wassersteinNormFloorsTheReferenceSpread() {
        // Constant reference: std 0, so the distance (1.5) is divided by 0.001.
        let score = NormedWasserstein.score(.numerical(reference: [1, 1, 1], current: [2.5, 2.5]))
        #expect(score == 1.5 / 0.001)
    }

    @Test func numpyStandardDeviationIsTwoPass() {
        let values = [1e9 + 1, 1e9 + 2, 1e9 + 3]
        #expect(NumpyMoments.populationStandardDeviation(values) == (2.0 / 3.0).squareRoot())
    }
}
