import FerryCore

/// Reads the JSON-lines prediction log that `ferry serve` writes into one ``Table``, one row per tensor row.
///
/// Each line is one request:
/// `{"timestamp":"2026-12-01T10:00:00.123Z","model":"m","version":"1","protocol":"v2","request_id":"…",
/// "inputs":{"x":{"datatype":"FP32","shape":[N,F],"data":[…]}},"outputs":{…}}`, with `data` flattened in row-major
/// order (nested arrays are flattened too) and non-finite numbers written as `null`.
///
/// - Columns: a tensor of shape `[N]` or `[N,1]` is the column `"<tensor>"`; `[N,F]` (or more dimensions, F their
///   product) is `"<tensor>[0]"` … `"<tensor>[F-1]"`, unless ``columnNames`` names them. Input tensors come first,
///   sorted by name, then outputs; an output column whose name an input column has is prefixed `output.`.
/// - Kinds: FP16/FP32/FP64/BF16 → `.float`; INT8…INT64 and UINT8…UINT64 → `.integer` (`.float` once a `null`
///   occurs); BOOL → `.boolean` (`null` is code -1); BYTES → `.string`. Numbers are read as doubles (an FP32 `0.1`
///   is the double 0.1, as Python's `json` reads it).
/// - Filters: records whose timestamp is outside [``from``, ``to``) (compared as strings, so a date prefix such as
///   `"2026-12-02"` works) or whose model or version differ from ``model`` or ``version`` are left out.
/// - Errors: a line that is not JSON, has no timestamp, whose data length does not match its shape, or whose
///   tensors differ from earlier records' (set, width or kind) is a ``TableError`` naming the source and line; with
///   ``skipInvalid`` such lines are counted and skipped instead.
public struct PredictionLogReader: Sendable {
    /// Column names for wide tensors: tensor name → one name per column.
    public var columnNames: [String: [String]]
    /// The earliest timestamp to keep (inclusive), or nil.
    public var from: String?
    /// The timestamp to stop before (exclusive), or nil.
    public var to: String?
    /// Only records of this model, or nil for all.
    public var model: String?
    /// Only records of this version, or nil for all.
    public var version: String?
    /// Whether to count and skip invalid lines rather than fail on the first.
    public var skipInvalid: Bool

    /// Makes a reader.
    public init(
        columnNames: [String: [String]] = [:], from: String? = nil, to: String? = nil, model: String? = nil,
        version: String? = nil, skipInvalid: Bool = false
    ) {
        self.columnNames = columnNames
        self.from = from
        self.to = to
        self.model = model
        self.version = version
        self.skipInvalid = skipInvalid
    }

    /// Reads these files, in order, into one table.
    public func read(_ files: [PredictionLogFile]) throws(TableError) -> PredictionLog {
        var builder = PredictionLogBuilder(reader: self)
        for file in files { try builder.add(file.bytes, source: file.name) }
        return builder.finish()
    }

    /// Reads one file's bytes; `source` names it in errors.
    public func read(bytes: [UInt8], source: String) throws(TableError) -> PredictionLog {
        try read([PredictionLogFile(name: source, bytes: bytes)])
    }

    /// The log's timestamp text for a time: `yyyy-MM-ddTHH:mm:ss.SSSZ` in UTC (for ``from`` and ``to``).
    public static func timestamp(millisecondsSince1970 milliseconds: Int64) -> String {
        CivilTime(millisecondsSince1970: milliseconds).iso8601
    }
}

/// One prediction-log object's bytes and its name for errors.
public struct PredictionLogFile: Sendable {
    /// The path or object URI.
    public var name: String
    /// The whole file.
    public var bytes: [UInt8]

    /// Wraps bytes already read.
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// Reads a file from disk.
    public init(contentsOf path: String) throws(TableError) {
        let file = try FileByteSource(path: path)
        var bytes = [UInt8](repeating: 0, count: Int(file.totalBytes))
        let count = bytes.withUnsafeMutableBytes { buffer in Result { () throws(TableError) in try file.read(into: buffer) } }
        bytes.removeLast(bytes.count - (try count.get()))
        self.init(name: path, bytes: bytes)
    }
}
