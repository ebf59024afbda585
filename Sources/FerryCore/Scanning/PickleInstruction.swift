/// One opcode read from a pickle stream, with the part of its argument that a scan needs.
struct PickleInstruction {
    /// The opcode.
    let opcode: PickleOpcode
    /// Where the opcode byte is in the buffer.
    let offset: Int
    /// The argument, kept only as far as the scan uses it.
    let argument: PickleArgument
}

/// The argument of a ``PickleInstruction``.
///
/// Payloads (bytes, big integers, floats) are skipped over, never copied; text is kept as a range of
/// the buffer and decoded only if a `STACK_GLOBAL` needs it.
enum PickleArgument: Equatable {
    /// The opcode takes no argument.
    case none
    /// A small integer the scan uses (memo index, protocol, frame length); `nil` when it does not fit in `Int`.
    case integer(Int?)
    /// The string that a string-pushing opcode puts on the stack.
    case text(PickleText)
    /// The module and name of a `GLOBAL` or `INST`.
    case global(module: String, name: String)
    /// A payload the scan does not need; it was validated and skipped.
    case skipped
}

/// A string pushed by an opcode: where it is in the buffer and how it is encoded, or the decoded text.
enum PickleText: Equatable {
    /// UTF-8 bytes in the buffer (`SHORT_BINUNICODE`, `BINUNICODE`, `BINUNICODE8`).
    case utf8(Range<Int>)
    /// Latin-1 bytes in the buffer (`SHORT_BINSTRING`, `BINSTRING`), as `pickletools` decodes them.
    case latin1(Range<Int>)
    /// Text decoded when it was read (`STRING`, `UNICODE`).
    case decoded(String)

    /// The text, with bytes from `buffer` where it lives there.
    func string(in buffer: UnsafeBufferPointer<UInt8>) -> String {
        switch self {
        case .utf8(let range): String(decoding: buffer.slice(range), as: UTF8.self)
        case .latin1(let range): String(String.UnicodeScalarView(buffer.slice(range).map { Unicode.Scalar($0) }))
        case .decoded(let text): text
        }
    }
}
