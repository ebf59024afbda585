import Foundation

/// The limiting CDF of the Cramér-von Mises statistic, as Evidently's `_cdf_cvm_inf` sums it.
///
/// Csörgő and Faraway (1996), eq. 1.2: F(x) = Σ_k Γ(k + ½) / (Γ(k + 1) π^{3/2} √x) · √(4k+1) ·
/// e^{−q_k} · K_{1/4}(q_k) with q_k = (4k+1)² / (16x). Evidently adds terms until one falls
/// below 1e-7 in magnitude (that term included); Ferry stops at the same term.
enum CramerVonMisesLimitDistribution {
    /// Evidently's stopping threshold for the series.
    static let termThreshold = 1e-7

    /// F(x) for x > 0.
    static func cdf(_ x: Double) -> Double {
        var total = 0.0
        // Γ(k + ½) / Γ(k + 1), starting from Γ(½) / Γ(1) = √π.
        var gammaRatio = Double.pi.squareRoot()
        let scale = pow(Double.pi, 1.5) * x.squareRoot()
        var k = 0
        while k < 100_000_000 {
            let u = gammaRatio / scale
            let y = Double(4 * k + 1)
            let q = y * y / (16 * x)
            let term = u * y.squareRoot() * exp(-q) * ModifiedBesselK.quarterOrder(q)
            total += term
            if !(abs(term) >= termThreshold) { break }
            gammaRatio *= (Double(k) + 0.5) / (Double(k) + 1)
            k += 1
        }
        return total
    }
}

/// The modified Bessel function of the second kind of order ¼, K_{1/4}(x), for x > 0.
///
/// From the integral e^x K_ν(x) = ∫₀^∞ exp(−x(cosh t − 1)) cosh(νt) dt, evaluated with the
/// trapezoid rule, which converges exponentially for this entire, rapidly decaying integrand:
/// the step is 0.1, or 0.4/√x when the integrand narrows to a Gaussian of width 1/√x, giving an
/// error far below double precision, and the range ends where the integrand has fallen below
/// e^{−45} of its value at 0.
enum ModifiedBesselK {
    static let order = 0.25

    /// K_{1/4}(x).
    static func quarterOrder(_ x: Double) -> Double {
        exp(-x) * scaledQuarterOrder(x)
    }

    /// e^x · K_{1/4}(x).
    static func scaledQuarterOrder(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return .infinity }
        if x.isInfinite { return 0 }
        let step = min(0.1, 0.4 / x.squareRoot())
        let end = integrationEnd(x)
        let count = Int((end / step).rounded(.up))
        var sum = CompensatedSum()
        sum.add(0.5 * integrand(0, x))
        for index in 1...max(count, 1) {
            sum.add(integrand(Double(index) * step, x))
        }
        return step * sum.value
    }

    @inline(__always)
    private static func integrand(_ t: Double, _ x: Double) -> Double {
        let halfSinh = sinh(t / 2)
        return exp(-x * 2 * halfSinh * halfSinh) * cosh(order * t)
    }

    /// The t where x(cosh t − 1) − νt reaches 45 (past it the integrand only shrinks).
    private static func integrationEnd(_ x: Double) -> Double {
        var end = acosh(1 + 45 / x)
        for _ in 0..<4 {
            end = acosh(1 + (45 + order * end) / x)
        }
        return end
    }
}
