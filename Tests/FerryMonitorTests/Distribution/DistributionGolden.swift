import FerryMonitor
import Testing

/// Shared pieces of the distribution-statistic golden tests.
enum DistributionGolden {
    /// Whether `actual` matches `expected` to 1e-6 relative or 1e-9 absolute (NaN matches NaN, ±∞ itself).
    static func matches(_ actual: Double, _ expected: Double, relative: Double = 1e-6, absolute: Double = 1e-9) -> Bool {
        if expected.isNaN { return actual.isNaN }
        if expected.isInfinite { return actual == expected }
        let gap = abs(actual - expected)
        return gap <= absolute || gap <= relative * abs(expected)
    }

    /// Expects `actual` to match `expected` (see ``matches(_:_:relative:absolute:)``).
    static func expectMatch(
        _ actual: Double, _ expected: Double, _ label: String, relative: Double = 1e-6, absolute: Double = 1e-9,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            matches(actual, expected, relative: relative, absolute: absolute),
            "\(label): got \(actual), Evidently \(expected)", sourceLocation: sourceLocation)
    }
}

/// A numerical case: data specs and Evidently's scores.
struct NumericalGoldenCase: Sendable, CustomTestStringConvertible {
    var name: String
    var reference: NumericSpec
    var current: NumericSpec
    var integerDtype: Bool
    var expected: [DriftMethod: Double]

    var testDescription: String { name }

    func sample() -> DriftSample {
        .numerical(reference: reference.sortedValues(), current: current.sortedValues())
    }
}

/// A categorical case: data specs and Evidently's scores.
struct CategoricalGoldenCase: Sendable, CustomTestStringConvertible {
    var name: String
    var reference: CategoricalSpec
    var current: CategoricalSpec
    var expected: [DriftMethod: Double]

    var testDescription: String { name }

    func sample() -> DriftSample {
        .categorical(.compacting(reference: reference.codes(), current: current.codes()))
    }
}
