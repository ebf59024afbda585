import Testing

@testable import FerryTables

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Parses `text` with the fast parser.
func parseDecimal(_ text: String) -> ParsedNumber? {
    var bytes = Array(text.utf8)
    bytes.append(0)
    return bytes.withUnsafeBufferPointer { DecimalParser.parse($0.baseAddress!, count: $0.count - 1) }
}

@Suite struct DecimalParserTests {
    /// The parsed value's bits, or a note why it is not the standard library's.
    private func mismatch(_ text: String) -> String? {
        // A written integer is an int64 first (pandas' reading), so "-0" is +0; any other text is Double(String)'s.
        guard let expected = Int64(text).map(Double.init) ?? Double(text) else { return "Double(String) rejects \(text)" }
        guard let parsed = parseDecimal(text) else { return "fast parser rejects \(text)" }
        if parsed.value.bitPattern != expected.bitPattern {
            return "\(text): got \(parsed.value) (\(parsed.value.bitPattern)), expected \(expected) (\(expected.bitPattern))"
        }
        return nil
    }

    /// Every finite double's shortest round-trip text (what Python's repr and Swift's description print).
    @Test func shortestReprOfRandomBitPatternsRoundTrip() {
        var random = SplitMix64(state: 1)
        var failures: [String] = []
        for _ in 0..<600_000 {
            let value = Double(bitPattern: random.next())
            guard value.isFinite else { continue }
            if let failure = mismatch(value.description) { failures.append(failure) }
        }
        #expect(failures.count == 0, "first failures: \(failures.prefix(5))")
    }

    /// Doubles of everyday magnitudes (where the fast paths apply), as 17 significant digits and shortest text.
    @Test func seventeenDigitValuesInCommonRangesMatch() {
        var random = SplitMix64(state: 2)
        var failures: [String] = []
        for _ in 0..<400_000 {
            let magnitude = Double(Int(random.next() % 40) - 20)
            let value = Double.random(in: -1...1, using: &random) * pow10(magnitude)
            let digits = seventeenDigits(value, &random)
            if let failure = mismatch(digits) { failures.append(failure) }
            if let failure = mismatch(value.description) { failures.append(failure) }
        }
        #expect(failures.count == 0, "first failures: \(failures.prefix(5))")
    }

    /// Random decimal strings: 1 to 25 digits, a point anywhere, exponents far into both overflow and underflow.
    @Test func randomDecimalStringsMatch() {
        var random = SplitMix64(state: 3)
        var failures: [String] = []
        for _ in 0..<1_000_000 {
            let digitCount = Int(random.next() % 25) + 1
            var text = random.next() & 1 == 0 ? "" : "-"
            let point = Int(random.next() % UInt64(digitCount + 1))
            for index in 0..<digitCount {
                if index == point { text += "." }
                text.append(Character(Unicode.Scalar(UInt8(ascii: "0") + UInt8(random.next() % 10))))
            }
            if random.next() % 3 != 0 {
                let exponent = Int(random.next() % 700) - 350
                text += "e\(exponent)"
            }
            if let failure = mismatch(text) { failures.append(failure) }
        }
        #expect(failures.count == 0, "first failures: \(failures.prefix(5))")
    }

    /// Values printed by Python 3.11's `repr` (random.seed(7); random()*10**e, gauss, and wide uniforms).
    @Test(arguments: pythonReprValues) func pythonReprValueMatches(_ text: String) {
        #expect(mismatch(text) == nil)
    }

    /// Exact and near double midpoints, where one rounding too many would go wrong.
    @Test(arguments: [
        "9007199254740993", "9007199254740993.0", "9007199254740993.00000001", "9007199254740992.9999999",
        "9007199254740995", "18014398509481985", "1.00000000000000011102230246251565404236316680908203125",
        "1.0000000000000001110223024625156540423631668090820312", "2.2250738585072011e-308",
        "2.2250738585072014e-308", "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
        "1.7976931348623157e308", "1.7976931348623158e308", "0.1", "0.3", "123456789012345678e-27",
        "7.2057594037927933e16", "1e23", "8.98846567431158e307", "5e-324", "0.000000000000000000000000000001",
        "1.5e27", "18446744073709551615e-27", "18446744073709551615e27", "3.0517578125e-05",
        "9007199254740993001e-3", "9007199254740993000e-3", "9007199254740992999e-3", "4503599627370496.5",
        "4503599627370497.5", "1e22", "1e-22", "9007199254740993e22", "123e37", "5e-27", "5e27",
    ])
    func midpointCaseMatches(_ text: String) {
        #expect(mismatch(text) == nil)
    }

    @Test func syntaxIsClassified() throws {
        #expect(try #require(parseDecimal("42")).syntax == .integer)
        #expect(try #require(parseDecimal("-9223372036854775808")).syntax == .integer)
        #expect(try #require(parseDecimal("9223372036854775808")).syntax == .unsignedInteger)
        #expect(try #require(parseDecimal("18446744073709551615")).syntax == .unsignedInteger)
        #expect(try #require(parseDecimal("18446744073709551616")).syntax == .oversizedInteger)
        #expect(try #require(parseDecimal("-9223372036854775809")).syntax == .oversizedInteger)
        #expect(try #require(parseDecimal("123456789012345678901234567890")).syntax == .oversizedInteger)
        #expect(try #require(parseDecimal("1.5")).syntax == .float)
        #expect(try #require(parseDecimal("1e3")).syntax == .float)
        #expect(try #require(parseDecimal("1.8e308")).syntax == .overflowedFloat)
        #expect(try #require(parseDecimal("1e-400")).value == 0)
        #expect(try #require(parseDecimal("-0")).value.sign == .plus)
        #expect(try #require(parseDecimal("-0.0")).value.sign == .minus)
        #expect(try #require(parseDecimal("+4")).value == 4)
        #expect(try #require(parseDecimal(".5")).value == 0.5)
        #expect(try #require(parseDecimal("5.")).value == 5)
        #expect(try #require(parseDecimal("007")).value == 7)
        #expect(try #require(parseDecimal("1E+05")).value == 100_000)
    }

    @Test(arguments: ["", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1x", "0x1A", "1_000", "inf", "nan", " 1", "1 ", "--1", "1e5.0"])
    func nonNumbersAreRejected(_ text: String) {
        #expect(parseDecimal(text) == nil)
    }

    private func pow10(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(abs(exponent)) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    /// `value` with 17 significant digits in scientific notation (Python's `'%.17g'` without the trimming).
    private func seventeenDigits(_ value: Double, _ random: inout SplitMix64) -> String {
        if value == 0 { return "0.0" }
        let digitsText = value.magnitude.description
        var mantissa = digitsText
        var exponent = 0
        if let marker = digitsText.firstIndex(of: "e") {
            mantissa = String(digitsText[..<marker])
            exponent = Int(digitsText[digitsText.index(after: marker)...])!
        }
        var digits = mantissa.filter { $0 != "." }
        let pointOffset = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        let leadingZeros = digits.prefix { $0 == "0" }.count
        digits.removeFirst(leadingZeros)
        exponent += pointOffset - leadingZeros - 1
        while digits.count < 17 { digits += String(random.next() % 10) }
        digits = String(digits.prefix(17))
        let sign = value < 0 ? "-" : ""
        return "\(sign)\(digits.first!).\(digits.dropFirst())e\(exponent)"
    }
}

/// Read from Python 3.11: `random.seed(7)`, then repr of random()*10**randint(-30,30) (60), gauss(0,1) (20),
/// and uniform(-1e300,1e300)*10**randint(-600,0) (20).
let pythonReprValues: [String] = [
    "9.478653606090632e-11", "6.509344730398538e-06", "8.212742919913083e-27", "3.656889169125855e-25",
    "9.097040631431022e-28", "3.7495658441984884e-19", "0.0004181721513707595", "9.071301334386507e-17",
    "5.9110506078989155e-05", "123801.96114964559", "6.30625915731737e-17", "9477089.424570056",
    "585541.4226403867", "9.762551055929201e-28", "5.566648979370926e-29", "2.896092863316763e-23",
    "5.406858855321424e-22", "308481.8241019344", "6.820026947612045e+21", "5.816001636624662e-25",
    "1878710267.8714352", "5.477444657095577e-25", "5.643682931333867e-27", "205958712.81932655",
    "5317202465801.856", "3.141471703767915e+18", "9234413.836388616", "2.997669968636823e-08",
    "1.797667495831432e+19", "2.4409651072215286e+18", "300249.1185456253", "8.751374955734288",
    "4488341904277932.5", "98017484.7492582", "5.119328306475491e-24", "7.571409295652494e-21",
    "9.332702121806375e-22", "3.9207257047437666e-06", "77620482180.79553", "57302.59402773839",
    "8.183533423673177e+25", "6.952953662736593e-10", "49667479.52989876", "4.56205331301413e+20",
    "9.35959960869036e+21", "4.7409833741964445e-14", "64999975716.09484", "7014920213044239.0",
    "57794623071.77181", "8219247866097.149", "7.166277943983036e-13", "6.686527158841882e+25",
    "9.406485666460937e-30", "1.6804837890654457e-09", "4.936929945569814e-24", "7.682329884725208e-18",
    "7.383633795947942e-23", "3.909497031332271e-06", "4.96506699029962e+24", "4.4918740094933095e-21",
    "-1.97387543553663", "-0.6336800255863366", "0.842303593847481", "-1.8112142525213255",
    "-0.1840222293260406", "1.0195276718522928", "-1.3111886130114665", "1.6101061983748743",
    "0.5519639717948621", "-0.15013875127978507", "0.3248668210047183", "0.6498309914451523",
    "0.12039372620354538", "1.1456602358579617", "-0.6615445657523961", "-0.41473615589334284",
    "1.0416845530735936", "0.026798941547276814", "-0.8804640811194406", "0.9464552654932115",
    "9.061958510501906e+226", "-8.671255559425059e+270", "-2.152421862174628e+107", "-2.1175996804927161e+192",
    "-7.952408045495559e+279", "2.6881915706780185e+54", "2.045583779240166e+184", "-7.543155384756103e+198",
    "9.86205443409428e+176", "-3.9209790768702976e+17", "0.0", "-0.0",
]
