/// Evidently's exact two-sample Cramér-von Mises p-value (`_pval_cvm_2samp_exact`, Xiao, Gordon
/// and Yakovlev 2006), reproduced with the storage type Evidently's code ends up using.
///
/// The algorithm walks the lattice of (u, v) prefixes and keeps, for each v, a table of
/// (ζ value, frequency) columns; merging two tables adds the frequencies of equal values
/// (`np.intersect1d`, which matches first occurrences) and appends the other columns in order,
/// after which every value grows by (a·v − b·u)². The tables use
/// `np.min_scalar_type(max(lcm²(m+n), C(m+n, m)))`, and because C(m+n, m) is computed with true
/// division it is a float: whenever it exceeds the bound on ζ, values and frequencies are
/// stored as float16 (below 65000) or float32, and rounded accordingly. The final sum and
/// division then happen in that float type as well, so for example m = n = 5 gives 0.873046875
/// (a float16) where the exact value is 220/252. Otherwise the table is unsigned and Evidently's
/// code raises under NumPy 2; Ferry reports NaN there.
struct CramerVonMisesExactPValue {
    let m: Int
    let n: Int

    /// How NumPy stores the table, and so how every stored number is rounded.
    enum Storage: Equatable {
        case half
        case single

        /// `np.min_scalar_type(max(zetaBound, combinations))` with Python's `max`, which keeps
        /// the integer bound unless the float count is strictly larger. An integer bound gives
        /// an unsigned table type, and then Evidently's `tmp[0] += (a*v - b*u)**2` raises under
        /// NumPy 2 (the increment is an `np.int64`, and int64 output cannot be cast back to an
        /// unsigned type), so there is no p-value: nil.
        init?(zetaBound: Int, combinations: Double) {
            guard combinations > Double(zetaBound) else { return nil }
            self = combinations < 65000 ? .half : .single
        }

        /// A number as this type stores it (NumPy casts float64 results with one rounding).
        @inline(__always)
        func stored(_ value: Double) -> Double {
            switch self {
            case .half: HalfPrecision.rounded(value)
            case .single: Double(Float(value))
            }
        }

        /// The sum of two numbers, stored. Both are integers below 2⁵³ here, so the
        /// double-precision sum is exact and only the final rounding matters; this is also
        /// what NumPy does for float16 + float16 and for float16 + int64 (computed in float64).
        @inline(__always)
        func add(_ lhs: Double, _ rhs: Double) -> Double { stored(lhs + rhs) }
    }

    /// The p-value for the statistic U, given as 4U (an integer, since midranks are halves), or
    /// NaN where Evidently raises (see `Storage`).
    func pValue(quadrupleU: Int) -> Double {
        let lcm = m / Self.gcd(m, n) * n
        let a = lcm / m
        let b = lcm / n
        let mn = m * n
        // ζ = floor(lcm²(m+n)(6U − mn(4mn − 1)) / (6 mn²)), exact in integers.
        let numerator = lcm * lcm * (m + n) * (6 * quadrupleU - 4 * mn * (4 * mn - 1))
        let zeta = Double(Self.floorDivide(numerator, 4 * 6 * mn * mn))
        let combinations = Double(Self.binomial(m + n, m))
        guard let storage = Storage(zetaBound: lcm * lcm * (m + n), combinations: combinations) else {
            return .nan
        }

        let final = table(a: a, b: b, storage: storage)
        let selected = zip(final.values, final.frequencies).filter { $0.0 >= zeta }.map(\.1)
        switch storage {
        case .half:
            let sum = HalfPrecision.rounded(Double(PairwiseSummation.sum(selected.map { Float($0) })))
            let divisor = Float(HalfPrecision.rounded(combinations))
            return HalfPrecision.rounded(Double(Float(sum) / divisor))
        case .single:
            let sum = PairwiseSummation.sum(selected.map { Float($0) })
            return Double(sum / Float(combinations))
        }
    }

    /// The frequency table gs[m] after the last row, built as Evidently builds it: for each row
    /// u, a running table absorbs gs[v] for v = 0…m, and after each merge every value grows by
    /// (a·v − b·u)²; the running table after v becomes the new gs[v].
    func table(a: Int, b: Int, storage: Storage) -> CramerVonMisesFrequencyTable {
        var tables = [CramerVonMisesFrequencyTable.empty]
        tables[0] = CramerVonMisesFrequencyTable(value: storage.stored(0), frequency: storage.stored(1))
        tables += Array(repeating: .empty, count: m)
        for u in 0...n {
            var next: [CramerVonMisesFrequencyTable] = []
            next.reserveCapacity(m + 1)
            var running = CramerVonMisesFrequencyTable.empty
            for v in 0...m {
                running = CramerVonMisesFrequencyTable.merged(running, tables[v], storage: storage)
                let step = a * v - b * u
                running.addToValues(Double(step * step), storage: storage)
                next.append(running)
            }
            tables = next
        }
        return tables[m]
    }

    static func gcd(_ x: Int, _ y: Int) -> Int {
        var (x, y) = (x, y)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// Floor division (toward −∞), as Python's `//`.
    static func floorDivide(_ x: Int, _ y: Int) -> Int {
        let quotient = x / y
        return (x % y != 0 && (x < 0) != (y < 0)) ? quotient - 1 : quotient
    }

    /// C(n, k), exact: each partial product C(n−k+i, i) is an integer, and for n ≤ 40 (the
    /// exact path) every intermediate fits in 64 bits.
    static func binomial(_ n: Int, _ k: Int) -> UInt64 {
        var result: UInt64 = 1
        let k = min(k, n - k)
        guard k > 0 else { return 1 }
        for i in 1...k {
            result = result * UInt64(n - k + i) / UInt64(i)
        }
        return result
    }
}

/// IEEE binary16 rounding (NumPy's float16), written out so it works on every platform.
enum HalfPrecision {
    /// The largest finite float16.
    static let greatestFinite = 65504.0

    /// `value` rounded to the nearest float16 (ties to even; overflow to ±infinity).
    static func rounded(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        let magnitude = abs(value)
        // Halfway between 65504 and the next step (65536) rounds to the even side, infinity.
        if magnitude >= 65520 { return value < 0 ? -.infinity : .infinity }
        // Spacing: 2^(e − 10) for normal numbers (e ≥ −14), 2^−24 for subnormals.
        let exponent = max(Int(magnitude.exponent), -14)
        let spacing = Double(sign: .plus, exponent: exponent - 10, significand: 1)
        let steps = (magnitude / spacing).rounded(.toNearestOrEven)
        let result = steps * spacing
        return value < 0 ? -result : result
    }
}
