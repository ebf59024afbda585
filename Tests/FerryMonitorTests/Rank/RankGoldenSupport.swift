import Foundation
import Testing
@testable import FerryMonitor

/// A data column described by the formula make_golden.py evaluates (IEEE operations only, so
/// both sides produce the same doubles).
enum RankSeriesSpec: Sendable {
    /// u = fmod((i + offset)·φ, 1); value = u·u·scale + u·skew + shift.
    case golden(Int, Int, Double, Double, Double)
    /// value = Double((i·mult + add) mod m)·scale + shift.
    case modular(Int, Int, Int, Int, Double, Double)

    static let phi = 0.6180339887498949

    /// The values in row order.
    var values: [Double] {
        switch self {
        case .golden(let count, let offset, let scale, let skew, let shift):
            return (0..<count).map { i in
                let u = (Double(i + offset) * Self.phi).truncatingRemainder(dividingBy: 1.0)
                return u * u * scale + u * skew + shift
            }
        case .modular(let count, let mult, let add, let modulus, let scale, let shift):
            return (0..<count).map { i in Double((i * mult + add) % modulus) * scale + shift }
        }
    }
}

/// Evidently's scores for one numerical data set.
struct RankNumericalGolden: Sendable, CustomTestStringConvertible {
    let name: String
    let reference: RankSeriesSpec
    let current: RankSeriesSpec
    let anderson: Double
    let cramerVonMises: Double
    let mannWhitney: Double
    let energy: Double

    /// The sample as the drift code hands it over: both sides sorted ascending.
    var sample: DriftSample {
        .numerical(reference: reference.values.sorted(), current: current.values.sorted())
    }

    var testDescription: String { name }
}

/// Evidently's TVD p-value and distance for one categorical data set.
struct RankCategoricalGolden: Sendable, CustomTestStringConvertible {
    let name: String
    /// Codes ((i·mult + add) mod m) mod levels, for i in 0..<count.
    let reference: (count: Int, mult: Int, add: Int, mod: Int)
    let current: (count: Int, mult: Int, add: Int, mod: Int)
    let levels: Int
    let pValue: Double
    let distance: Double

    var sample: CategoricalSample {
        func codes(_ spec: (count: Int, mult: Int, add: Int, mod: Int)) -> [Int32] {
            (0..<spec.count).map { Int32(($0 * spec.mult + spec.add) % spec.mod % levels) }
        }
        return CategoricalSample(reference: codes(reference), current: codes(current), levelCount: levels)
    }

    var testDescription: String { name }
}

/// Whether `actual` matches Evidently's `expected` to 1e-6 relative or 1e-9 absolute (NaN
/// standing for "Evidently raises").
func rankMatches(_ actual: Double, _ expected: Double) -> Bool {
    if expected.isNaN { return actual.isNaN }
    if expected.isInfinite { return actual == expected }
    let difference = abs(actual - expected)
    return difference <= 1e-9 || difference <= 1e-6 * abs(expected)
}
