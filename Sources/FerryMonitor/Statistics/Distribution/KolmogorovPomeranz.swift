import Foundation

/// P(Dₙ ≤ x) by Pomeranz's (1974) recursion, as scipy's `_kolmogn_Pomeranz` runs it: 2n + 1 rows, each the
/// convolution of a window of the previous row with one of three almost-Poisson weight vectors, rescaled by
/// powers of two against underflow; the answer is n!·V[2n+1, n].
enum KolmogorovPomeranz {
    private static let scaleUp = 0x1p128
    private static let scaleDown = 0x1p-128

    /// P(Dₙ ≤ x).
    static func cdf(n: Int, x: Double) -> Double {
        let t = Double(n) * x
        let ll = Int(floor(t))
        let f = 1.0 * (t - Double(ll))
        let g = Swift.min(f, 1.0 - f)
        let ceilF = f > 0 ? 1 : 0
        let roundF = f > 0.5 ? 1 : 0
        let powerCount = 2 * (ll + 1)
        // (g/n)^m/m!, (2g/n)^m/m!, ((1−2g)/n)^m/m!
        var gPower = [Double](repeating: 0, count: powerCount)
        var twoGPower = [Double](repeating: 0, count: powerCount)
        var oneMinusTwoGPower = [Double](repeating: 0, count: powerCount)
        gPower[0] = 1
        twoGPower[0] = 1
        oneMinusTwoGPower[0] = 1
        let gOverN = g / Double(n)
        let twoGOverN = 2 * g / Double(n)
        let oneMinusTwoGOverN = (1 - 2 * g) / Double(n)
        for m in 1..<powerCount {
            gPower[m] = gPower[m - 1] * gOverN / Double(m)
            twoGPower[m] = twoGPower[m - 1] * twoGOverN / Double(m)
            oneMinusTwoGPower[m] = oneMinusTwoGPower[m - 1] * oneMinusTwoGOverN / Double(m)
        }

        var previous = [Double](repeating: 0, count: powerCount)
        var row = [Double](repeating: 0, count: powerCount)
        row[0] = 1
        var previousStart = 0
        var rowStart = 0
        var exponent = 0
        var (j1, j2) = bounds(row: 0, n: n, ll: ll, ceilF: ceilF, roundF: roundF)
        for i in 1..<(2 * n + 2) {
            let k1 = j1
            swap(&previous, &row)
            swap(&previousStart, &rowStart)
            for index in row.indices { row[index] = 0 }
            (j1, j2) = bounds(row: i, n: n, ll: ll, ceilF: ceilF, roundF: roundF)
            let powers: [Double]
            if i == 1 || i == 2 * n + 1 {
                powers = gPower
            } else {
                powers = i % 2 == 1 ? twoGPower : oneMinusTwoGPower
            }
            let windowLength = j2 - k1 + 1
            guard windowLength > 0 else { continue }
            let windowStart = k1 - previousStart
            let convolution = fullConvolution(
                slice(previous, from: windowStart, length: windowLength),
                slice(powers, from: 0, length: windowLength)
            )
            let convolutionStart = j1 - k1
            let convolutionLength = j2 - j1 + 1
            for index in 0..<convolutionLength where convolutionStart + index < convolution.count {
                row[index] = convolution[convolutionStart + index]
            }
            let largest = row.max() ?? 0
            if largest > 0 && largest < scaleDown {
                for index in row.indices { row[index] *= scaleUp }
                exponent -= 128
            }
            rowStart = previousStart + j1 - k1
        }

        var answer = row[n - rowStart]
        for m in 1...n {
            if abs(answer) > scaleUp {
                answer *= scaleDown
                exponent += 128
            }
            answer *= Double(m)
        }
        if exponent != 0 { answer = scalbn(answer, exponent) }
        return Swift.min(Swift.max(answer, 0), 1)
    }

    /// The first and last non-zero positions of row `i` (scipy's `_pomeranz_compute_j1j2`).
    static func bounds(row i: Int, n: Int, ll: Int, ceilF: Int, roundF: Int) -> (Int, Int) {
        var j1: Int
        var j2: Int
        if i == 0 {
            j1 = -ll - ceilF - 1
            j2 = ll + ceilF - 1
        } else {
            let half = (i + 1) / 2
            if (i + 1) % 2 == 0 {
                if half == n + 1 {
                    j1 = n - ll - ceilF - 1
                    j2 = n + ll + ceilF - 1
                } else {
                    j1 = half - 1 - ll - roundF - 1
                    j2 = half + ll - 1 + ceilF - 1
                }
            } else {
                j1 = half - 1 - ll - 1
                j2 = half + ll + roundF - 1
            }
        }
        return (Swift.max(j1 + 2, 0), Swift.min(j2, n))
    }

    /// `array[start:start+length]` with Python's clamping to the array's end.
    private static func slice(_ array: [Double], from start: Int, length: Int) -> ArraySlice<Double> {
        precondition(start >= 0, "Pomeranz window starts before the row")
        let lower = Swift.min(start, array.count)
        let upper = Swift.min(start + length, array.count)
        return array[lower..<upper]
    }

    /// `np.convolve(a, b)` in "full" mode: c[k] = Σᵢ a[i]·b[k − i].
    private static func fullConvolution(_ a: ArraySlice<Double>, _ b: ArraySlice<Double>) -> [Double] {
        guard !a.isEmpty && !b.isEmpty else { return [] }
        let aValues = Array(a)
        let bValues = Array(b)
        var result = [Double](repeating: 0, count: aValues.count + bValues.count - 1)
        for (i, left) in aValues.enumerated() {
            for (j, right) in bValues.enumerated() { result[i + j] += left * right }
        }
        return result
    }
}
