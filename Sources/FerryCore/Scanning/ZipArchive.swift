/// The table of contents of a ZIP archive held in memory, read from its central directory.
///
/// Reads the way Python's `zipfile` does, since that is what loads `.npz` files and what picklescan
/// uses: the end-of-central-directory record is looked for at the very end, then anywhere in the last
/// 64 KiB, ZIP64 records are honoured, and bytes prepended to the archive are allowed for (member
/// offsets are shifted by the length of the prefix, which ``leadingByteCount`` reports).
struct ZipArchive {
    /// The archive's bytes; they must outlive the value.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The members, in central-directory order (duplicates included).
    let entries: [ZipEntry]
    /// How many bytes come before the first member or the central directory; nonzero when other data
    /// (a pickle, for instance) was prepended to the archive.
    let leadingByteCount: Int

    /// Reads the central directory of `bytes`.
    /// - Throws: ``ZipFormatError`` when there is no end record or the directory is malformed.
    init(_ bytes: UnsafeBufferPointer<UInt8>) throws(ZipFormatError) {
        self.bytes = bytes
        guard let end = ZipEndRecord.locate(in: bytes) else { throw ZipFormatError("no end of central directory record") }
        var concatenated = end.offset - end.directorySize - end.directoryOffset
        if end.isZip64 { concatenated -= ZipEndRecord.zip64RecordsSize }
        let directoryStart = end.directoryOffset + concatenated
        guard directoryStart >= 0, end.directorySize >= 0, directoryStart <= bytes.count - end.directorySize else {
            throw ZipFormatError("central directory outside the file")
        }
        let directory = bytes.slice(directoryStart..<(directoryStart + end.directorySize))
        var entries: [ZipEntry] = []
        var position = 0
        while position < directory.count {
            let entry = try ZipEntry(centralDirectory: directory, at: &position, shift: concatenated)
            entries.append(entry)
        }
        self.entries = entries
        leadingByteCount = max(0, entries.map(\.localHeaderOffset).min().map { min($0, directoryStart) } ?? directoryStart)
    }

    /// Whether `bytes` hold an end-of-central-directory record where `zipfile.is_zipfile` finds one.
    static func hasEndRecord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ZipEndRecord.locate(in: bytes) != nil
    }

    /// The range of `entry`'s stored (possibly compressed) data.
    /// - Throws: ``ZipFormatError`` when the local header is missing or the data runs past the end.
    func dataRange(of entry: ZipEntry) throws(ZipFormatError) -> Range<Int> {
        let header = entry.localHeaderOffset
        guard header >= 0, bytes.hasBytes(ZipEntry.localHeaderSignature, at: header),
            let nameLength = bytes.littleEndianInteger(at: header + 26, byteCount: 2),
            let extraLength = bytes.littleEndianInteger(at: header + 28, byteCount: 2)
        else { throw ZipFormatError("bad local header") }
        let start = header + 30 + Int(nameLength) + Int(extraLength)
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else { throw ZipFormatError("member data truncated") }
        return start..<(start + entry.compressedSize)
    }
}

/// Why a ZIP archive could not be read.
struct ZipFormatError: Error, Equatable, CustomStringConvertible {
    /// What was wrong.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
