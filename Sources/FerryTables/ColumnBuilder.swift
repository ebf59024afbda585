/// Why a field could not be added to its column.
enum FieldRejection: Error {
    /// The field does not read as the kind the schema declares.
    case notOfDeclaredKind(ColumnKind)
    /// A text field is not valid UTF-8.
    case invalidUTF8
}

/// Accumulates one CSV column, field by field, into contiguous storage, inferring its kind as pandas would
/// (or holding it to a declared kind).
///
/// An inferring column that turns from numbers or booleans to text is *abandoned*: the earlier fields' original
/// text is gone, so the reader reads the file again with the column declared as text.
struct ColumnBuilder {
    /// How the column's kind is decided.
    enum Mode {
        /// Inferred from the values.
        case infer
        /// Declared; a value that does not read as this kind is an error.
        case declared(ColumnKind)
    }

    /// Where inference stands.
    private enum State {
        case allMissing, numeric, boolean, text, abandoned
    }

    let name: String
    /// The column's field index in each record.
    let field: Int
    private let mode: Mode
    private var state: State
    private var doubles: [Double] = []
    private var codes: [Int32] = []
    private var interner = ByteInterner()
    private var numeric = NumericEvidence()
    private var booleans = BooleanEvidence()

    /// Makes an empty column.
    init(name: String, field: Int, mode: Mode) {
        self.name = name
        self.field = field
        self.mode = mode
        switch mode {
        case .infer: state = .allMissing
        case .declared(.float), .declared(.integer): state = .numeric
        case .declared(.boolean): state = .boolean
        case .declared(.string): state = .text
        }
    }

    /// Whether inference gave up on this column because it turned to text midway.
    var isAbandoned: Bool {
        if case .abandoned = state { return true }
        return false
    }

    /// Makes room for `rows` values in all.
    mutating func reserve(rows: Int) {
        switch state {
        case .allMissing, .numeric: doubles.reserveCapacity(rows)
        case .boolean, .text: codes.reserveCapacity(rows)
        case .abandoned: break
        }
    }

    /// Adds one field's (unquoted, unescaped) bytes.
    @inline(__always)
    mutating func append(_ start: UnsafePointer<UInt8>, count: Int) throws(FieldRejection) {
        switch state {
        case .text:
            if SpecialTokens.isMissing(start, count: count) {
                appendCode(-1)
            } else {
                guard let code = interner.code(of: start, count: count) else { throw .invalidUTF8 }
                appendCode(code)
            }
        case .numeric:
            try appendNumeric(FieldValue.classify(start, count: count))
        case .boolean:
            try appendBoolean(FieldValue.classify(start, count: count))
        case .allMissing:
            try appendFirst(FieldValue.classify(start, count: count), start, count)
        case .abandoned:
            break
        }
    }

    @inline(__always)
    private mutating func appendNumeric(_ value: FieldValue) throws(FieldRejection) {
        switch (value, mode) {
        case (.number(let number), .infer):
            if numeric.record(number) { appendDouble(number.value) } else { abandon() }
        case (.missing, .infer):
            if numeric.recordMissing() { appendDouble(.nan) } else { abandon() }
        case (.boolean, .infer), (.text, .infer):
            abandon()
        case (.missing, .declared):
            appendDouble(.nan)
        case (.number(let number), .declared(let kind)):
            switch number.syntax {
            case .integer, .unsignedInteger: appendDouble(number.value)
            case .float, .overflowedFloat:
                guard kind == .float else { throw .notOfDeclaredKind(kind) }
                appendDouble(number.value)
            case .oversizedInteger:
                throw .notOfDeclaredKind(kind)
            }
        case (_, .declared(let kind)):
            throw .notOfDeclaredKind(kind)
        }
    }

    @inline(__always)
    private mutating func appendBoolean(_ value: FieldValue) throws(FieldRejection) {
        switch value {
        case .boolean(let flag):
            booleans.record(flag)
            appendCode(flag ? 1 : 0)
        case .missing:
            booleans.recordMissing()
            appendCode(-1)
        case .number, .text:
            if case .declared(let kind) = mode { throw .notOfDeclaredKind(kind) }
            abandon()
        }
    }

    /// The first non-missing value of an inferring column decides where it goes.
    private mutating func appendFirst(_ value: FieldValue, _ start: UnsafePointer<UInt8>, _ count: Int) throws(FieldRejection) {
        switch value {
        case .missing:
            _ = numeric.recordMissing()
            appendDouble(.nan)
        case .number(let number):
            state = .numeric
            if numeric.record(number) { appendDouble(number.value) } else { abandon() }
        case .boolean(let flag):
            state = .boolean
            codes = [Int32](repeating: -1, count: doubles.count)
            codes.reserveCapacity(doubles.capacity)
            if !doubles.isEmpty { booleans.recordMissing() }
            doubles = []
            booleans.record(flag)
            appendCode(flag ? 1 : 0)
        case .text:
            state = .text
            codes = [Int32](repeating: -1, count: doubles.count)
            codes.reserveCapacity(doubles.capacity)
            doubles = []
            guard let code = interner.code(of: start, count: count) else { throw .invalidUTF8 }
            appendCode(code)
        }
    }

    private mutating func abandon() {
        state = .abandoned
        doubles = []
        codes = []
    }

    /// Appends, growing by an eighth rather than doubling once past the reserved estimate.
    @inline(__always)
    private mutating func appendDouble(_ value: Double) {
        if doubles.count == doubles.capacity { doubles.reserveCapacity(doubles.count + doubles.count / 8 + 1024) }
        doubles.append(value)
    }

    @inline(__always)
    private mutating func appendCode(_ code: Int32) {
        if codes.count == codes.capacity { codes.reserveCapacity(codes.count + codes.count / 8 + 1024) }
        codes.append(code)
    }

    /// The finished column (not for an abandoned one).
    func finish() -> Column {
        switch state {
        case .allMissing:
            return Column(name: name, kind: .float, values: .numeric(doubles))
        case .numeric:
            let kind: ColumnKind = if case .declared(let declared) = mode { declared } else { numeric.kind }
            return Column(name: name, kind: kind, values: .numeric(doubles))
        case .boolean:
            if case .infer = mode, booleans.sawMissing {
                // pandas: object dtype holding True/False; levels in first-seen order.
                let order = booleans.levelOrder
                let levels = order.map { $0 ? "True" : "False" }
                let falseCode = Int32(order.firstIndex(of: false) ?? 0)
                let trueCode = Int32(order.firstIndex(of: true) ?? 0)
                let remapped = codes.map { $0 < 0 ? -1 : ($0 == 1 ? trueCode : falseCode) }
                return Column(name: name, kind: .string, values: .categorical(codes: remapped, levels: levels))
            }
            return Column(name: name, kind: .boolean, values: .categorical(codes: codes, levels: ["False", "True"]))
        case .text:
            return Column(name: name, kind: .string, values: .categorical(codes: codes, levels: interner.levels))
        case .abandoned:
            preconditionFailure("an abandoned column is read again as text, never finished")
        }
    }
}
