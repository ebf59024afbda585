import Foundation

/// The null distribution of the one-sample two-sided Kolmogorov–Smirnov statistic Dₙ (scipy's `kstwo`),
/// computed as scipy 1.17's `_kolmogn` does, following Simard & L'Ecuyer (2011): Ruben–Gambino closed forms
/// at the ends, 2·Smirnov for large d, the Durbin matrix (Marsaglia–Tsang–Wang) or Pomeranz recursion for
/// small n, and Pelz–Good's asymptotic series for large n.
enum KolmogorovDistribution {
    /// `kstwo.sf(d, n)` = P(Dₙ ≥ d): 1 at or below the support's start 1/(2n), 0 at or above 1.
    static func survival(_ d: Double, sampleSize n: Int) -> Double {
        if d.isNaN || n < 1 { return .nan }
        if d <= 0.5 / Double(n) { return 1 }
        if d >= 1 { return 0 }
        return kolmogorovSF(n: n, x: d)
    }

    /// scipy's `_kolmogn(n, x, cdf=False)`, for 0 < x < 1.
    static func kolmogorovSF(n: Int, x: Double) -> Double {
        let nd = Double(n)
        let t = nd * x
        if t <= 1.0 {
            // Ruben–Gambino: P(Dₙ ≤ x) = n!/nⁿ (2t − 1)ⁿ for 1/(2n) ≤ x ≤ 1/n.
            if t <= 0.5 { return 1 }
            let cdf: Double
            if n <= 140 {
                var product = 1.0
                for i in 1...n { product *= Double(i) * (1.0 / nd) * (2 * t - 1) }
                cdf = product
            } else {
                cdf = exp(logFactorialOverPower(n) + nd * log(2 * t - 1))
            }
            return clip(1.0 - cdf)
        }
        if t >= nd - 1 {
            // Ruben–Gambino: P(Dₙ ≥ x) = 2(1 − x)ⁿ for x ≥ 1 − 1/n.
            return clip(2 * pow(1.0 - x, nd))
        }
        if x >= 0.5 {
            // Exact: the two one-sided tails cannot both be crossed.
            return clip(2 * SmirnovDistribution.survival(n: n, x: x))
        }
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 0.754693 {
                return clip(1.0 - KolmogorovDurbinMatrix.cdf(n: n, d: x))
            }
            if nxSquared <= 4 {
                return clip(1.0 - KolmogorovPomeranz.cdf(n: n, x: x))
            }
            return clip(2 * SmirnovDistribution.survival(n: n, x: x))
        }
        if nxSquared >= 370.0 { return 0 }
        if nxSquared >= 2.2 {
            return clip(2 * SmirnovDistribution.survival(n: n, x: x))
        }
        let cdf: Double
        if nxSquared >= 18.0 {
            cdf = 1.0
        } else if n <= 100_000 && nd * pow(x, 1.5) <= 1.4 {
            cdf = KolmogorovDurbinMatrix.cdf(n: n, d: x)
        } else {
            cdf = pelzGoodCDF(n: n, x: x)
        }
        return clip(1.0 - cdf)
    }

    /// log(n!/nⁿ) by Stirling's series with n·log n removed up front (scipy's `_log_nfactorial_div_n_pow_n`).
    static func logFactorialOverPower(_ n: Int) -> Double {
        let nd = Double(n)
        let rn = 1.0 / nd
        let coefficients: [Double] = [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
            -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ]
        let argument = rn / nd
        var polynomial = 0.0
        for coefficient in coefficients { polynomial = polynomial * argument + coefficient }
        return log(nd) / 2 - nd + log(2 * Double.pi) / 2 + rn * polynomial
    }

    /// Pelz–Good's approximation to P(Dₙ ≤ x): the Li-Chien/Korolyuk expansion K₀ + K₁/√n + K₂/n + K₃/n^1.5
    /// with each term rewritten through Jacobi theta functions for small z = x√n.
    static func pelzGoodCDF(n: Int, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let nd = Double(n)
        let z = nd.squareRoot() * x
        let zSquared = z * z
        let zThree = zSquared * z
        let zFour = zSquared * zSquared
        let zSix = zFour * zSquared
        let piSquared = Double.pi * Double.pi
        let piFour = piSquared * piSquared
        let piSix = piFour * piSquared
        let qLog = -piSquared / 8 / zSquared
        if qLog < -708 { return 0 }
        var q = exp(qLog)

        let k1a = -zSquared
        let k1b = piSquared / 4
        let k2a = 6 * zSix + 2 * zFour
        let k2b = (2 * zFour - 5 * zSquared) * piSquared / 4
        let k2c = piFour * (1 - 2 * zSquared) / 16
        let k3d = piSix * (5 - 30 * zSquared) / 64
        let k3c = piFour * (-60 * zSquared + 212 * zFour) / 16
        let k3b = piSquared * (135 * zFour - 96 * zSix) / 4
        let k3a = -30 * zSix - 90 * pow(z, 8)

        // Horner scheme for Σ cᵢ q^(i²) over odd i.
        var k0 = 0.0
        var k1 = 0.0
        var k2 = 0.0
        var k3 = 0.0
        let maxK = Int(ceil(16 * z / Double.pi))
        var k = maxK
        while k >= 1 {
            let m = Double(2 * k - 1)
            let mSquared = m * m
            let mFour = mSquared * mSquared
            let mSix = mFour * mSquared
            let qPower = pow(q, Double(8 * k))
            k0 = k0 * qPower + 1.0
            k1 = k1 * qPower + (k1a + k1b * mSquared)
            k2 = k2 * qPower + (k2a + k2b * mSquared + k2c * mFour)
            k3 = k3 * qPower + (k3a + k3b * mSquared + k3c * mFour + k3d * mSix)
            k -= 1
        }
        let sqrt2Pi = (2 * Double.pi).squareRoot()
        k0 = k0 * q * sqrt2Pi / z
        k1 = k1 * q * sqrt2Pi / (6 * zFour)
        k2 = k2 * q * sqrt2Pi / (72 * pow(z, 7))
        k3 = k3 * q * sqrt2Pi / (6480 * pow(z, 10))

        // The sums over all integers k for K₂ and K₃.
        q = exp(-piSquared / 2 / zSquared)
        let sqrt3z = 3.0.squareRoot() * z
        var k2Extra = 0.0
        var k3Extra = 0.0
        k = maxK
        while k >= 1 {
            let kd = Double(k)
            let kSquared = kd * kd
            let qPower = pow(q, kSquared)
            let kPi = Double.pi * kd
            k2Extra += kSquared * qPower
            k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * kSquared * qPower
            k -= 1
        }
        k2 += k2Extra * (piSquared * sqrt2Pi / (-36 * zThree))
        k3 += k3Extra * (piSquared * sqrt2Pi / (216 * zSix))
        return k0 + k1 / pow(nd, 0.5) + k2 / pow(nd, 1.0) + k3 / pow(nd, 1.5)
    }

    private static func clip(_ p: Double) -> Double {
        Swift.min(Swift.max(p, 0), 1)
    }
}
