/// NumPy's legacy global generator (`np.random.seed` / `RandomState`), reproduced exactly.
///
/// MT19937 with the legacy integer seeding (Matsumoto and Nishimura's `init_genrand`: the
/// seed is the first state word, each next word is `1812433253 * (w ^ (w >> 30)) + index`),
/// the reference twist and tempering, and the legacy bounded draw `random_interval`: mask
/// the next 32-bit output down to the smallest all-ones mask covering the bound and reject
/// values above it. (Bounds beyond 32 bits, i.e. more than 2³² rows, take 64-bit outputs made of
/// two 32-bit ones; which comes first there is not verified against NumPy.) Legacy
/// `shuffle` walks `i` from `n - 1` down to 1 and swaps position `i` with
/// `random_interval(i)`; `permutation(n)` shuffles `0..<n` and `choice(a, size, replace=False)`
/// keeps the first `size` of `permutation(len(a))`.
///
/// A reference type so the hot loops work on raw buffers; it is used within one call only and
/// never shared.
final class LegacyMersenneTwister {
    private static let stateSize = 624
    private static let shift = 397

    private let state: UnsafeMutablePointer<UInt32>
    private let tempered: UnsafeMutablePointer<UInt32>
    private var position: Int

    /// `np.random.seed(seed)` for a seed in `0..<2³²`.
    init(seed: UInt32) {
        state = .allocate(capacity: Self.stateSize)
        tempered = .allocate(capacity: Self.stateSize)
        state[0] = seed
        for index in 1..<Self.stateSize {
            let previous = state[index - 1]
            state[index] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(index)
        }
        position = Self.stateSize
    }

    deinit {
        state.deallocate()
        tempered.deallocate()
    }

    /// The next raw 32-bit output (`random_raw`).
    func nextUInt32() -> UInt32 {
        if position == Self.stateSize { refill() }
        let value = tempered[position]
        position += 1
        return value
    }

    /// A 64-bit output from two 32-bit outputs, the first as the high word (only bounds beyond
    /// 32 bits use it).
    func nextUInt64() -> UInt64 {
        let high = UInt64(nextUInt32())
        return high << 32 | UInt64(nextUInt32())
    }

    /// `random_interval(bound)`: a uniform integer in `0...bound` by masked rejection.
    func interval(_ bound: UInt64) -> UInt64 {
        if bound == 0 { return 0 }
        let mask = UInt64.max >> UInt64(bound.leadingZeroBitCount)
        if bound <= UInt64(UInt32.max) {
            while true {
                let value = UInt64(nextUInt32()) & mask
                if value <= bound { return value }
            }
        }
        while true {
            let value = nextUInt64() & mask
            if value <= bound { return value }
        }
    }

    /// `permutation(count)`: a legacy shuffle of `0..<count`.
    func permutation(_ count: Int) -> [Int] {
        var values = Array(0..<count)
        values.withUnsafeMutableBufferPointer { buffer in
            drawShuffleSteps(from: count - 1, downTo: 1) { step, pick in
                buffer.swapAt(step, pick)
            }
        }
        return values
    }

    /// Runs the legacy shuffle's draws for the steps `high`, `high - 1`, …, `low` (with
    /// `low >= 1`), calling `body(step, pick)` with each step's `random_interval(step)`.
    func drawShuffleSteps(from high: Int, downTo low: Int, _ body: (_ step: Int, _ pick: Int) -> Void) {
        drawShuffleStepsBranchFree(from: high, downTo: low) { step, pick, accepted in
            if accepted { body(step, pick) }
        }
    }

    /// The same draws as `drawShuffleSteps`, but `body(step, candidate, accepted)` sees every raw
    /// draw, rejected ones included: `candidate` is the masked output clamped to `step`, and
    /// `accepted` says whether it is the step's pick. A step is called again until it accepts.
    ///
    /// This is the permutation test's hot loop. Rejections (about 28% of draws) are a coin
    /// toss for the branch predictor, so the loop keeps them out of control flow: the step
    /// counter moves by `accepted ? 1 : 0`, and within a run of steps that share one mask the
    /// loop needs no other test than its trip count. Callers make rejected calls harmless
    /// without branching (for example by writing a value that a later draw overwrites).
    @inline(__always)
    func drawShuffleStepsBranchFree(
        from high: Int,
        downTo low: Int,
        _ body: (_ step: Int, _ candidate: Int, _ accepted: Bool) -> Void
    ) {
        guard high >= low, low >= 1 else { return }
        guard high <= Int(UInt32.max) else {
            for step in stride(from: high, through: low, by: -1) {
                body(step, Int(interval(UInt64(step))), true)
            }
            return
        }
        var step = UInt32(high)
        let last = UInt32(low)
        var index = position
        let outputs = tempered
        while true {
            if index == Self.stateSize {
                refill()
                index = 0
            }
            let mask = UInt32.max >> UInt32(step.leadingZeroBitCount)
            // Steps down to `runLow` share this mask, and each draw accepts at most one step,
            // so this many draws can run without looking at anything else.
            let runLow = max(last, (mask >> 1) + 1)
            let draws = min(Self.stateSize - index, Int(step - runLow) + 1)
            var next = outputs + index
            let end = next + draws
            while next < end {
                let masked = next.pointee & mask
                next += 1
                // 1 when masked > step, from the borrow, so no branch is needed to move on.
                let rejected = (UInt64(step) &- UInt64(masked)) >> 63
                body(Int(step), Int(min(masked, step)), rejected == 0)
                step &-= UInt32(truncatingIfNeeded: 1 &- rejected)
            }
            index += draws
            if step < last {
                position = index
                return
            }
        }
    }

    /// Twists the state and tempers the next 624 outputs.
    private func refill() {
        let size = Self.stateSize
        let mt = state
        @inline(__always)
        func twisted(_ upper: UInt32, _ lower: UInt32, _ far: UInt32) -> UInt32 {
            let mixed = (upper & 0x8000_0000) | (lower & 0x7FFF_FFFF)
            return far ^ (mixed >> 1) ^ ((0 &- (mixed & 1)) & 0x9908_B0DF)
        }
        for index in 0..<(size - Self.shift) {
            mt[index] = twisted(mt[index], mt[index + 1], mt[index + Self.shift])
        }
        for index in (size - Self.shift)..<(size - 1) {
            mt[index] = twisted(mt[index], mt[index + 1], mt[index + Self.shift - size])
        }
        mt[size - 1] = twisted(mt[size - 1], mt[0], mt[Self.shift - 1])
        for index in 0..<size {
            var y = mt[index]
            y ^= y >> 11
            y ^= (y << 7) & 0x9D2C_5680
            y ^= (y << 15) & 0xEFC6_0000
            y ^= y >> 18
            tempered[index] = y
        }
        position = 0
    }
}
