/// What reading a pickle stream found.
struct PickleStreamScan {
    /// Every global the stream imports, unresolved ones included.
    var globals: Set<PickleGlobal> = []
    /// Why reading stopped early, for each pickle that could not be read to its end.
    var errors: [PickleParseError] = []
    /// How many pickles were read to their `STOP`.
    var completePickleCount = 0
}

/// Lists the globals a buffer of pickles imports, reading opcodes and never unpickling.
///
/// A buffer may hold several pickles one after another (joblib, legacy `torch.save` files): after
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
            guard readPickle(&reader, into: &result) else { break }
        } while !reader.isAtEnd
        return result
    }

    /// Reads one pickle from the reader's position to its `STOP`, adding what it imports to `result`.
    /// Returns whether the pickle was read to its end; otherwise its error is added and the reader stands
    /// where the failing read left it.
    @discardableResult
    static func readPickle(_ reader: inout PickleOpcodeReader, into result: inout PickleStreamScan) -> Bool {
        var tracker = PickleStackTracker(buffer: reader.bytes)
        do {
            while true {
                let instruction = try reader.next()
                if let global = try tracker.apply(instruction) { result.globals.insert(global) }
                if instruction.opcode == .stop {
                    result.completePickleCount += 1
                    return true
                }
            }
        } catch {
            result.errors.append(error)
            return false
        }
    }
}
