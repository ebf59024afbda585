@testable import FerryCore
import Testing

@Suite("Pickle opcode reader")
struct PickleOpcodeReaderTests {
    private typealias B = ScanTestBytes

    /// All instructions up to STOP, or the error that ended the read.
    private func read(_ bytes: [UInt8]) -> (opcodes: [PickleOpcode], error: PickleParseError?) {
        withBuffer(bytes) { buffer in
            var reader = PickleOpcodeReader(buffer)
            var opcodes: [PickleOpcode] = []
            do {
                while true {
                    let instruction = try reader.next()
                    opcodes.append(instruction.opcode)
                    if instruction.opcode == .stop { return (opcodes, nil) }
                }
            } catch {
                return (opcodes, error as? PickleParseError)
            }
        }
    }

    @Test("The table has CPython's 68 opcodes")
    func opcodeCount() {
        #expect(PickleOpcode.allCases.count == 68)
        #expect(Set(PickleOpcode.allCases.map(\.pickletoolsName)).count == 68)
    }

    @Test("Counted arguments are skipped by their length")
    func countedArguments() {
        let stream: [UInt8] =
            [0x80, 0x05]  // PROTO 5
            + [0x95] + B.littleEndian(200, 8)  // FRAME 200
            + [0x43, 3, 1, 2, 3]  // SHORT_BINBYTES
            + [0x42] + B.littleEndian(2, 4) + [9, 9]  // BINBYTES
            + [0x8E] + B.littleEndian(4, 8) + [1, 2, 3, 4]  // BINBYTES8
            + [0x96] + B.littleEndian(1, 8) + [0]  // BYTEARRAY8
            + [0x8A, 2, 0xFF, 0x7F]  // LONG1
            + [0x8B] + B.littleEndian(1, 4) + [5]  // LONG4
            + [0x54] + B.littleEndian(2, 4) + B.ascii("ab")  // BINSTRING
            + [0x55, 1] + B.ascii("c")  // SHORT_BINSTRING
            + [0x58] + B.littleEndian(3, 4) + B.ascii("xyz")  // BINUNICODE
            + [0x8D] + B.littleEndian(1, 8) + B.ascii("q")  // BINUNICODE8
            + [0x47] + B.littleEndian(0, 8)  // BINFLOAT
            + [0x4A, 1, 0, 0, 0, 0x4B, 1, 0x4D, 1, 0]  // BININT, BININT1, BININT2
            + [0x82, 1, 0x83, 1, 0, 0x84, 1, 0, 0, 0]  // EXT1, EXT2, EXT4
            + [0x97, 0x98, 0x2E]  // NEXT_BUFFER, READONLY_BUFFER, STOP
        let result = read(stream)
        #expect(result.error == nil)
        #expect(result.opcodes.count == 22)
        #expect(result.opcodes.last == .stop)
    }

    @Test("Protocol 0 line arguments")
    func lineArguments() {
        let stream = B.ascii("I42\nI01\nL123L\nF-1.25e3\nS'a\\'b'\nVcaf\\u00e9\nPid\ng0\np1\n(i__main__\nC\n.")
        let result = read(stream)
        #expect(result.error == nil)
        #expect(result.opcodes == [.int, .int, .long, .float, .string, .unicode, .persId, .get, .put, .mark, .inst, .stop])
    }

    @Test("Malformed line arguments fail where pickletools fails", arguments: [
        "Ix1\n.", "I12", "L1.5\n.", "Fabc\n.", "Sabc\n.", "S'abc\n.", "S'\\x4'\n.", "Vbad\\u12\n.", "gnope\n.",
    ])
    func malformedLines(stream: String) {
        let result = read(B.ascii(stream))
        #expect(result.error != nil)
        #expect(result.opcodes.isEmpty)
    }

    @Test("A truncated stream is an error, not a crash")
    func truncated() {
        let stream: [UInt8] = [0x80, 0x04, 0x8C, 10] + B.ascii("os")
        let result = read(stream)
        #expect(result.opcodes == [.proto])
        #expect(result.error == PickleParseError(reason: .truncatedArgument(.shortBinUnicode), offset: 2))
        #expect(read([0x80, 0x02]).error == PickleParseError(reason: .exhaustedBeforeStop, offset: 2))
    }

    @Test("An unknown opcode is an error")
    func unknownOpcode() {
        let result = read([0x80, 0x02, 0xFF, 0x2E])
        #expect(result.error == PickleParseError(reason: .unknownOpcode(0xFF), offset: 2))
        #expect(result.error?.description == "unknown opcode 0xff at offset 2")
    }

    @Test("Huge or negative lengths are refused without allocating")
    func badLengths() {
        let huge: [UInt8] = [0x8E] + B.littleEndian(UInt64.max, 8) + [0x2E]
        #expect(read(huge).error == PickleParseError(reason: .truncatedArgument(.binBytes8), offset: 0))
        let negative: [UInt8] = [0x54] + B.littleEndian(0xFFFF_FFFF, 4) + [0x2E]
        #expect(read(negative).error == PickleParseError(reason: .invalidArgument(.binString, "byte count < 0"), offset: 0))
        let longNegative: [UInt8] = [0x8B] + B.littleEndian(0x8000_0000, 4)
        #expect(read(longNegative).error?.reason == .invalidArgument(.long4, "byte count < 0"))
    }

    @Test("Text payloads must be UTF-8, surrogates allowed as Python's surrogatepass allows them")
    func utf8Payloads() {
        #expect(read([0x8C, 2, 0xC3, 0x28, 0x2E]).error?.reason == .invalidArgument(.shortBinUnicode, "not UTF-8"))
        #expect(read([0x8C, 3, 0xED, 0xA0, 0x80, 0x2E]).error == nil)
        #expect(read([0x8C, 2, 0xC0, 0x80, 0x2E]).error != nil)
    }
}
