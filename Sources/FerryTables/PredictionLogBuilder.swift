/// Accumulates prediction-log files one at a time into one table (what ``PredictionLogReader/read(_:)`` does
/// for a list), so a caller streaming objects from a blob store holds one object's bytes at a time.
public struct PredictionLogBuilder: Sendable {
    private let reader: PredictionLogReader
    private let fromBytes: [UInt8]?
    private let toBytes: [UInt8]?
    private let modelBytes: [UInt8]?
    private let versionBytes: [UInt8]?
    private var layout: TensorColumnLayout?
    private var columns: [LogColumn] = []
    private var records = PredictionLogRecords()
    private var versionNames = ByteInterner()
    private var versionCounts: [Int] = []
    private var skipped = 0
    private var firstSkipped: TableError?
    private var stage = RecordStage()
    private var matched: [Int] = []
    private var scratch: [UInt8] = []
    private var timestampText: [UInt8] = []
    private var versionText: [UInt8] = []

    /// Starts an empty log read with `reader`'s settings.
    public init(reader: PredictionLogReader) {
        self.reader = reader
        fromBytes = reader.from.map { Array($0.utf8) }
        toBytes = reader.to.map { Array($0.utf8) }
        modelBytes = reader.model.map { Array($0.utf8) }
        versionBytes = reader.version.map { Array($0.utf8) }
    }

    /// Adds one file's records; `source` names it in errors.
    public mutating func add(_ bytes: [UInt8], source: String) throws(TableError) {
        var lineStart = 0
        var lineNumber = 0
        while lineStart < bytes.count {
            lineNumber += 1
            let start = lineStart
            let outcome: (next: Int, failure: BadLine?) = bytes.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress!
                var end = start
                while end < buffer.count && base[end] != 0x0A { end += 1 }
                let next = end + 1
                if end > start && base[end - 1] == 0x0D { end -= 1 }
                do throws(BadLine) {
                    try addLine(JSONLineScanner(base: base, start: start, end: end), source: source)
                    return (next, nil)
                } catch {
                    return (next, error)
                }
            }
            if let layoutError = pendingLayoutError {
                pendingLayoutError = nil
                throw layoutError
            }
            if let failure = outcome.failure {
                let error = TableError(source: source, line: lineNumber, message: failure.message)
                guard reader.skipInvalid else { throw error }
                skipped += 1
                if firstSkipped == nil { firstSkipped = error }
            }
            lineStart = outcome.next
        }
    }

    /// The table and records so far.
    public func finish() -> PredictionLog {
        let rowCount = records.last?.rows.upperBound ?? 0
        var counts: [String: Int] = [:]
        for (code, count) in versionCounts.enumerated() { counts[versionNames.levels[code]] = count }
        return PredictionLog(
            table: Table(columns: columns.map { $0.finish() }, rowCount: rowCount), records: records,
            recordCountsByVersion: counts, skippedLineCount: skipped, firstSkippedError: firstSkipped)
    }

    /// A configuration error found while laying out columns (not a bad line, so never skipped).
    private var pendingLayoutError: TableError?

    /// Parses, filters, checks and adds one line.
    private mutating func addLine(_ lineScanner: JSONLineScanner, source: String) throws(BadLine) {
        var scanner = lineScanner
        if scanner.peek() == 0 { return }
        stage.reset()
        guard try parseRecord(&scanner) else { return }
        guard let first = stage.tensors.first else {
            try commit(rows: 0, scanner, source: source)
            return
        }
        for tensor in stage.tensors where tensor.rows != first.rows {
            throw BadLine(
                "tensors disagree on the number of rows: '\(scanner.describe(first.name))' has \(first.rows), "
                    + "'\(scanner.describe(tensor.name))' has \(tensor.rows)")
        }
        try commit(rows: first.rows, scanner, source: source)
    }

    /// Parses the record into `stage`; false when a filter leaves it out.
    private mutating func parseRecord(_ scanner: inout JSONLineScanner) throws(BadLine) -> Bool {
        try scanner.expect(UInt8(ascii: "{"), "'{' (each line is one JSON object)")
        var passesVersion = true
        var empty = scanner.consume(UInt8(ascii: "}"))
        while !empty {
            guard scanner.peek() == UInt8(ascii: "\"") else { throw scanner.unexpected("a key (a string)") }
            let key = try scanner.string()
            try scanner.expect(UInt8(ascii: ":"), "':'")
            if scanner.equals(key, "timestamp") {
                guard scanner.peek() == UInt8(ascii: "\"") else { throw BadLine("'timestamp' is not a string") }
                stage.timestamp = try scanner.string()
                if !passesTime(stage.timestamp!, scanner) { return false }
            } else if scanner.equals(key, "model"), scanner.peek() == UInt8(ascii: "\"") {
                stage.model = try scanner.string()
                if let modelBytes, !equal(stage.model!, modelBytes, scanner) { return false }
            } else if scanner.equals(key, "version"), scanner.peek() == UInt8(ascii: "\"") {
                stage.version = try scanner.string()
                if let versionBytes { passesVersion = equal(stage.version!, versionBytes, scanner) }
            } else if passesVersion && scanner.equals(key, "inputs") {
                try stage.parseTensors(&scanner, isOutput: false)
            } else if passesVersion && scanner.equals(key, "outputs") {
                try stage.parseTensors(&scanner, isOutput: true)
            } else {
                try scanner.skipValue()
            }
            if scanner.consume(UInt8(ascii: ",")) { continue }
            try scanner.expect(UInt8(ascii: "}"), "',' or '}'")
            empty = true
        }
        scanner.skipWhitespace()
        guard scanner.isAtEnd else { throw scanner.unexpected("the end of the line after the record") }
        guard let timestamp = stage.timestamp else { throw BadLine("the record has no 'timestamp'") }
        if !passesTime(timestamp, scanner) { return false }
        if let modelBytes {
            guard let model = stage.model, equal(model, modelBytes, scanner) else { return false }
        }
        try countVersion(scanner)
        if versionBytes != nil {
            guard let version = stage.version, equal(version, versionBytes!, scanner) else { return false }
        }
        return true
    }

    /// Lays out columns on the first record, checks the record against the layout, then appends its rows.
    private mutating func commit(rows: Int, _ scanner: JSONLineScanner, source: String) throws(BadLine) {
        if layout == nil {
            do {
                let created = try TensorColumnLayout(stage: stage, scanner: scanner, columnNames: reader.columnNames, source: source)
                layout = created
                columns = zip(created.columnNames, created.categories).map { LogColumn(name: $0, category: $1) }
            } catch {
                pendingLayoutError = error
                return
            }
        }
        try layout!.match(stage, scanner, into: &matched)
        guard let timestamp = stage.timestamp else { return }
        // Nothing is appended until the timestamp and version have checked out, so a bad line leaves no trace.
        try Self.text(of: timestamp, scanner, into: &timestampText, what: "timestamp")
        try Self.text(of: stage.version, scanner, into: &versionText, what: "version")
        for (staged, index) in zip(stage.tensors, matched) {
            let tensor = layout!.tensors[index]
            for offset in 0..<tensor.width {
                columns[tensor.firstColumn + offset].append(staged, column: offset, rows: rows, from: stage)
            }
        }
        records.append(timestamp: timestampText, version: versionText, rowCount: rows)
    }

    /// Counts the record's version among those that passed the time and model filters.
    private mutating func countVersion(_ scanner: JSONLineScanner) throws(BadLine) {
        try Self.text(of: stage.version, scanner, into: &versionText, what: "version")
        let code = versionText.withUnsafeBufferPointer { bytes in
            withUnsafePointer(to: UInt8(0)) { empty in versionNames.code(of: bytes.baseAddress ?? empty, count: bytes.count) }
        }
        guard let code else { throw BadLine("'version' is not valid UTF-8") }
        if Int(code) == versionCounts.count { versionCounts.append(0) }
        versionCounts[Int(code)] += 1
    }

    private mutating func passesTime(_ range: JSONLineScanner.StringRange, _ scanner: JSONLineScanner) -> Bool {
        if fromBytes == nil && toBytes == nil { return true }
        scratch.removeAll(keepingCapacity: true)
        if (try? scanner.unescape(range, into: &scratch)) == nil { return false }
        if let fromBytes, scratch.lexicographicallyPrecedes(fromBytes) { return false }
        if let toBytes, !scratch.lexicographicallyPrecedes(toBytes) { return false }
        return true
    }

    private func equal(_ range: JSONLineScanner.StringRange, _ expected: [UInt8], _ scanner: JSONLineScanner) -> Bool {
        if !range.hasEscapes {
            return range.count == expected.count && expected.withUnsafeBufferPointer { memcmpBytes($0.baseAddress!, scanner.base + range.start, range.count) }
        }
        var bytes: [UInt8] = []
        return (try? scanner.unescape(range, into: &bytes)) != nil && bytes == expected
    }

    /// Puts a string's unescaped bytes in `output` (nothing for nil), checked as UTF-8.
    private static func text(
        of range: JSONLineScanner.StringRange?, _ scanner: JSONLineScanner, into output: inout [UInt8], what: String
    ) throws(BadLine) {
        output.removeAll(keepingCapacity: true)
        guard let range else { return }
        try scanner.unescape(range, into: &output)
        guard output.allSatisfy({ $0 < 0x80 }) || String(validating: output, as: UTF8.self) != nil else {
            throw BadLine("'\(what)' is not valid UTF-8")
        }
    }
}

/// One table column filled from prediction-log tensors.
struct LogColumn: Sendable {
    let name: String
    let category: TensorCategory
    private var doubles: [Double] = []
    private var codes: [Int32] = []
    private var interner = ByteInterner()
    private var sawNull = false

    init(name: String, category: TensorCategory) {
        self.name = name
        self.category = category
    }

    /// Appends column `column` of each of the tensor's `rows` rows.
    mutating func append(_ tensor: StagedTensor, column: Int, rows: Int, from stage: RecordStage) {
        if tensor.sawNull { sawNull = true }
        let width = tensor.width
        switch category {
        case .float, .integer:
            for row in 0..<rows { doubles.append(stage.numbers[tensor.valueStart + row * width + column]) }
        case .boolean:
            for row in 0..<rows { codes.append(stage.flags[tensor.valueStart + row * width + column]) }
        case .bytes:
            Self.withBytes(stage.stringBytes) { base in
                for row in 0..<rows {
                    let value = tensor.valueStart + row * width + column
                    let start = stage.stringStarts[value]
                    // Checked as UTF-8 when staged, so interning cannot fail.
                    codes.append(start < 0 ? -1 : interner.code(of: base + start, count: stage.stringEnds[value] - start) ?? -1)
                }
            }
        }
    }

    /// Calls `body` with the bytes' base address (a valid pointer even when there are none).
    private static func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafePointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { return body(base) }
            return withUnsafePointer(to: UInt8(0)) { body($0) }
        }
    }

    func finish() -> Column {
        switch category {
        case .float: Column(name: name, kind: .float, values: .numeric(doubles))
        case .integer: Column(name: name, kind: sawNull ? .float : .integer, values: .numeric(doubles))
        case .boolean: Column(name: name, kind: .boolean, values: .categorical(codes: codes, levels: ["False", "True"]))
        case .bytes: Column(name: name, kind: .string, values: .categorical(codes: codes, levels: interner.levels))
        }
    }
}
