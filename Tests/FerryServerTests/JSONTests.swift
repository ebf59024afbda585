import FerryCore
import Testing

@testable import FerryServer

@Suite("JSON parsing and request fields")
struct JSONTests {
    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test("Documents parse with exact numbers and escapes")
    func documents() throws {
        #expect(try parse(#"{"a": [1, -2.5e3, true, null, "x\n\u00e9\ud83d\ude00"]}"#) == .object([
            "a": .array([.number("1"), .number("-2.5e3"), .bool(true), .null, .string("x\né😀")])
        ]))
        #expect(try parse(" 9223372036854775807 ") == .number("9223372036854775807"))
    }

    @Test("Malformed documents are refused", arguments: [
        "", "{", "{\"a\" 1}", "[1,]", "01", "1.", "\"\\x\"", "\"unterminated", "{} {}", "nul", "\"\\ud800\"", "\"a\u{1}\"",
        String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
    ])
    func malformed(text: String) {
        #expect(throws: JSONSyntaxError.self) { try parse(text) }
    }

    @Test("Fields follow MLflow's typing rules")
    func fields() throws {
        guard case .object(let object) = try parse(#"{"s": "x", "n": 5, "ns": "7", "f": 1.5, "nan": "NaN", "inf": "-Infinity", "z": null, "list": ["a"], "b": true}"#) else {
            Issue.record("not an object")
            return
        }
        let fields = RequestFields(object: object)
        #expect(try fields.string("s") == "x")
        #expect(try fields.string("z") == nil)
        #expect(throws: FerryError.self) { try fields.string("n") }
        #expect(try fields.int64("n") == 5)
        #expect(try fields.int64("ns") == 7)
        #expect(throws: FerryError.self) { try fields.int64("f") }
        #expect(try fields.double("nan")?.isNaN == true)
        #expect(try fields.double("inf") == -.infinity)
        #expect(try fields.strings("list") == ["a"])
        #expect(throws: FerryError.self) { try fields.strings("s") }
        #expect(try fields.bool("b") == true)
        #expect(throws: FerryError.invalidParameter("Missing value for required parameter 'missing'.")) { try fields.requiredString("missing") }
    }

    @Test("Query fields: repeated keys are lists; a single value is a one-item list")
    func query() throws {
        let fields = RequestFields(query: QueryString.pairs("experiment_ids=1&experiment_ids=2&name=a+b%2Fc&single=x"))
        #expect(try fields.strings("experiment_ids") == ["1", "2"])
        #expect(try fields.string("name") == "a b/c")
        #expect(try fields.strings("single") == ["x"])
    }

    @Test("Output omits unset fields and spells non-finite numbers as MLflow does")
    func output() {
        let value = JSONOutput.fields([
            ("a", .double(.nan)), ("b", nil), ("c", .array([])), ("d", .double(.infinity)), ("e", .double(-.infinity)),
            ("f", .double(2)), ("g", .int(3)), ("h", .string("q\"")),
        ])
        #expect(value.serialized == #"{"a": "NaN", "d": "Infinity", "e": "-Infinity", "f": 2.0, "g": 3, "h": "q\""}"#)
    }
}
