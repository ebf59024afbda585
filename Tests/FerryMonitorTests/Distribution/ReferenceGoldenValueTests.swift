import FerryMonitor
import Testing

/// The golden values of drift-and-pipelines.md A1, asserted against full-precision values recomputed with
/// Evidently 0.7.23's own stattests (the reference's 6-digit values in the comments).
@Suite("Reference golden values (A1)")
struct ReferenceGoldenValueTests {
    /// r = i/100 for i < count, c = 1.1·r + 0.5 (both already ascending).
    private static func linear(_ count: Int) -> DriftSample {
        let reference = (0..<count).map { Double($0) / 100 }
        return .numerical(reference: reference, current: reference.map { 1.1 * $0 + 0.5 })
    }

    /// Codes 0, 1, … with round(count · share) rows each.
    private static func categorical(_ count: Int, _ referenceShares: [Double], _ currentShares: [Double]) -> DriftSample {
        .categorical(
            .compacting(
                reference: CategoricalSpec.fixed(count: count, shares: referenceShares).codes(),
                current: CategoricalSpec.fixed(count: count, shares: currentShares).codes()))
    }

    @Test func numericalFiveHundred() {
        let sample = Self.linear(500)
        DistributionGolden.expectMatch(KolmogorovSmirnovTest.score(sample), 1.1893503543157425e-07, "KS")  // 1.18935e-07
        DistributionGolden.expectMatch(NormedWasserstein.score(sample), 0.5192698706499295, "Wasserstein")  // 0.51927
        DistributionGolden.expectMatch(PopulationStabilityIndex.score(sample), 1.073140894442424, "PSI")  // 1.07314
        DistributionGolden.expectMatch(JensenShannonDistance.score(sample), 0.27416981394000906, "JS")  // 0.27417
        DistributionGolden.expectMatch(KullbackLeibler.score(sample), 0.31635455949607894, "KL")  // 0.316355
        DistributionGolden.expectMatch(HellingerDistance.score(sample), 0.3062612219018452, "Hellinger")
    }

    @Test func numericalTwoThousand() {
        let sample = Self.linear(2000)
        DistributionGolden.expectMatch(NormedWasserstein.score(sample), 0.2597210510600867, "Wasserstein")  // 0.259721
        DistributionGolden.expectMatch(PopulationStabilityIndex.score(sample), 0.5616058590853714, "PSI")  // 0.561606
        DistributionGolden.expectMatch(JensenShannonDistance.score(sample), 0.1781757162807819, "JS")  // 0.178176
        DistributionGolden.expectMatch(KullbackLeibler.score(sample), 0.09577532865948818, "KL")  // 0.0957753
        DistributionGolden.expectMatch(KolmogorovSmirnovTest.score(sample), 9.797374126160623e-12, "KS")  // 9.79737e-12
        DistributionGolden.expectMatch(HellingerDistance.score(sample), 0.20948140682234034, "Hellinger")
    }

    @Test func categoricalThreeLevels() {
        let thousand = Self.categorical(1000, [0.6, 0.3, 0.1], [0.5, 0.3, 0.2])
        DistributionGolden.expectMatch(ChiSquareTest.score(thousand), 4.6361259109930474e-26, "chi-square")  // 4.63613e-26
        // 1e-9 absolute would accept anything this small, so hold the tiny p-values to the relative bound alone.
        DistributionGolden.expectMatch(ChiSquareTest.score(thousand), 4.6361259109930474e-26, "chi-square", absolute: 0)
        DistributionGolden.expectMatch(ProportionsZTest.score(thousand), 6.967931072798805e-06, "Z")
        DistributionGolden.expectMatch(HellingerDistance.score(thousand), 0.10419254415515744, "Hellinger")

        let threeThousand = Self.categorical(3000, [0.6, 0.3, 0.1], [0.5, 0.3, 0.2])
        DistributionGolden.expectMatch(JensenShannonDistance.score(threeThousand), 0.10378256108603952, "JS")  // 0.103783
        DistributionGolden.expectMatch(PopulationStabilityIndex.score(threeThousand), 0.08754687373538998, "PSI")  // 0.0875469
        DistributionGolden.expectMatch(KullbackLeibler.score(threeThousand), 0.04007821602037823, "KL")
        DistributionGolden.expectMatch(ChiSquareTest.score(threeThousand), 9.964733010103819e-77, "chi-square", absolute: 0)
        DistributionGolden.expectMatch(ProportionsZTest.score(threeThousand), 6.8833827526759706e-15, "Z", absolute: 0)
    }

    @Test func binary() {
        let sample = Self.categorical(1000, [0.7, 0.3], [0.6, 0.4])
        DistributionGolden.expectMatch(ProportionsZTest.score(sample), 2.7579057770843463e-06, "Z")  // 2.75791e-06
        DistributionGolden.expectMatch(JensenShannonDistance.score(sample), 0.0742203105797705, "JS")  // 0.0742203
        DistributionGolden.expectMatch(ChiSquareTest.score(sample), 5.176309056990159e-12, "chi-square", absolute: 0)
        DistributionGolden.expectMatch(PopulationStabilityIndex.score(sample), 0.044183275227903954, "PSI")
        DistributionGolden.expectMatch(KullbackLeibler.score(sample), 0.021600854143546483, "KL")
        DistributionGolden.expectMatch(HellingerDistance.score(sample), 0.07426822096589206, "Hellinger")
    }
}
