/// Reads a CSV file into a ``Table``, streaming it in chunks and typing columns as pandas' `read_csv` does.
///
/// - The header row names the columns; fields follow RFC 4180 (quotes, `""` escapes, quoted delimiters and
///   line breaks), lines end in LF, CRLF or CR, the last line break is optional and a UTF-8 byte-order mark is
///   skipped. Blank lines (empty or only spaces and tabs) are skipped, as pandas skips them.
/// - Missing values are pandas' defaults: the empty field and `#N/A`, `#N/A N/A`, `#NA`, `-1.#IND`, `-1.#QNAN`,
///   `-NaN`, `-nan`, `1.#IND`, `1.#QNAN`, `<NA>`, `N/A`, `NA`, `NULL`, `NaN`, `None`, `n/a`, `nan`, `null`.
/// - Kinds follow pandas' dtypes (see ``ColumnKind``): integers with none missing are `.integer`; a missing value,
///   a decimal or an infinity makes `.float`; `true`/`false` (in any letter case) with none missing are
///   `.boolean`; anything else is `.string`, with the original text of every field (a column that turns to text
///   midway is read again so that `1.50` stays `1.50`). A column of only missing values is `.float`, all NaN.
///   A boolean column with missing values is `.string` with levels `"True"`/`"False"` (pandas' `object`).
/// - A ``TableSchema`` overrides inference for the columns it names; `columns` restricts the read to some columns
///   (kept in header order).
///
/// Errors are ``TableError``s naming the source, line and column: ragged lines, an unterminated quote, an empty
/// file, duplicate or empty header names, invalid UTF-8 in a text field, a value not of its declared kind, or an
/// unreadable file. A header-only file is a table with no rows (its inferred columns are `.string`, as pandas
/// makes them `object`).
public struct CSVReader: Sendable {
    /// Called with how many bytes have been read of how many, a few times a second at most and once at the end.
    /// When a column turns to text midway the file is read twice, and `totalBytes` doubles to say so.
    public typealias Progress = @Sendable (_ bytesRead: Int64, _ totalBytes: Int64) -> Void

    /// The field separator: one ASCII character other than a quote or a line break.
    public var delimiter: Character
    /// Declared kinds, overriding inference for the columns they name.
    public var schema: TableSchema
    /// The only columns to read, or nil for all of them. Each must be in the header.
    public var columns: [String]?
    /// How many bytes to read at a time.
    public var chunkSize: Int
    /// Reports progress, if set.
    public var progress: Progress?

    /// Makes a reader.
    public init(
        delimiter: Character = ",", schema: TableSchema = TableSchema(), columns: [String]? = nil,
        chunkSize: Int = 4 << 20, progress: Progress? = nil
    ) {
        self.delimiter = delimiter
        self.schema = schema
        self.columns = columns
        self.chunkSize = chunkSize
        self.progress = progress
    }

    /// Reads the CSV file at `path`.
    public func read(path: String) throws(TableError) -> Table {
        try read(from: FileByteSource(path: path))
    }

    /// Reads CSV bytes already in memory; `source` names them in errors (a URI, say).
    public func read(bytes: [UInt8], source: String) throws(TableError) -> Table {
        try read(from: MemoryByteSource(bytes: bytes, name: source))
    }

    /// Reads until every column's kind holds, re-reading once with the columns that turned to text declared so.
    private func read(from source: any ByteSource) throws(TableError) -> Table {
        let options = try CSVReadOptions(reader: self, source: source.name)
        var textColumns = Set<String>()
        var pass = 0
        let throttle = ProgressThrottle(progress: progress)
        while true {
            let parse = CSVParsePass(source: source, options: options, textColumns: textColumns)
            let outcome = try parse.run { bytesRead, totalBytes in
                throttle.report(Int64(pass) * totalBytes + bytesRead, Int64(pass + 1) * totalBytes, force: false)
            }
            switch outcome {
            case .table(let table):
                let total = Int64(pass + 1) * source.totalBytes
                throttle.report(total, total, force: true)
                return table
            case .readAgain(let abandoned):
                precondition(textColumns.isDisjoint(with: abandoned), "a column read as text cannot turn to text")
                textColumns.formUnion(abandoned)
                try source.rewind()
                pass += 1
            }
        }
    }
}

/// A reader's settings, checked once per read.
struct CSVReadOptions {
    let delimiter: UInt8
    let schema: TableSchema
    let columns: [String]?
    let chunkSize: Int

    init(reader: CSVReader, source: String) throws(TableError) {
        guard let ascii = reader.delimiter.asciiValue, ascii != UInt8(ascii: "\""), ascii != UInt8(ascii: "\n"),
              ascii != UInt8(ascii: "\r")
        else {
            throw TableError(source: source, message: "the delimiter must be one ASCII character other than a quote or line break")
        }
        delimiter = ascii
        schema = reader.schema
        columns = reader.columns
        chunkSize = max(reader.chunkSize, 64)
    }
}

/// Passes progress on at most five times a second (and always when forced).
final class ProgressThrottle {
    private let progress: CSVReader.Progress?
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant?

    init(progress: CSVReader.Progress?) { self.progress = progress }

    func report(_ bytesRead: Int64, _ totalBytes: Int64, force: Bool) {
        guard let progress else { return }
        let now = clock.now
        if !force, let last, last.duration(to: now) < .milliseconds(200) { return }
        last = now
        progress(bytesRead, totalBytes)
    }
}
