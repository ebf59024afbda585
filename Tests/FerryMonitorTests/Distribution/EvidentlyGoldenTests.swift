import Testing

@testable import FerryMonitor

/// Every generated case (make_golden.py) against Evidently's own stattest scores.
@Suite("Distribution statistics match Evidently on generated data")
struct EvidentlyGoldenTests {
    @Test(arguments: DistributionGolden.numericalCases)
    func numerical(_ golden: NumericalGoldenCase) {
        let sample = golden.sample()
        for (method, expected) in golden.expected.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let actual = method.score(sample, integerDtype: golden.integerDtype)
            DistributionGolden.expectMatch(actual, expected, "\(golden.name) \(method.rawValue)")
        }
    }

    @Test(arguments: DistributionGolden.categoricalCases)
    func categorical(_ golden: CategoricalGoldenCase) {
        let sample = golden.sample()
        for (method, expected) in golden.expected.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let actual = method.score(sample)
            DistributionGolden.expectMatch(actual, expected, "\(golden.name) \(method.rawValue)")
        }
    }

    @Test func kolmogorovDistributionMatchesScipyKstwo() {
        for point in DistributionGolden.kolmogorovSurvival {
            let actual = KolmogorovDistribution.survival(point.x, sampleSize: point.n)
            DistributionGolden.expectMatch(actual, point.expected, "kstwo.sf(\(point.x), \(point.n))")
        }
    }

    @Test func smirnovDistributionMatchesScipy() {
        for point in DistributionGolden.smirnovSurvival {
            let actual = SmirnovDistribution.survival(n: point.n, x: point.x)
            DistributionGolden.expectMatch(actual, point.expected, "smirnov(\(point.n), \(point.x))")
        }
    }
}
