/// Reads a pickle stream one opcode at a time, as `pickletools.genops` does, without unpickling.
///
/// Every argument is checked as `genops` checks it, so a malformed stream fails at the same opcode;
/// counted payloads are skipped by their length, so reading a stream of large arrays costs a few
/// operations per array, not per byte. `FRAME` is read as an ordinary opcode with an 8-byte length:
/// frames only group opcodes, so the opcodes inside them are read as they come.
struct PickleOpcodeReader {
    private var cursor: ByteCursor

    /// A reader at `offset` (the start by default) of `bytes`, which must outlive it.
    init(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0) {
        cursor = ByteCursor(bytes, offset: offset)
    }

    /// The buffer being read.
    var bytes: UnsafeBufferPointer<UInt8> { cursor.bytes }

    /// The offset of the next opcode.
    var offset: Int { cursor.offset }

    /// Whether the whole buffer has been read.
    var isAtEnd: Bool { cursor.isAtEnd }

    /// The next instruction. After an error the reader stands where `pickletools` would leave its file:
    /// past the bytes it read, or at the end when an argument was cut short.
    /// - Throws: ``PickleParseError`` at the end of the buffer, on a byte that is no opcode, or on an
    ///   argument that is truncated or malformed.
    mutating func next() throws(PickleParseError) -> PickleInstruction {
        let start = cursor.offset
        guard let byte = cursor.readByte() else { throw PickleParseError(reason: .exhaustedBeforeStop, offset: start) }
        guard let opcode = PickleOpcode(rawValue: byte) else { throw PickleParseError(reason: .unknownOpcode(byte), offset: start) }
        do {
            let argument = try readArgument(of: opcode, at: start)
            return PickleInstruction(opcode: opcode, offset: start, argument: argument)
        } catch {
            // Python's reads consume what is left when they come up short; the next read starts at the end.
            if case .truncatedArgument = error.reason { cursor.moveToEnd() }
            throw error
        }
    }

    private mutating func readArgument(of opcode: PickleOpcode, at start: Int) throws(PickleParseError) -> PickleArgument {
        let truncated = PickleParseError(reason: .truncatedArgument(opcode), offset: start)
        func invalid(_ detail: String) -> PickleParseError {
            PickleParseError(reason: .invalidArgument(opcode, detail), offset: start)
        }
        switch opcode.argumentLayout {
        case .none:
            return .none
        case .fixed(let byteCount):
            guard let value = cursor.readLittleEndian(byteCount: byteCount) else { throw truncated }
            return opcode == .binFloat ? .skipped : .integer(Int(exactly: value))
        case .counted(let lengthByteCount, let signedLength):
            let payload = try readCountedPayload(lengthByteCount: lengthByteCount, signed: signedLength, truncated: truncated, invalid: invalid)
            return opcode == .shortBinString || opcode == .binString ? .text(.latin1(payload)) : .skipped
        case .countedUTF8(let lengthByteCount):
            let payload = try readCountedPayload(lengthByteCount: lengthByteCount, signed: false, truncated: truncated, invalid: invalid)
            guard UTF8Validation.isValidAllowingSurrogates(bytes.slice(payload)) else { throw invalid("not UTF-8") }
            return .text(.utf8(payload))
        case .decimalLine(let allowsLongSuffix):
            var line = bytes.slice(try readLine(truncated: truncated))
            if allowsLongSuffix, line.last == UInt8(ascii: "L") { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
            guard case .valid(let value) = PythonLiteralSyntax.decimalInteger(line) else { throw invalid("not an integer") }
            return .integer(value)
        case .floatLine:
            guard PythonLiteralSyntax.isFloatLiteral(bytes.slice(try readLine(truncated: truncated))) else { throw invalid("not a float") }
            return .skipped
        case .quotedStringLine:
            return .text(.decoded(try readQuotedString(truncated: truncated, invalid: invalid)))
        case .textLine:
            guard let decoded = PythonLiteralSyntax.escapeDecoded(bytes.slice(try readLine(truncated: truncated))), decoded.allSatisfy({ $0 < 0x80 })
            else { throw invalid("not an ASCII string") }
            return .skipped
        case .textLinePair:
            let module = try readUTF8Line(truncated: truncated, invalid: invalid)
            let name = try readUTF8Line(truncated: truncated, invalid: invalid)
            return .global(module: module, name: name)
        case .rawUnicodeEscapeLine:
            guard let text = PythonLiteralSyntax.rawUnicodeEscapeDecoded(bytes.slice(try readLine(truncated: truncated))) else {
                throw invalid("malformed raw-unicode-escape text")
            }
            return .text(.decoded(text))
        }
    }

    /// Reads a length prefix, then skips that many bytes and returns their range.
    private mutating func readCountedPayload(
        lengthByteCount: Int, signed: Bool, truncated: PickleParseError, invalid: (String) -> PickleParseError
    ) throws(PickleParseError) -> Range<Int> {
        guard let rawLength = cursor.readLittleEndian(byteCount: lengthByteCount) else { throw truncated }
        if signed, lengthByteCount == 4, Int32(truncatingIfNeeded: rawLength) < 0 { throw invalid("byte count < 0") }
        guard rawLength <= UInt64(cursor.remaining), let payload = cursor.take(Int(rawLength)) else { throw truncated }
        return payload
    }

    private mutating func readLine(truncated: PickleParseError) throws(PickleParseError) -> Range<Int> {
        guard let line = cursor.readLine() else { throw truncated }
        return line
    }

    /// A `GLOBAL` or `INST` line, decoded as UTF-8 as the unpickler decodes it.
    private mutating func readUTF8Line(truncated: PickleParseError, invalid: (String) -> PickleParseError) throws(PickleParseError) -> String {
        let line = bytes.slice(try readLine(truncated: truncated))
        guard let text = String(validating: line, as: UTF8.self) else { throw invalid("not UTF-8") }
        return text
    }

    /// A `STRING` line: quoted, backslash-escaped, ASCII once decoded.
    private mutating func readQuotedString(truncated: PickleParseError, invalid: (String) -> PickleParseError) throws(PickleParseError) -> String {
        let line = bytes.slice(try readLine(truncated: truncated))
        guard let quote = line.first, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\""), line.last == quote else {
            throw invalid("string quotes missing")
        }
        let inner = line.count >= 2 ? UnsafeBufferPointer(rebasing: line[1..<(line.count - 1)]) : UnsafeBufferPointer(rebasing: line[0..<0])
        guard let decoded = PythonLiteralSyntax.escapeDecoded(inner), decoded.allSatisfy({ $0 < 0x80 }) else {
            throw invalid("not an ASCII string")
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}
