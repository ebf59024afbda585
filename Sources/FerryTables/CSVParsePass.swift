/// One front-to-back read of a CSV source into column builders.
final class CSVParsePass {
    /// How a pass ended.
    enum Outcome {
        /// Every column kept its kind.
        case table(Table)
        /// These inferred columns turned to text midway; read again with them declared as text.
        case readAgain(Set<String>)
    }

    private let source: any ByteSource
    private let options: CSVReadOptions
    private let textColumns: Set<String>
    private let tokenizer: CSVTokenizer
    private var buffer: UnsafeMutableRawBufferPointer
    /// Bytes of `buffer` holding data, and where the next record starts.
    private var filled = 0
    private var position = 0
    /// The source offset of `buffer[0]`.
    private var bufferOffset: Int64 = 0
    private var endOfInput = false
    /// The 1-based line where the next record starts.
    private var line = 1
    private var spans: UnsafeMutableBufferPointer<FieldSpan>
    private var scratch: UnsafeMutableBufferPointer<UInt8>

    init(source: any ByteSource, options: CSVReadOptions, textColumns: Set<String>) {
        self.source = source
        self.options = options
        self.textColumns = textColumns
        tokenizer = CSVTokenizer(delimiter: options.delimiter)
        buffer = .allocate(byteCount: options.chunkSize, alignment: 16)
        spans = .allocate(capacity: 64)
        scratch = .allocate(capacity: 256)
    }

    deinit {
        buffer.deallocate()
        spans.deallocate()
        scratch.deallocate()
    }

    /// Reads the whole source; `progress` gets the bytes read after each chunk.
    func run(progress: (Int64, Int64) -> Void) throws(TableError) -> Outcome {
        try refill(progress)
        if filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        guard let (headerCount, headerLine) = try nextRecord(progress) else {
            throw TableError(source: source.name, message: "the file is empty: expected a header row naming the columns")
        }
        let header = try headerNames(count: headerCount, line: headerLine)
        let builders = try makeBuilders(header: header, line: headerLine)
        defer {
            builders.deinitialize()
            builders.deallocate()
        }
        if spans.count < header.count + 1 { growSpans(to: header.count + 1) }
        let rows = try readRecords(into: builders, fieldCount: header.count, progress)
        let abandoned = Set(builders.filter(\.isAbandoned).map(\.name))
        if !abandoned.isEmpty { return .readAgain(abandoned) }
        let columns = builders.map { builder in
            // pandas makes every column of a header-only file `object`.
            if rows == 0, options.schema[builder.name] == nil {
                return Column(name: builder.name, kind: .string, values: .categorical(codes: [], levels: []))
            }
            return builder.finish()
        }
        return .table(Table(columns: columns, rowCount: rows))
    }

    /// The hot loop: scans the data records chunk by chunk and hands each selected field to its builder.
    /// Everything it touches per field is a local or an unsafe pointer (no reference counting, no exclusivity checks).
    private func readRecords(
        into builders: UnsafeMutableBufferPointer<ColumnBuilder>, fieldCount expected: Int, _ progress: (Int64, Int64) -> Void
    ) throws(TableError) -> Int {
        var rows = 0
        let dataStart = bufferOffset + Int64(position)
        var reserved = false
        let tokenizer = self.tokenizer
        let spans = self.spans
        while true {
            let base = UnsafePointer(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self))
            let end = filled
            let isFinal = endOfInput
            var position = self.position
            var line = self.line
            scanning: while position < end {
                switch tokenizer.scanRecord(base, from: position, end: end, isFinal: isFinal, spans: spans) {
                case .incomplete:
                    break scanning
                case .unterminatedQuote:
                    throw TableError(source: source.name, line: line, message: "a quoted field is never closed (missing '\"')")
                case .complete(let fieldCount, let next, let lineBreaks):
                    let recordLine = line
                    position = next
                    line += 1 + lineBreaks
                    if fieldCount == 1 && CSVTokenizer.isBlank(base, spans[0]) { continue scanning }
                    guard fieldCount == expected else {
                        throw TableError(
                            source: source.name, line: recordLine,
                            message: "expected \(expected) fields (as in the header), found \(fieldCount)")
                    }
                    for index in builders.indices {
                        try append(spans[builders[index].field], of: base, to: &builders[index], line: recordLine)
                    }
                    rows += 1
                }
            }
            self.position = position
            self.line = line
            if position == end && isFinal { return rows }
            try refill(progress)
            if !reserved && rows > 0 {
                reserved = true
                let consumed = bufferOffset + Int64(self.position) - dataStart
                reserveCapacity(builders, rows: rows, dataBytes: consumed, dataStart: dataStart)
            }
        }
    }

    /// Hands one field's text to its builder.
    @inline(__always)
    private func append(
        _ span: FieldSpan, of base: UnsafePointer<UInt8>, to builder: inout ColumnBuilder, line: Int
    ) throws(TableError) {
        var start = base + span.start
        var count = span.end - span.start
        switch span.quoting {
        case .none:
            break
        case .quoted:
            start += 1
            count -= 2
        case .escaped:
            if scratch.count < count {
                scratch.deallocate()
                scratch = .allocate(capacity: count * 2)
            }
            count = CSVTokenizer.unescape(base, span, into: scratch.baseAddress!)
            start = UnsafePointer(scratch.baseAddress!)
        }
        do {
            try builder.append(start, count: count)
        } catch {
            throw fieldError(error, column: builder.name, line: line, text: start, count: count)
        }
    }

    /// The next non-blank record's field count (its spans in `spans`) and line, or nil at the end of the input.
    private func nextRecord(_ progress: (Int64, Int64) -> Void) throws(TableError) -> (fieldCount: Int, line: Int)? {
        while true {
            if position == filled {
                if endOfInput { return nil }
                try refill(progress)
                continue
            }
            let base = UnsafePointer(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self))
            switch tokenizer.scanRecord(base, from: position, end: filled, isFinal: endOfInput, spans: spans) {
            case .incomplete:
                try refill(progress)
            case .unterminatedQuote:
                throw TableError(source: source.name, line: line, message: "a quoted field is never closed (missing '\"')")
            case .complete(let fieldCount, let next, let lineBreaks):
                if fieldCount > spans.count {
                    // More fields than room for their spans: make room and scan the record again.
                    growSpans(to: fieldCount)
                    continue
                }
                let recordLine = line
                position = next
                line += 1 + lineBreaks
                if fieldCount == 1 && CSVTokenizer.isBlank(base, spans[0]) { continue }
                return (fieldCount, recordLine)
            }
        }
    }

    /// Moves the unread tail to the front (growing the buffer when one record fills it) and reads more.
    private func refill(_ progress: (Int64, Int64) -> Void) throws(TableError) {
        let remaining = filled - position
        if position == 0 && filled == buffer.count && filled > 0 {
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            bigger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: filled)
            buffer.deallocate()
            buffer = bigger
        } else if remaining > 0 {
            buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + position, byteCount: remaining)
        }
        bufferOffset += Int64(position)
        position = 0
        filled = remaining
        let wanted = buffer.count - filled
        let got = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
        filled += got
        if got < wanted { endOfInput = true }
        progress(bufferOffset + Int64(filled), source.totalBytes)
    }

    private func growSpans(to count: Int) {
        spans.deallocate()
        spans = .allocate(capacity: count)
    }

    /// Estimates the row count from the first chunk's average record length and reserves that much.
    private func reserveCapacity(_ builders: UnsafeMutableBufferPointer<ColumnBuilder>, rows: Int, dataBytes: Int64, dataStart: Int64) {
        guard rows > 0, dataBytes > 0, source.totalBytes > dataStart else { return }
        let bytesPerRow = Double(dataBytes) / Double(rows)
        let estimate = Int(Double(source.totalBytes - dataStart) / bytesPerRow * 1.02) + 64
        for index in builders.indices { builders[index].reserve(rows: estimate) }
    }
}

extension CSVParsePass {
    /// The header's names, checked: valid UTF-8, none empty, none repeated.
    private func headerNames(count: Int, line headerLine: Int) throws(TableError) -> [String] {
        let base = UnsafePointer(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self))
        var names: [String] = []
        var seen = Set<String>()
        for index in 0..<count {
            let span = spans[index]
            var bytes: [UInt8]
            switch span.quoting {
            case .none: bytes = Array(UnsafeBufferPointer(start: base + span.start, count: span.end - span.start))
            case .quoted: bytes = Array(UnsafeBufferPointer(start: base + span.start + 1, count: span.end - span.start - 2))
            case .escaped:
                bytes = [UInt8](repeating: 0, count: span.end - span.start)
                let length = bytes.withUnsafeMutableBufferPointer { CSVTokenizer.unescape(base, span, into: $0.baseAddress!) }
                bytes.removeLast(bytes.count - length)
            }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                throw TableError(source: source.name, line: headerLine, message: "header field \(index + 1) is not valid UTF-8")
            }
            guard !name.isEmpty else {
                throw TableError(source: source.name, line: headerLine, message: "header field \(index + 1) is empty: every column needs a name")
            }
            guard seen.insert(name).inserted else {
                throw TableError(source: source.name, line: headerLine, column: name, message: "the header names this column twice")
            }
            names.append(name)
        }
        return names
    }

    /// A builder for each column to read, checking the selection and schema against the header.
    private func makeBuilders(header: [String], line: Int) throws(TableError) -> UnsafeMutableBufferPointer<ColumnBuilder> {
        let known = Set(header)
        if let wanted = options.columns {
            let unknown = wanted.filter { !known.contains($0) }
            if !unknown.isEmpty {
                throw TableError(
                    source: source.name, line: line,
                    message: "selected column(s) not in the header: \(unknown.joined(separator: ", "))")
            }
        }
        let undeclared = options.schema.columns.keys.filter { !known.contains($0) }.sorted()
        if !undeclared.isEmpty {
            throw TableError(
                source: source.name, line: line,
                message: "the schema names column(s) not in the header: \(undeclared.joined(separator: ", "))")
        }
        let wanted = options.columns.map(Set.init)
        var selected: [ColumnBuilder] = []
        for (field, name) in header.enumerated() where wanted?.contains(name) ?? true {
            let mode: ColumnBuilder.Mode =
                if let kind = options.schema[name] { .declared(kind) }
                else if textColumns.contains(name) { .declared(.string) }
                else { .infer }
            selected.append(ColumnBuilder(name: name, field: field, mode: mode))
        }
        let builders = UnsafeMutableBufferPointer<ColumnBuilder>.allocate(capacity: selected.count)
        _ = builders.initialize(from: selected)
        return builders
    }

    /// The error for a field its column rejected.
    private func fieldError(
        _ rejection: FieldRejection, column: String, line: Int, text: UnsafePointer<UInt8>, count: Int
    ) -> TableError {
        switch rejection {
        case .invalidUTF8:
            return TableError(source: source.name, line: line, column: column, message: "the text is not valid UTF-8")
        case .notOfDeclaredKind(let kind):
            let shown = String(decoding: UnsafeBufferPointer(start: text, count: min(count, 60)), as: UTF8.self)
            let article = kind == .integer ? "an" : "a"
            return TableError(
                source: source.name, line: line, column: column,
                message: "'\(shown)' is not \(article) \(kind.rawValue), as the schema declares")
        }
    }
}
