@testable import FerryCore
import Testing

@Suite("Globals imported by pickle streams")
struct PickleImportCollectorTests {
    private typealias B = ScanTestBytes

    private func scan(_ bytes: [UInt8]) -> PickleStreamScan {
        withBuffer(bytes) { PickleImportCollector.scan($0) }
    }

    private func global(_ module: String, _ name: String) -> PickleGlobal { PickleGlobal(module: module, name: name) }

    @Test("Protocol 0 GLOBAL")
    func protocol0Global() {
        // cos\nsystem\n(S'echo pwned'\ntR.
        let result = scan(B.ascii("cos\nsystem\n(S'echo pwned'\ntR."))
        #expect(result.globals == [global("os", "system")])
        #expect(result.errors.isEmpty)
        #expect(result.completePickleCount == 1)
    }

    @Test("Protocol 2 GLOBAL with BINPUT")
    func protocol2Global() {
        let stream: [UInt8] = [0x80, 0x02] + B.ascii("csubprocess\nPopen\n") + [0x71, 0x00] + [0x8C, 4] + B.ascii("echo") + [0x85, 0x52, 0x2E]
        #expect(scan(stream).globals == [global("subprocess", "Popen")])
    }

    @Test("Protocol 2 INST")
    func inst() {
        #expect(scan(B.ascii("(S'x'\nibuiltins\neval\n.")).globals == [global("builtins", "eval")])
    }

    @Test("Protocol 4 STACK_GLOBAL from SHORT_BINUNICODE and MEMOIZE")
    func stackGlobal() {
        let stream: [UInt8] =
            [0x80, 0x04, 0x95] + B.littleEndian(30, 8)
            + B.shortBinUnicode("posix") + [0x94] + B.shortBinUnicode("system") + [0x94] + [0x93, 0x94]
            + B.shortBinUnicode("id") + [0x94, 0x85, 0x94, 0x52, 0x94, 0x2E]
        let result = scan(stream)
        #expect(result.globals == [global("posix", "system")])
        #expect(result.errors.isEmpty)
    }

    @Test("STACK_GLOBAL operands fetched from the memo with BINGET and LONG_BINGET")
    func memoFetch() {
        let stream: [UInt8] =
            [0x80, 0x04]
            + B.shortBinUnicode("os") + [0x94]  // memo 0
            + B.shortBinUnicode("getcwd") + [0x94, 0x93, 0x94]  // memo 1, os.getcwd, memo 2
            + [0x29, 0x52, 0x94]  // call it, memo 3
            + [0x68, 0x00] + B.shortBinUnicode("system") + [0x94, 0x93]  // BINGET 0 -> os.system
            + [0x6A] + B.littleEndian(1, 4) + [0x6A] + B.littleEndian(1, 4) + [0x93]  // getcwd.getcwd, both from memo
            + [0x2E]
        let result = scan(stream)
        #expect(result.globals == [global("os", "getcwd"), global("os", "system"), global("getcwd", "getcwd")])
    }

    @Test("A string fetched from the memo and stored again still resolves")
    func memoChain() {
        let stream: [UInt8] =
            [0x80, 0x04] + B.shortBinUnicode("os") + [0x94] + [0x68, 0x00, 0x94]  // memo 1 = memo 0 = "os"
            + [0x68, 0x01] + B.shortBinUnicode("system") + [0x93, 0x2E]
        #expect(scan(stream).globals == [global("os", "system")])
    }

    @Test("Operands that are not visible strings resolve to unknown", arguments: [
        // Only PROTO and one string before STACK_GLOBAL (picklescan counts PROTO as an operand too).
        [0x80, 0x04] + ScanTestBytes.shortBinUnicode("system") + [0x93, 0x2E],
        // A fetch of a memo key never stored.
        [0x80, 0x04, 0x68, 0x07] + ScanTestBytes.shortBinUnicode("system") + [0x93, 0x2E],
        // The module is computed by a call (REDUCE), not pushed as a string.
        [0x80, 0x04, 0x29, 0x52] + ScanTestBytes.shortBinUnicode("system") + [0x93, 0x2E],
        // A memoized non-string (an empty tuple) used as the module.
        [0x80, 0x04, 0x29, 0x94, 0x68, 0x00] + ScanTestBytes.shortBinUnicode("system") + [0x93, 0x2E],
    ] as [[UInt8]])
    func unresolvable(stream: [UInt8]) {
        let globals = scan(stream).globals
        #expect(globals.count == 1)
        #expect(globals.allSatisfy { $0.isUnresolved })
    }

    @Test("STACK_GLOBAL before two values were pushed ends the pickle with an error")
    func stackUnderflow() {
        let result = scan([0x93, 0x8C, 0x02] + B.ascii("os") + [0x2E])
        #expect(result.globals.isEmpty)
        #expect(result.errors == [PickleParseError(reason: .stackUnderflow(.stackGlobal), offset: 0)])
    }

    @Test("FRAME between the operands is looked through")
    func frameBetweenOperands() {
        let stream: [UInt8] =
            [0x80, 0x04] + B.shortBinUnicode("os") + [0x94, 0x95] + B.littleEndian(9, 8) + B.shortBinUnicode("system") + [0x94, 0x93, 0x2E]
        #expect(scan(stream).globals == [global("os", "system")])
    }

    @Test("Concatenated pickles are all read, each with its own memo")
    func concatenated() {
        let safe: [UInt8] =
            [0x80, 0x04] + B.shortBinUnicode("collections") + [0x94] + B.shortBinUnicode("OrderedDict") + [0x94, 0x93, 0x29, 0x52, 0x2E]
        let malicious: [UInt8] = [0x80, 0x02] + B.ascii("cos\nsystem\n") + [0x71, 0x00, 0x2E]
        let third: [UInt8] = [0x80, 0x04, 0x68, 0x00] + B.shortBinUnicode("x") + [0x93, 0x2E]  // memo 0 is not inherited
        let result = scan(safe + malicious + third)
        #expect(result.globals == [global("collections", "OrderedDict"), global("os", "system"), global("unknown", "x")])
        #expect(result.completePickleCount == 3)
        #expect(result.errors.isEmpty)
    }

    @Test("Reading stops at the first malformed opcode and keeps what came before")
    func stopsAtError() {
        let first: [UInt8] = [0x80, 0x02] + B.ascii("cnumpy\ndtype\n") + [0x2E]
        let rawArrayBytes: [UInt8] = [0x01, 0xFF, 0xFF] + B.ascii("cos\nsystem\n.")
        let result = scan(first + rawArrayBytes)
        #expect(result.globals == [global("numpy", "dtype")])
        #expect(result.errors.map(\.reason) == [.unknownOpcode(0x01)])
        #expect(result.completePickleCount == 1)
    }

    @Test("Globals before a truncation are kept")
    func truncatedKeepsGlobals() {
        let result = scan([0x80, 0x02] + B.ascii("cos\nsystem\n") + [0x8C, 50])
        #expect(result.globals == [global("os", "system")])
        #expect(result.errors.count == 1)
    }

    @Test("Empty input is a parse error with nothing found")
    func empty() {
        let result = scan([])
        #expect(result.globals.isEmpty)
        #expect(result.errors.map(\.reason) == [.exhaustedBeforeStop])
    }
}
