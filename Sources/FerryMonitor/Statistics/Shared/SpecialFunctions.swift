import Foundation

/// Double-precision special functions for the drift statistics: the normal distribution,
/// log-gamma, the regularized incomplete gamma function and the chi-square tail.
///
/// Pure functions without global state (no `lgamma`/`signgam`), accurate to a few ulps
/// except where noted.
public enum SpecialFunctions {
    /// The standard normal CDF Φ(x), evaluated as cephes' `ndtr` (scipy's `norm.cdf`) does:
    /// `0.5 + 0.5·erf(x/√2)` near 0, otherwise from `erfc`, so `1 - Φ(x)` rounds as scipy's does.
    public static func normalCDF(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        let scaled = x * 0.5.squareRoot()
        let magnitude = abs(scaled)
        if magnitude < 0.5.squareRoot() {
            return 0.5 + 0.5 * erf(scaled)
        }
        let tail = 0.5 * erfc(magnitude)
        return scaled > 0 ? 1 - tail : tail
    }

    /// The standard normal survival function 1 − Φ(x), accurate in the upper tail.
    public static func normalSF(_ x: Double) -> Double {
        normalCDF(-x)
    }

    /// log Γ(x) for x > 0 (NaN for x ≤ 0 or NaN, +∞ for +∞).
    ///
    /// Uses the Stirling series for x ≥ 10 and the recurrence Γ(x) = Γ(x + k) / (x(x+1)…(x+k−1)) below,
    /// so the absolute error stays near 1e-15 (relative error grows only next to the roots at 1 and 2).
    public static func logGamma(_ x: Double) -> Double {
        guard x > 0 else { return .nan }
        if x.isInfinite { return .infinity }
        if x >= 10 { return stirlingLogGamma(x) }
        var shifted = x
        var product = 1.0
        while shifted < 10 {
            product *= shifted
            shifted += 1
        }
        return stirlingLogGamma(shifted) - log(product)
    }

    /// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a), as cephes' `igamc`:
    /// NaN for a < 0, x < 0 or NaN; for a = 0 it is 0 when x > 0 and NaN at x = 0; Q(a, 0) = 1; Q(a, ∞) = 0.
    ///
    /// Series for x < a + 1, Lentz's continued fraction otherwise; the prefactor xᵃe⁻ˣ/Γ(a) is computed in
    /// log space (through log1p for large a), so tail values far below 1e-300 keep their relative accuracy
    /// until they underflow.
    public static func regularizedUpperGamma(_ a: Double, _ x: Double) -> Double {
        if a.isNaN || x.isNaN || a < 0 || x < 0 { return .nan }
        if a == 0 { return x > 0 ? 0 : .nan }
        if x == 0 { return 1 }
        if x.isInfinite { return 0 }
        if a.isInfinite { return 1 }
        if x < a + 1 {
            return 1 - lowerGammaSeries(a, x)
        }
        return upperGammaContinuedFraction(a, x)
    }

    /// The chi-square survival function with `degreesOfFreedom` (scipy's `chdtrc(df, x)` = Q(df/2, x/2)).
    ///
    /// As scipy: NaN for negative x, and for zero degrees of freedom 0 when x > 0 and NaN when x = 0.
    public static func chiSquareSF(_ x: Double, degreesOfFreedom: Double) -> Double {
        regularizedUpperGamma(degreesOfFreedom / 2, x / 2)
    }

    // MARK: - Internals

    /// log Γ(x) by Stirling's series, for x ≥ 10 (truncation error below 1e-17).
    private static func stirlingLogGamma(_ x: Double) -> Double {
        (x - 0.5) * log(x) - x + 0.5 * log(2 * Double.pi) + stirlingCorrection(x)
    }

    /// The remainder log Γ(x) − [(x − ½)·log x − x + ½·log 2π], for x ≥ 10.
    static func stirlingCorrection(_ x: Double) -> Double {
        let inverse = 1 / x
        let w = inverse * inverse
        // Bernoulli terms B₂ⱼ / (2j(2j−1)), j = 1…8, in Horner form over 1/x².
        var series = -3617.0 / 122_400
        series = series * w + 1.0 / 156
        series = series * w - 691.0 / 360_360
        series = series * w + 1.0 / 1188
        series = series * w - 1.0 / 1680
        series = series * w + 1.0 / 1260
        series = series * w - 1.0 / 360
        series = series * w + 1.0 / 12
        return series * inverse
    }

    /// log(xᵃ e⁻ˣ / Γ(a)), accurate also when a and x are large and close.
    static func logGammaPrefactor(_ a: Double, _ x: Double) -> Double {
        if a < 10 {
            return a * log(x) - x - logGamma(a)
        }
        // xᵃe⁻ˣ/Γ(a) = √(a/2π) · exp(−a·(t − log1p t) − correction(a)) with t = (x − a)/a.
        let t = (x - a) / a
        return -a * log1pMinusX(t) + 0.5 * log(a / (2 * Double.pi)) - stirlingCorrection(a)
    }

    /// t − log(1 + t), without cancellation for small |t|.
    static func log1pMinusX(_ t: Double) -> Double {
        if abs(t) > 0.25 { return t - log1p(t) }
        // t²/2 − t³/3 + t⁴/4 − …
        var power = t * t
        var sum = 0.0
        var k = 2.0
        while true {
            let term = power / k
            sum += term
            if abs(term) <= 1e-17 * abs(sum) { break }
            power *= -t
            k += 1
        }
        return sum
    }

    /// P(a, x) by its power series, for x < a + 1.
    private static func lowerGammaSeries(_ a: Double, _ x: Double) -> Double {
        var denominator = a
        var term = 1.0 / a
        var sum = term
        for _ in 0..<100_000 {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) < abs(sum) * 1e-17 { break }
        }
        return sum * exp(logGammaPrefactor(a, x))
    }

    /// Q(a, x) by its continued fraction (modified Lentz), for x ≥ a + 1.
    private static func upperGammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var fraction = d
        var i = 1.0
        while i < 100_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            fraction *= delta
            if abs(delta - 1) <= Double.ulpOfOne { break }
            i += 1
        }
        return exp(logGammaPrefactor(a, x)) * fraction
    }
}
