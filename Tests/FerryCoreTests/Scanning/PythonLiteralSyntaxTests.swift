@testable import FerryCore
import Testing

@Suite("Python literal syntax of protocol-0 arguments")
struct PythonLiteralSyntaxTests {
    private func integer(_ text: String) -> PythonLiteralSyntax.IntegerLiteral {
        withBuffer(Array(text.utf8)) { PythonLiteralSyntax.decimalInteger($0) }
    }

    @Test("int() literals")
    func integers() {
        #expect(integer("42") == .valid(42))
        #expect(integer(" -1_000 ") == .valid(-1000))
        #expect(integer("007") == .valid(7))
        #expect(integer("99999999999999999999999") == .valid(nil))
        for invalid in ["", "1__0", "_1", "1_", "0x10", "1.0", "--1"] { #expect(integer(invalid) == .invalid) }
    }

    @Test("float() literals")
    func floats() {
        for valid in ["1", "-1.25", ".5", "5.", "1e10", "1_0.5E-3", " inf ", "-Infinity", "nan"] {
            #expect(withBuffer(Array(valid.utf8)) { PythonLiteralSyntax.isFloatLiteral($0) }, "\(valid)")
        }
        for invalid in ["", ".", "e5", "1e", "1.2.3", "infinite", "1__0"] {
            #expect(!withBuffer(Array(invalid.utf8)) { PythonLiteralSyntax.isFloatLiteral($0) }, "\(invalid)")
        }
    }

    @Test("escape_decode and raw-unicode-escape")
    func escapes() {
        let decoded = withBuffer(Array(#"a\q\x41\101\777\n"#.utf8)) { PythonLiteralSyntax.escapeDecoded($0) }
        #expect(decoded == [0x61, 0x5C, 0x71, 0x41, 0x41, 0xFF, 0x0A])
        #expect(withBuffer(Array(#"trailing\"#.utf8)) { PythonLiteralSyntax.escapeDecoded($0) } == nil)
        let raw = withBuffer(Array(#"caf\u00e9 \\u0041 \U0001F600"#.utf8)) { PythonLiteralSyntax.rawUnicodeEscapeDecoded($0) }
        #expect(raw == "café \\\\u0041 😀")
        #expect(withBuffer(Array(#"\U00110000"#.utf8)) { PythonLiteralSyntax.rawUnicodeEscapeDecoded($0) } == nil)
    }
}
