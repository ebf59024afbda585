import Foundation

/// The one-sided Kolmogorov–Smirnov (Smirnov) survival function P(Dₙ⁺ ≥ x), scipy's `special.smirnov(n, x)`.
///
/// The same case analysis as scipy's (xsf) implementation: closed forms for x ≤ 1/n and x ≥ 1 − 1/n, 0 when
/// 2nx² exceeds the exponent range, an exponential approximation beyond n = 10⁶, and otherwise the
/// Birnbaum–Tingey sum
///     P(Dₙ⁺ ≥ x) = x · Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v),
/// whose terms are all positive. scipy sums them in double-double; here each term is formed in log space
/// (with n·x split exactly into integer and fractional parts, log C(n, v) accumulated with compensation) and
/// summed with a running scale, which keeps the relative error near 1e-13 up to n = 10⁶. The sum stops, as
/// scipy's does, once the remaining terms cannot change it. scipy switches to an alternating "upper" sum only for x ≤ 0.5/√n,
/// which the two-sided distribution never asks for; such x are evaluated by the lower sum here.
enum SmirnovDistribution {
    /// ln of the smallest positive subnormal double: terms below it count as zero, as in scipy.
    private static let logSmallestSubnormal = log(Double.leastNonzeroMagnitude)
    /// cephes' MINLOG, ln(2⁻¹⁰²²).
    private static let minimumLog = -7.08396418532264106224e2

    /// P(Dₙ⁺ ≥ x); NaN outside n > 0, 0 ≤ x ≤ 1.
    static func survival(n: Int, x: Double) -> Double {
        guard n > 0, x >= 0, x <= 1 else { return .nan }
        if n == 1 { return 1 - x }
        if x == 0 { return 1 }
        if x == 1 { return 0 }
        let nd = Double(n)
        let (nxFloor, alpha) = exactFloor(n: n, x: x)
        if nxFloor == 0 || (nxFloor == 1 && alpha == 0) {
            let cdf = x * pow(1 + x, nd - 1)
            return clip(1 - cdf)
        }
        if -2 * nd * x * x < minimumLog { return 0 }
        if nxFloor >= n - 1 {
            return clip(pow(1 - x, nd))
        }
        if n > 1_000_000 {
            let logP = -pow(6.0 * nd * x + 1, 2) / 18.0 / nd
            return clip(logP < -M_LN2 ? exp(logP) : 1 - (-expm1(logP)))
        }
        return clip(lowerSum(n: n, x: x, nxFloor: nxFloor, alpha: alpha))
    }

    /// floor(n·x) and the fractional part n·x − floor(n·x), exactly (the product's rounding error recovered
    /// with a fused multiply-add); a remainder that rounds to 1 carries into the floor.
    static func exactFloor(n: Int, x: Double) -> (floor: Int, fraction: Double) {
        let nd = Double(n)
        let product = nd * x
        let error = (-product).addingProduct(nd, x)
        var whole = product.rounded(.down)
        var fraction = (product - whole) + error
        if fraction < 0 {
            whole -= 1
            fraction += 1
        }
        if fraction >= 1 {
            whole += 1
            fraction -= 1
        }
        return (Int(whole), fraction)
    }

    /// x · Σ_{v=0}^{last} Aᵥ with Aᵥ = C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v).
    private static func lowerSum(n: Int, x: Double, nxFloor: Int, alpha: Double) -> Double {
        let nd = Double(n)
        // The last v with 1 − x − v/n > 0.
        var lastV = n - nxFloor - (alpha == 0 ? 0 : 1)
        if alpha == 0 { lastV -= 1 }
        let termCount = lastV + 1
        let halfN = n / 2

        // v = 0: A₀ = (1 − x)ⁿ / x.
        var logScale = nd * log1p(-x) - log(x)
        var scaledSum = 1.0
        // log C(n, v), accumulated with Kahan compensation: the rounding of the per-step log ratios is
        // biased, and uncompensated it costs ~1e-8 relative at n = 10⁶.
        var logBinomial = 0.0
        var logBinomialCompensation = 0.0
        let epsilon = Double.ulpOfOne
        var v = 1
        while v < termCount {
            let step = log(Double(n - v + 1) / Double(v)) - logBinomialCompensation
            let updated = logBinomial + step
            logBinomialCompensation = (updated - logBinomial) - step
            logBinomial = updated
            // u = x + v/n = (⌊nx⌋ + v + α)/n, formed without cancellation; 1 − x − v/n = 1 − u via log1p.
            let u = (Double(nxFloor + v) + alpha) / nd
            let logTerm = logBinomial + Double(v - 1) * log(u) + Double(n - v) * log1p(-u)
            if logTerm < logSmallestSubnormal {
                if v > halfN { break }
                v += 1
                continue
            }
            let relativeTerm: Double
            if logTerm > logScale {
                scaledSum = scaledSum * exp(logScale - logTerm) + 1
                logScale = logTerm
                relativeTerm = 1
            } else {
                relativeTerm = exp(logTerm - logScale)
                scaledSum += relativeTerm
            }
            if 4 * Double(termCount - v) * relativeTerm < epsilon * scaledSum && v != termCount - 1 {
                break
            }
            v += 1
        }
        return exp(log(x) + logScale + log(scaledSum))
    }

    private static func clip(_ p: Double) -> Double {
        Swift.min(Swift.max(p, 0), 1)
    }
}
