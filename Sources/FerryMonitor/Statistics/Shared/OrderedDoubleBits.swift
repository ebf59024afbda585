/// Doubles as 64-bit keys whose unsigned order is the doubles' numeric order: the sign bit set for a
/// non-negative value, every bit flipped for a negative one. Radix sorts work on these keys.
enum OrderedDoubleBits {
    /// The key of `value` (−0.0 keys below +0.0, as their bit patterns order them). `value` must not be NaN.
    @inline(__always)
    static func key(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits & (1 << 63) == 0 ? bits | (1 << 63) : ~bits
    }

    /// The double a key stands for.
    @inline(__always)
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }
}
