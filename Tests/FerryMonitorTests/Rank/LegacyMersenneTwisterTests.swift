import Testing
@testable import FerryMonitor

/// NumPy's legacy `RandomState` stream, against values NumPy 2.4 produced (make_golden.py).
@Suite("Legacy MT19937 matches numpy.random")
struct LegacyMersenneTwisterTests {
    @Test("Raw outputs after seed(0), across the first two state refills")
    func seedZeroOutputs() {
        let generator = LegacyMersenneTwister(seed: 0)
        var outputs: [UInt32] = []
        for _ in 0..<1250 { outputs.append(generator.nextUInt32()) }
        for expected in RankGolden.seedZeroRawOutputs {
            #expect(outputs[expected.index] == expected.value, "output \(expected.index)")
        }
    }

    @Test("Raw outputs after seed(12345)")
    func otherSeed() {
        let generator = LegacyMersenneTwister(seed: 12345)
        let outputs = (0..<3).map { _ in generator.nextUInt32() }
        #expect(outputs == RankGolden.seed12345RawOutputs)
    }

    @Test("Successive np.random.permutation calls after one seed(0)")
    func permutations() {
        let generator = LegacyMersenneTwister(seed: 0)
        for expected in RankGolden.seedZeroPermutations {
            #expect(generator.permutation(expected.count) == expected)
        }
        let long = RankGolden.longPermutation
        let permutation = generator.permutation(long.count)
        #expect(Array(permutation.prefix(8)) == long.prefix)
        var checksum: UInt64 = 0
        let modulus: UInt64 = (1 << 61) - 1
        for (index, value) in permutation.enumerated() {
            checksum = (checksum + UInt64(index + 1) * UInt64(value) % modulus) % modulus
        }
        #expect(checksum == UInt64(long.checksum))
    }

    @Test("np.random.choice(range(n), k, replace=False) is the head of a permutation")
    func choiceWithoutReplacement() {
        let expected = RankGolden.seedSevenChoice
        let generator = LegacyMersenneTwister(seed: 7)
        #expect(Array(generator.permutation(expected.population).prefix(expected.size)) == expected.picks)
    }

    @Test("Drawing shuffle steps in two ranges equals one shuffle's draws")
    func splitDraws() {
        let whole = LegacyMersenneTwister(seed: 3)
        var wholePicks: [Int] = []
        whole.drawShuffleSteps(from: 5000, downTo: 1) { _, pick in wholePicks.append(pick) }
        let split = LegacyMersenneTwister(seed: 3)
        var splitPicks: [Int] = []
        split.drawShuffleSteps(from: 5000, downTo: 1234) { _, pick in splitPicks.append(pick) }
        split.drawShuffleSteps(from: 1233, downTo: 1) { _, pick in splitPicks.append(pick) }
        #expect(splitPicks == wholePicks)
        #expect(whole.nextUInt32() == split.nextUInt32())
        // Each pick is random_interval(step): within 0...step.
        let again = LegacyMersenneTwister(seed: 3)
        var inRange = true
        again.drawShuffleSteps(from: 5000, downTo: 1) { step, pick in inRange = inRange && (0...step).contains(pick) }
        #expect(inRange)
    }
}
