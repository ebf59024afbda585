/// What reading a pickle stream found.
struct PickleStreamScan {
    /// Every global the stream imports, unresolved ones included.
    var globals: Set<PickleGlobal> = []
    /// Why reading stopped early, if it did.
    var error: PickleParseError?
    /// How many pickles were read to their `STOP`.
    var completePickleCount = 0
}

/// Lists the globals a buffer of pickles imports, reading opcodes and never unpickling.
///
/// A buffer may hold several pickles one after another (legacy `torch.save` files, joblib): after
/// each `STOP` the next pickle is read while bytes remain, with a fresh memo, as a fresh unpickler
/// would. Like picklescan, the first opcode that cannot be read ends the scan: the globals met so far
/// are kept and the error is reported, and nothing after it is read (joblib, for one, writes raw
/// array bytes inside its pickle, which no opcode reader can get through).
enum PickleImportCollector {
    /// Reads `bytes` from the start to the end or to the first error.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> PickleStreamScan {
        var reader = PickleOpcodeReader(bytes)
        var result = PickleStreamScan()
        repeat {
            var tracker = PickleStackTracker(buffer: bytes)
            do {
                while true {
                    let instruction = try reader.next()
                    if let global = tracker.apply(instruction) { result.globals.insert(global) }
                    if instruction.opcode == .stop { break }
                }
            } catch {
                result.error = error
                return result
            }
            result.completePickleCount += 1
        } while !reader.isAtEnd
        return result
    }
}
