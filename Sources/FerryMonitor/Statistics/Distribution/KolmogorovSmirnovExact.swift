import Foundation

/// scipy's exact two-sided two-sample Kolmogorov–Smirnov p-value (`_attempt_exact_2kssamp`), after Hodges
/// (1958) and, for unequal sizes, Viehmann's recursion for 1 − p (arXiv:2102.08037).
enum KolmogorovSmirnovExact {
    /// The outcome of an exact attempt.
    struct Attempt {
        /// D rounded to the nearest multiple of 1/lcm(n₁, n₂), as scipy passes it on (also to the fallback).
        var roundedStatistic: Double
        /// The p-value, or nil when scipy would give up (a value outside [0, 1]) and switch to `asymp`.
        var probability: Double?
    }

    /// P(D ≥ d) for samples of sizes `n1` and `n2`.
    static func attempt(n1: Int, n2: Int, d: Double) -> Attempt {
        let g = greatestCommonDivisor(n1, n2)
        let lcm = (n1 / g) * n2
        let h = Int((d * Double(lcm)).rounded(.toNearestOrEven))
        let rounded = Double(h) * 1.0 / Double(lcm)
        if h == 0 { return Attempt(roundedStatistic: rounded, probability: 1.0) }
        let probability =
            n1 == n2
            ? probabilityOutsideSquare(n: n1, h: h)
            : probabilityOutsideInsideMethod(m: n1, n: n2, g: g, h: h)
        guard probability >= 0 && probability <= 1 else {
            return Attempt(roundedStatistic: rounded, probability: nil)
        }
        return Attempt(roundedStatistic: rounded, probability: probability)
    }

    /// P(D_{n,n} ≥ h/n) = 2·Σₖ (−1)^(k+1) C(2n, n − kh)/C(2n, n), evaluated Horner-style from the
    /// innermost term outwards to avoid cancellation (scipy's `_compute_prob_outside_square`).
    static func probabilityOutsideSquare(n: Int, h: Int) -> Double {
        var p = 0.0
        var k = Int(floor(Double(n) / Double(h)))
        while k >= 0 {
            var factor = 1.0
            for j in 0..<h {
                factor = Double(n - k * h - j) * factor / Double(n + k * h + j + 1)
            }
            p = factor * (1.0 - p)
            k -= 1
        }
        return 2 * p
    }

    /// The share of lattice paths from (0, 0) to (m, n) that leave the band |x/m − y/n| < h/lcm(m, n)
    /// (scipy's `_compute_outer_prob_inside_method`): one column of the path table at a time, kept as the
    /// probability of having left the band, over a sliding window of rows.
    static func probabilityOutsideInsideMethod(m: Int, n: Int, g: Int, h: Int) -> Double {
        let (m, n) = m < n ? (n, m) : (m, n)
        let mg = m / g
        let ng = n / g
        var minJ = 0
        var maxJ = Swift.min(Int(ceil(Double(h) / Double(mg))), n + 1)
        var currentLength = maxJ - minJ
        let tableLength = Swift.min(2 * maxJ + 2, n + 1)
        var table = [Double](repeating: 1.0, count: tableLength)
        fill(&table, from: minJ, to: maxJ, with: 0.0)
        for i in 1...m {
            let lastMinJ = minJ
            let lastLength = currentLength
            minJ = Swift.max(Int(floor(Double(ng * i - h) / Double(mg))) + 1, 0)
            minJ = Swift.min(minJ, n)
            maxJ = Swift.min(Int(ceil(Double(ng * i + h) / Double(mg))), n + 1)
            if maxJ <= minJ { return 1.0 }
            var value = minJ == 0 ? 0.0 : 1.0
            let columnI = Double(i)
            let shift = minJ - lastMinJ
            table.withUnsafeMutableBufferPointer { column in
                for jj in 0..<(maxJ - minJ) {
                    let j = Double(jj + minJ)
                    value = (column[jj + shift] * columnI + value * j) / (columnI + j)
                    column[jj] = value
                }
            }
            currentLength = maxJ - minJ
            if lastLength > currentLength {
                fill(&table, from: maxJ - minJ, to: maxJ - minJ + (lastLength - currentLength), with: 1.0)
            }
        }
        return table[maxJ - minJ - 1]
    }

    /// `table[start:end] = value` with Python's clamping of the slice to the array.
    private static func fill(_ table: inout [Double], from start: Int, to end: Int, with value: Double) {
        let upper = Swift.min(end, table.count)
        guard start < upper else { return }
        for index in start..<upper { table[index] = value }
    }

    static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
