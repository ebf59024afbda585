/// The exact null distribution of the Mann-Whitney U statistic, as SciPy's `_MWU` uses it.
///
/// The number of rankings with U = u is the coefficient of qᵘ in the Gaussian binomial
/// ∏ᵢ₌₁ᵐ (1 − q^{n+i}) / (1 − qⁱ) with m = min(n₁, n₂), n = max(n₁, n₂); it is built factor by
/// factor (a running sum with stride i, then a subtraction with stride n + i), which keeps every
/// intermediate a partition count. Probabilities divide by SciPy's `binom(n₁ + n₂, m)`, and the
/// upper tail follows SciPy's `sf`: below the centre `1 − cdf(u) + pmf(u)`, otherwise
/// `cdf(n₁n₂ − u)` by symmetry, with `cdf` a running sum of the probabilities.
struct MannWhitneyExactDistribution {
    let smaller: Int
    let larger: Int

    init(n1: Int, n2: Int) {
        smaller = min(n1, n2)
        larger = max(n1, n2)
    }

    /// P(U ≥ u) under the null hypothesis.
    func upperTail(atLeast u: Int) -> Double {
        let product = smaller * larger
        let complement = product - u
        let total = Self.scipyBinomial(Double(smaller + larger), Double(smaller))
        if u < complement {
            let probabilities = countsUpTo(u).map { $0 / total }
            var cdf = 0.0
            for probability in probabilities { cdf += probability }
            return 1 - cdf + probabilities[u]
        }
        guard complement >= 0 else { return 0 }
        var cdf = 0.0
        for count in countsUpTo(complement) { cdf += count / total }
        return cdf
    }

    /// The number of rankings with U = 0, 1, …, `maxU`.
    func countsUpTo(_ maxU: Int) -> [Double] {
        var counts = [Double](repeating: 0, count: maxU + 1)
        counts[0] = 1
        guard maxU > 0 else { return counts }
        counts.withUnsafeMutableBufferPointer { c in
            for part in stride(from: 1, through: smaller, by: 1) {
                if part <= maxU {
                    for u in part...maxU { c[u] += c[u - part] }
                }
                let removed = larger + part
                if removed <= maxU {
                    for u in stride(from: maxU, through: removed, by: -1) { c[u] -= c[u - removed] }
                }
            }
        }
        return counts
    }

    /// `scipy.special.binom(n, k)` for integer arguments with `k < 20` after symmetry: the
    /// product of (n − k + i) / i, accumulated as a numerator and a denominator.
    static func scipyBinomial(_ n: Double, _ k: Double) -> Double {
        var kx = k.rounded(.down)
        if n.rounded(.down) == n, kx > n / 2, n > 0 { kx = n - kx }
        guard kx >= 0, kx < 20 else { return productBinomial(n, kx) }
        var numerator = 1.0
        var denominator = 1.0
        var i = 1.0
        while i <= kx {
            numerator *= i + n - kx
            denominator *= i
            if abs(numerator) > 1e50 {
                numerator /= denominator
                denominator = 1
            }
            i += 1
        }
        return numerator / denominator
    }

    /// A plain product for k ≥ 20, which the exact path (min(n₁, n₂) ≤ 8) never needs.
    private static func productBinomial(_ n: Double, _ k: Double) -> Double {
        var result = 1.0
        var i = 1.0
        while i <= k {
            result *= (n - k + i) / i
            i += 1
        }
        return result
    }
}
