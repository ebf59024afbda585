import FerryMonitor

/// SplitMix64, the generator make_golden.py mirrors bit for bit.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    mutating func uniform() -> Double { Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0) }

    /// An approximately normal deviate: the sum of 12 uniforms minus 6 (only exactly-rounded operations).
    mutating func irwinHall() -> Double {
        var total = 0.0
        for _ in 0..<12 { total += uniform() }
        return total - 6.0
    }
}

/// A reproducible numerical column, as make_golden.py describes it.
struct NumericSpec: Sendable {
    enum Shape: Sendable {
        case normal(mean: Double, sd: Double)
        case cubed(mean: Double, sd: Double)
        case uniform(low: Double, width: Double)
        case integers(low: Double, count: Double)
        case constant(Double)
        case values([Double])
    }

    var seed: UInt64
    var count: Int
    var shape: Shape
    var quantum: Double

    /// The values in generation order (what Evidently saw).
    func values() -> [Double] {
        var random = SplitMix64(seed: seed)
        var output = [Double]()
        output.reserveCapacity(count)
        for index in 0..<count {
            var value: Double
            switch shape {
            case .normal(let mean, let sd): value = mean + sd * random.irwinHall()
            case .cubed(let mean, let sd):
                let z = random.irwinHall()
                value = mean + sd * (z * z * z)
            case .uniform(let low, let width): value = low + width * random.uniform()
            case .integers(let low, let count): value = low + (random.uniform() * count).rounded(.down)
            case .constant(let constant): value = constant
            case .values(let values): value = values[index]
            }
            if quantum > 0 { value = (value / quantum + 0.5).rounded(.down) * quantum }
            output.append(value)
        }
        return output
    }

    /// The values sorted, as ``DriftSample`` takes them.
    func sortedValues() -> [Double] { values().sorted() }
}

/// A reproducible categorical column, as make_golden.py describes it.
enum CategoricalSpec: Sendable {
    /// `count` codes drawn with the given weights.
    case random(seed: UInt64, count: Int, weights: [Double])
    /// Rows of code 0, then code 1, …: round-half-even(count · share) of each.
    case fixed(count: Int, shares: [Double])

    func codes() -> [Int] {
        switch self {
        case .random(let seed, let count, let weights):
            var random = SplitMix64(seed: seed)
            var cumulative = [Double]()
            var total = 0.0
            for weight in weights {
                total += weight
                cumulative.append(total)
            }
            return (0..<count).map { _ in
                let u = random.uniform() * total
                return cumulative.firstIndex(where: { u < $0 }) ?? (weights.count - 1)
            }
        case .fixed(let count, let shares):
            var codes = [Int]()
            for (code, share) in shares.enumerated() {
                let rows = Int((Double(count) * share).rounded(.toNearestOrEven))
                codes += Array(repeating: code, count: rows)
            }
            return codes
        }
    }
}

extension CategoricalSample {
    /// A sample from raw codes of both sides, renumbered 0..<k over the codes that occur (order kept, so the
    /// smallest key stays code 0), as the drift builder numbers keys.
    static func compacting(reference: [Int], current: [Int]) -> CategoricalSample {
        let present = Set(reference).union(current).sorted()
        var compact = [Int: Int32]()
        for (index, code) in present.enumerated() { compact[code] = Int32(index) }
        return CategoricalSample(
            reference: reference.map { compact[$0]! }, current: current.map { compact[$0]! }, levelCount: present.count)
    }
}
