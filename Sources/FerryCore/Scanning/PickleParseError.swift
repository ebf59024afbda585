/// Why reading a pickle stream stopped before its end.
///
/// The messages follow `pickletools.genops`, with the byte offset where the failing opcode starts.
struct PickleParseError: Error, Equatable, CustomStringConvertible {
    /// What went wrong.
    enum Reason: Equatable {
        /// The stream ended where an opcode was expected, before `STOP`.
        case exhaustedBeforeStop
        /// A byte that is not an opcode of any protocol.
        case unknownOpcode(UInt8)
        /// The stream ended inside an opcode's argument.
        case truncatedArgument(PickleOpcode)
        /// An argument that `pickletools` refuses (a bad literal, a negative length, bad UTF-8).
        case invalidArgument(PickleOpcode, String)
        /// An opcode that needs more values than the pickle has pushed so far; the unpickler fails there.
        case stackUnderflow(PickleOpcode)
    }

    /// What went wrong.
    let reason: Reason
    /// The offset of the opcode (or of the missing opcode) in the buffer.
    let offset: Int

    var description: String {
        switch reason {
        case .exhaustedBeforeStop:
            "pickle exhausted before seeing STOP at offset \(offset)"
        case .unknownOpcode(let byte):
            "unknown opcode 0x\(String(byte, radix: 16, uppercase: false)) at offset \(offset)"
        case .truncatedArgument(let opcode):
            "not enough data for the argument of \(opcode.pickletoolsName) at offset \(offset)"
        case .invalidArgument(let opcode, let detail):
            "invalid argument for \(opcode.pickletoolsName) at offset \(offset): \(detail)"
        case .stackUnderflow(let opcode):
            "\(opcode.pickletoolsName) at offset \(offset) comes before two values were pushed; unpickling fails there"
        }
    }
}
