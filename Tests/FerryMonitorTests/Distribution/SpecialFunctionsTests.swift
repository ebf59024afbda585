import FerryMonitor
import Testing

@Suite("Special functions against scipy.special")
struct SpecialFunctionsTests {
    @Test func chiSquareSurvivalMatchesChdtrc() {
        for point in DistributionGolden.chiSquareSurvival {
            let actual = SpecialFunctions.chiSquareSF(point.x, degreesOfFreedom: Double(point.n))
            // Relative only: these reach 1e-300, where an absolute bound says nothing.
            DistributionGolden.expectMatch(
                actual, point.expected, "chdtrc(\(point.n), \(point.x))", relative: 1e-10, absolute: 0)
        }
    }

    /// scipy's erfc flushes to 0 below ~1e-308 where libm returns subnormals, hence the 1e-300 absolute slack.
    @Test func normalCDFMatchesNdtr() {
        for point in DistributionGolden.normalCDF {
            DistributionGolden.expectMatch(
                SpecialFunctions.normalCDF(point.x), point.expected, "ndtr(\(point.x))", relative: 1e-13, absolute: 1e-300)
            DistributionGolden.expectMatch(
                SpecialFunctions.normalSF(-point.x), point.expected, "1 - ndtr(\(-point.x))", relative: 1e-13, absolute: 1e-300)
        }
    }

    @Test func logGammaMatchesGammaln() {
        for point in DistributionGolden.logGamma {
            DistributionGolden.expectMatch(
                SpecialFunctions.logGamma(point.x), point.expected, "gammaln(\(point.x))", relative: 1e-13, absolute: 1e-14)
        }
    }

    @Test func edgeCasesFollowCephes() {
        #expect(SpecialFunctions.chiSquareSF(0, degreesOfFreedom: 0).isNaN)
        #expect(SpecialFunctions.chiSquareSF(1e-30, degreesOfFreedom: 0) == 0)
        #expect(SpecialFunctions.chiSquareSF(.infinity, degreesOfFreedom: 2) == 0)
        #expect(SpecialFunctions.chiSquareSF(-1, degreesOfFreedom: 2).isNaN)
        #expect(SpecialFunctions.regularizedUpperGamma(3, 0) == 1)
        #expect(SpecialFunctions.logGamma(0).isNaN)
        #expect(SpecialFunctions.normalCDF(.nan).isNaN)
    }
}
