/// Exponentials eight lanes at a time, for the post-transforms that run over whole batches (LOGISTIC, SOFTMAX).
///
/// e^x = 2^n · e^r with n = round(x · log₂e) and |r| ≤ ln2 / 2; e^r comes from Cephes' degree-5 polynomial
/// (relative error about 2e-7, the size of float32 rounding), and 2^n is built in the exponent bits. Inputs are
/// clamped to the range where float32 e^x is finite and normal; NaN stays NaN. Every element goes through the
/// same lanes whether it is alone or in a batch, so a row's result does not depend on its batch.
enum VectorMath {
    typealias Lanes = SIMD8<Float>

    @inline(__always)
    static func exp(_ x: Lanes) -> Lanes {
        let magic: Float = 12_582_912  // 1.5 · 2²³: adding it rounds to an integer held in the low mantissa bits
        // NaN compares false both ways, so it passes the clamp unchanged.
        let low = Lanes(repeating: -87.336_54), high = Lanes(repeating: 88.722_83)
        let clamped = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
        let shifted = clamped * 1.442_695_04 + magic
        let n = shifted - magic
        let r = clamped - n * 0.693_359_375 + n * 2.121_944_4e-4
        var p = Lanes(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let y = p * (r * r) + r + 1
        let exponent = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- Int32(bitPattern: magic.bitPattern)
        let result = y * unsafeBitCast((exponent &+ 127) &<< 23, to: Lanes.self)
        // The clamp above turns NaN into a bound on x86 (minps/maxps return the other operand); put it back.
        return result.replacing(with: x, where: x .!= x)
    }

    @inline(__always)
    static func logistic(_ x: Lanes) -> Lanes {
        1 / (1 + exp(-x))
    }

    /// Applies `function` to every element of `values` in place, eight at a time; the last partial group is
    /// padded, so each element's result is the same wherever it sits.
    @inline(__always)
    static func map(_ values: UnsafeMutableBufferPointer<Float>, _ function: (Lanes) -> Lanes) {
        let count = values.count
        guard count > 0, let base = values.baseAddress else { return }
        let raw = UnsafeMutableRawPointer(base)
        var index = 0
        while index + 8 <= count {
            let result = function(raw.loadUnaligned(fromByteOffset: index * 4, as: Lanes.self))
            raw.storeBytes(of: result, toByteOffset: index * 4, as: Lanes.self)
            index += 8
        }
        guard index < count else { return }
        var tail = Lanes()
        for lane in 0..<(count - index) { tail[lane] = base[index + lane] }
        let result = function(tail)
        for lane in 0..<(count - index) { base[index + lane] = result[lane] }
    }
}
