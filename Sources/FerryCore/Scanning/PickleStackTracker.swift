/// Follows one pickle's opcodes far enough to name the globals it imports.
///
/// `GLOBAL` and `INST` carry their module and name. `STACK_GLOBAL` takes them from the stack; like
/// picklescan, the tracker takes the two values that the preceding opcodes pushed, looking through
/// memo stores and resolving memo fetches, and reports `unknown` for any operand that is not a string
/// it can see. Two refinements over picklescan make that stricter, never looser:
/// - the value a memo store saves is the last value pushed, so a string fetched from the memo and
///   stored again still resolves, and a memoized non-string resolves to `unknown`, not to its text;
/// - `FRAME` pushes nothing and is looked through, as the unpickler does;
/// - a `STACK_GLOBAL` before two values were pushed in the pickle ends it with an error, since the
///   unpickler fails there without importing anything (picklescan raises an exception instead).
struct PickleStackTracker {
    private let buffer: UnsafeBufferPointer<UInt8>
    private var memo = PickleMemo()
    private var newest: StackValue?
    private var secondNewest: StackValue?
    private var pushCount = 0

    /// A tracker at the start of a pickle whose text lives in `buffer`.
    init(buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    /// Takes in the next instruction; returns the global it imports, if it imports one.
    /// - Throws: ``PickleParseError`` for a `STACK_GLOBAL` that cannot have two values to take.
    mutating func apply(_ instruction: PickleInstruction) throws(PickleParseError) -> PickleGlobal? {
        switch instruction.opcode {
        case .memoize:
            memo.store(newestString, at: memo.nextMemoizeKey)
        case .put, .binPut, .longBinPut:
            if case .integer(let key?) = instruction.argument { memo.store(newestString, at: key) }
        case .frame:
            break
        case .get, .binGet, .longBinGet:
            if case .integer(let key?) = instruction.argument, let text = memo.string(at: key) {
                push(.text(text))
            } else {
                push(.opaque)
            }
        case .global, .inst:
            push(.opaque)
            if case .global(let module, let name) = instruction.argument { return PickleGlobal(module: module, name: name) }
        case .stackGlobal:
            guard pushCount >= 2 else { throw PickleParseError(reason: .stackUnderflow(.stackGlobal), offset: instruction.offset) }
            let global = PickleGlobal(module: resolved(secondNewest), name: resolved(newest))
            push(.opaque)
            return global
        default:
            if case .text(let text) = instruction.argument { push(.text(text)) } else { push(.opaque) }
        }
        return nil
    }

    /// A value an opcode left on the stack, as far as the tracker knows it.
    private enum StackValue {
        case text(PickleText)
        case opaque
    }

    private var newestString: PickleText? {
        if case .text(let text)? = newest { return text }
        return nil
    }

    private mutating func push(_ value: StackValue) {
        secondNewest = newest
        newest = value
        pushCount += 1
    }

    private func resolved(_ value: StackValue?) -> String {
        if case .text(let text)? = value { return text.string(in: buffer) }
        return PickleGlobal.unresolvedPart
    }
}
