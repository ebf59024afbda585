import FerryMonitor
import Testing

/// DriftMethod's metadata against evidently 0.7.23's StatTest registrations (stattests/*.py).
@Suite("Drift method metadata matches Evidently's registry")
struct DriftMethodMetadataTests {
    @Test func comparisonsFollowEachStattestsReturnLine() {
        let atMost: Set<DriftMethod> = [.ks, .cramer_von_mises]
        let below: Set<DriftMethod> = [.chisquare, .z, .anderson, .mannw, .tvd]
        let atLeast: Set<DriftMethod> = [.wasserstein, .jensenshannon, .psi, .kl_div, .hellinger]
        for method in DriftMethod.allCases {
            let expected: DriftMethod.Comparison =
                atMost.contains(method)
                ? .pValueAtMost
                : below.contains(method) ? .pValueBelow : atLeast.contains(method) ? .distanceAtLeast : .distanceAbove
            #expect(method.comparison == expected, "\(method.rawValue)")
        }
        #expect(DriftMethod.ed.comparison == .distanceAbove)
    }

    @Test func defaultThresholdsAndNames() {
        for method in [DriftMethod.ks, .chisquare, .z, .mannw] { #expect(method.defaultThreshold == 0.05) }
        for method in [DriftMethod.wasserstein, .jensenshannon, .psi, .kl_div, .hellinger, .anderson, .cramer_von_mises, .ed, .tvd] {
            #expect(method.defaultThreshold == 0.1)
        }
        #expect(DriftMethod.cramer_von_mises.displayName == "Cramer-von Mises")
        #expect(DriftMethod.ks.displayName == "K-S p_value")
        #expect(DriftMethod.tvd.rawValue == "TVD")
    }

    @Test func acceptedColumnTypesAreTheRegistrysAllowedFeatureTypes() {
        let numericalOnly: Set<DriftMethod> = [.ks, .wasserstein, .anderson, .cramer_von_mises, .mannw, .ed]
        let categoricalOnly: Set<DriftMethod> = [.chisquare, .z, .tvd]
        for method in DriftMethod.allCases {
            #expect(method.acceptsNumerical == !categoricalOnly.contains(method), "\(method.rawValue)")
            #expect(method.acceptsCategorical == !numericalOnly.contains(method), "\(method.rawValue)")
        }
    }
}
