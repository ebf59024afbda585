import Foundation

/// P(Dₙ ≤ d) by Durbin's matrix algorithm as Marsaglia, Tsang & Wang (2003) evaluate it (scipy's
/// `_kolmogn_DMTW`): with d = (k − h)/n, the k-th diagonal entry of (n!/nⁿ)·Hⁿ for an m×m matrix H,
/// m = 2k − 1, raised by repeated squaring with power-of-two rescaling. O(m³ log n); scipy uses it only
/// while m stays small.
enum KolmogorovDurbinMatrix {
    private static let scaleUp = 0x1p128
    private static let scaleDown = 0x1p-128

    /// P(Dₙ ≤ d).
    static func cdf(n: Int, d: Double) -> Double {
        if d >= 1.0 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(ceil(nd))
        let h = Double(k) - nd
        let m = 2 * k - 1

        // v[j] = (1 − h^(j+1))/(j+1)!, w[j] = 1/j!.
        var v = [Double](repeating: 0, count: m)
        var w = [Double](repeating: 0, count: m)
        var factorialInverse = 1.0
        for j in 1...m {
            w[j - 1] = factorialInverse
            factorialInverse /= Double(j)
            v[j - 1] = (1.0 - pow(h, Double(j))) * factorialInverse
        }
        let tail = pow(Swift.max(2 * h - 1.0, 0), Double(m)) - 2 * pow(h, Double(m))
        v[m - 1] = (1.0 + tail) * factorialInverse

        var matrix = SquareMatrix(size: m)
        for column in 1..<m {
            for row in (column - 1)..<m { matrix[row, column] = w[row - column + 1] }
        }
        for row in 0..<m { matrix[row, 0] = v[row] }
        for column in 0..<m { matrix[m - 1, column] = v[m - 1 - column] }

        var power = SquareMatrix.identity(size: m)
        var remaining = n
        var exponent = 0
        var matrixExponent = 0
        while remaining > 0 {
            if remaining % 2 == 1 {
                power = power.multiplied(by: matrix)
                exponent += matrixExponent
            }
            matrix = matrix.multiplied(by: matrix)
            matrixExponent *= 2
            if abs(matrix[k - 1, k - 1]) > scaleUp {
                matrix.scale(by: scaleDown)
                matrixExponent += 128
            }
            remaining /= 2
        }

        var p = power[k - 1, k - 1]
        for i in 1...n {
            p = Double(i) * p / Double(n)
            if abs(p) < scaleDown {
                p *= scaleUp
                exponent -= 128
            }
        }
        if exponent != 0 { p = scalbn(p, exponent) }
        return Swift.min(Swift.max(p, 0), 1)
    }
}

/// A dense row-major square matrix, just enough for ``KolmogorovDurbinMatrix``.
struct SquareMatrix {
    let size: Int
    private var storage: [Double]

    init(size: Int) {
        self.size = size
        storage = [Double](repeating: 0, count: size * size)
    }

    static func identity(size: Int) -> SquareMatrix {
        var matrix = SquareMatrix(size: size)
        for index in 0..<size { matrix[index, index] = 1 }
        return matrix
    }

    subscript(row: Int, column: Int) -> Double {
        get { storage[row * size + column] }
        set { storage[row * size + column] = newValue }
    }

    mutating func scale(by factor: Double) {
        for index in storage.indices { storage[index] *= factor }
    }

    func multiplied(by other: SquareMatrix) -> SquareMatrix {
        var result = SquareMatrix(size: size)
        let n = size
        storage.withUnsafeBufferPointer { left in
            other.storage.withUnsafeBufferPointer { right in
                result.storage.withUnsafeMutableBufferPointer { output in
                    for row in 0..<n {
                        for inner in 0..<n {
                            let factor = left[row * n + inner]
                            if factor == 0 { continue }
                            for column in 0..<n {
                                output[row * n + column] += factor * right[inner * n + column]
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
