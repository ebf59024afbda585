/// The header of a NumPy `.npy` file, read far enough to tell whether the array holds Python objects.
///
/// An object array's data is a pickle that `numpy.load(allow_pickle=True)` unpickles; every other
/// array is raw numbers. The header is a Python dict literal whose `descr` gives the dtype: the array
/// holds objects when a type string in it has kind `O` (`'|O'`, or `'|O'` as the type of a field).
/// The test looks at every quoted string in the header, so a field named `O` also counts; that only
/// costs a scan of data that is not a pickle.
struct NumpyArrayHeader: Equatable {
    /// Where the array data starts.
    let dataOffset: Int
    /// Whether the dtype includes Python objects.
    let holdsObjects: Bool

    /// The magic string that starts every `.npy` file.
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// Reads the header at the start of `bytes`.
    /// - Throws: ``NumpyHeaderError`` when the magic, the version or the header is wrong.
    init(_ bytes: UnsafeBufferPointer<UInt8>) throws(NumpyHeaderError) {
        guard bytes.hasBytes(Self.magic), bytes.count >= 8 else { throw NumpyHeaderError("not a NumPy file") }
        let lengthStart = 8
        let lengthWidth: Int
        switch bytes[6] {
        case 1: lengthWidth = 2
        case 2, 3: lengthWidth = 4
        default: throw NumpyHeaderError("unsupported format version \(bytes[6]).\(bytes[7])")
        }
        guard let headerLength = bytes.littleEndianInteger(at: lengthStart, byteCount: lengthWidth),
            headerLength <= UInt64(bytes.count - lengthStart - lengthWidth)
        else { throw NumpyHeaderError("truncated header") }
        let headerStart = lengthStart + lengthWidth
        dataOffset = headerStart + Int(headerLength)
        let header = String(decoding: bytes.slice(headerStart..<dataOffset), as: UTF8.self)
        guard header.contains("'descr'") || header.contains("\"descr\"") else { throw NumpyHeaderError("header has no descr") }
        holdsObjects = Self.quotedStrings(in: header).contains(where: Self.isObjectTypeString)
    }

    /// The contents of every single- or double-quoted string in `text`.
    private static func quotedStrings(in text: String) -> [Substring] {
        var strings: [Substring] = []
        var index = text.startIndex
        while let open = text[index...].firstIndex(where: { $0 == "'" || $0 == "\"" }) {
            let contentStart = text.index(after: open)
            guard let close = text[contentStart...].firstIndex(of: text[open]) else { break }
            strings.append(text[contentStart..<close])
            index = text.index(after: close)
        }
        return strings
    }

    /// A dtype string of kind `O`, with an optional byte-order mark and size: `O`, `|O`, `<O8`.
    private static func isObjectTypeString(_ text: Substring) -> Bool {
        var rest = text
        if let first = rest.first, "<>|=".contains(first) { rest = rest.dropFirst() }
        guard rest.first == "O" else { return false }
        return rest.dropFirst().allSatisfy(\.isNumber)
    }
}

/// Why a NumPy header could not be read.
struct NumpyHeaderError: Error, Equatable, CustomStringConvertible {
    /// What was wrong.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
