import Testing

@testable import FerryInferenceServer

@Suite("JSON reader")
struct JSONReaderTests {
    @Test("Numbers: integers exact, decimals correctly rounded, Python's non-finite spellings")
    func numbers() throws {
        #expect(try JSONReader.parse(Array("9007199254740993".utf8)) == .integer(9_007_199_254_740_993))
        #expect(try JSONReader.parse(Array("-12".utf8)) == .integer(-12))
        let samples = ["0.1", "-2.5e-3", "1.7976931348623157e308", "5e-324", "0.30000000000000004", "123456789.123456789", "1E+2", "3.4028234663852886e38"]
        for text in samples {
            #expect(try JSONReader.parse(Array(text.utf8)) == .number(Double(text)!), "\(text)")
        }
        guard case .number(let nan) = try JSONReader.parse(Array("NaN".utf8)) else { Issue.record("NaN"); return }
        #expect(nan.isNaN)
        #expect(try JSONReader.parse(Array("-Infinity".utf8)) == .number(-.infinity))
        #expect(try JSONReader.parse(Array("99999999999999999999".utf8)) == .number(1e20))
    }

    @Test("Strings with escapes and surrogate pairs")
    func strings() throws {
        #expect(try JSONReader.parse(Array(#""a\"b\\c\n\u00e9\ud83d\ude00""#.utf8)) == .string("a\"b\\c\né😀"))
    }

    @Test("Objects keep member order; arrays nest")
    func structure() throws {
        let value = try JSONReader.parse(Array(#" {"b": [1, [2.5, true]], "a": null} "#.utf8))
        #expect(value == .object([("b", .array([.integer(1), .array([.number(2.5), .bool(true)])])), ("a", .null)]))
        #expect(value["a"] == .null)
    }

    @Test("Malformed documents are refused with a position", arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "1e", "\"abc", "[1] 2", "tru", "\"\\x\"", "\"\\ud800\"", "{\"a\":1,}", "-",
    ])
    func malformed(_ text: String) {
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(Array(text.utf8)) }
    }

    @Test("Nesting deeper than the limit is refused, not a stack overflow")
    func depth() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(Array(text.utf8)) }
    }

    @Test("The writer's floats read back as the same value")
    func writerRoundTrip() throws {
        let values: [Float] = [0, -0.0, 1, 0.1, 3.4028235e38, 1.1754944e-38, 123.456, -7, 1e-7]
        var writer = JSONWriter()
        writer.array(values) { $0.float($1) }
        guard case .array(let items) = try JSONReader.parse(writer.bytes) else { Issue.record("not an array"); return }
        #expect(items.map { Float($0.doubleValue ?? .nan) } == values)
        var strings = JSONWriter()
        strings.string("tab\tquote\"ctl\u{01}é")
        #expect(try JSONReader.parse(strings.bytes) == .string("tab\tquote\"ctl\u{01}é"))
    }
}
