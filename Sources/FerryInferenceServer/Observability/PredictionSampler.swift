/// Decides which requests the prediction log keeps: each one independently, with probability `rate`.
///
/// Random rather than every n-th, so that a periodic traffic pattern (a client that sends the same
/// request every tenth call) cannot line up with the sample. The generator is SplitMix64: a few
/// nanoseconds a draw, no system call, and reproducible from its seed, which tests fix.
struct PredictionSampler: Sendable {
    /// The probability of keeping a request, clamped to `0...1`; NaN is 0.
    let rate: Double
    private var state: UInt64

    init(rate: Double, seed: UInt64) {
        self.rate = rate.isNaN ? 0 : min(max(rate, 0), 1)
        self.state = seed
    }

    /// Whether to keep the next request. Rate 1 keeps all and rate 0 none, without drawing.
    mutating func sample() -> Bool {
        if rate >= 1 { return true }
        if rate <= 0 { return false }
        // The top 53 bits as a Double in [0, 1).
        return Double(next() >> 11) * 0x1p-53 < rate
    }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
