/// Prediction-log records turned into a table: one row per tensor row, and what each record contributed.
public struct PredictionLog: Sendable {
    /// Input columns first (tensors sorted by name), then output columns.
    public let table: Table
    /// The records that made the table, in reading order.
    public let records: PredictionLogRecords
    /// Records per model version among the lines that passed the time and model filters (the version filter
    /// and tensor checks aside), so a caller can pick the busiest version.
    public let recordCountsByVersion: [String: Int]
    /// Lines skipped as invalid (only with `skipInvalid`).
    public let skippedLineCount: Int
    /// The first skipped line's error, to show the user what was wrong.
    public let firstSkippedError: TableError?

    /// The version with the most records, ties to the greatest version string; nil when there are none.
    public var busiestVersion: String? {
        recordCountsByVersion.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key
    }
}

/// The records of a ``PredictionLog``, stored compactly (no string per record until one is asked for).
public struct PredictionLogRecords: RandomAccessCollection, Sendable {
    /// One record: when it was logged, which version answered, and which table rows it became.
    public struct Record: Sendable, Equatable {
        /// The record's `timestamp`, as written (ISO 8601, UTC).
        public let timestamp: String
        /// The record's `version` (empty when it had none).
        public let version: String
        /// Its rows in the table.
        public let rows: Range<Int>

        /// Makes a record description.
        public init(timestamp: String, version: String, rows: Range<Int>) {
            self.timestamp = timestamp
            self.version = version
            self.rows = rows
        }
    }

    private var timestampBytes: [UInt8] = []
    private var timestampEnds: [Int] = []
    private var versionCodes: [Int32] = []
    private var versions = ByteInterner()
    private var rowStarts: [Int] = [0]

    /// The first record's index (0).
    public var startIndex: Int { 0 }
    /// One past the last record's index (the number of records).
    public var endIndex: Int { timestampEnds.count }

    /// The record at `position`.
    public subscript(position: Int) -> Record {
        let start = position == 0 ? 0 : timestampEnds[position - 1]
        let timestamp = timestampBytes.withUnsafeBufferPointer { bytes in
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<timestampEnds[position]]), as: UTF8.self)
        }
        let version = versions.levels[Int(versionCodes[position])]
        return Record(timestamp: timestamp, version: version, rows: rowStarts[position]..<rowStarts[position + 1])
    }

    /// Adds a record whose timestamp and version bytes are valid UTF-8.
    mutating func append(timestamp: [UInt8], version: [UInt8], rowCount: Int) {
        timestampBytes.append(contentsOf: timestamp)
        timestampEnds.append(timestampBytes.count)
        let code = version.withUnsafeBufferPointer { bytes in
            withUnsafePointer(to: UInt8(0)) { empty in versions.code(of: bytes.baseAddress ?? empty, count: bytes.count) }
        }
        versionCodes.append(code ?? 0)
        rowStarts.append(rowStarts[rowStarts.count - 1] + rowCount)
    }
}
