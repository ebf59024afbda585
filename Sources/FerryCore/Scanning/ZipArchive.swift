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
        // Recorded sizes and offsets come from the file: bound them so that the arithmetic cannot overflow.
        guard end.directorySize < 1 << 60, end.directoryOffset < 1 << 60 else { throw ZipFormatError("central directory outside the file") }
        var concatenated = end.offset - end.directorySize - end.directoryOffset
        if end.isZip64 { concatenated -= ZipEndRecord.zip64RecordsSize }
        let directoryStart = end.directoryOffset + concatenated
        guard directoryStart >= 0, directoryStart <= bytes.count else { throw ZipFormatError("central directory outside the file") }
        // Like zipfile, read the directory's declared size but accept that the file may end sooner.
        let directory = bytes.slice(directoryStart..<min(bytes.count, directoryStart + min(end.directorySize, bytes.count)))
        var entries: [ZipEntry] = []
        var position = 0
        while position < end.directorySize {
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

    /// The range of `entry`'s stored (possibly compressed) data, cut short where the file ends (as
    /// `zipfile` reads whatever is there); ``MemberData/isTruncated`` then says so.
    /// - Throws: ``ZipFormatError`` when the local header is missing.
    func data(of entry: ZipEntry) throws(ZipFormatError) -> MemberData {
        let header = entry.localHeaderOffset
        guard header >= 0, bytes.hasBytes(ZipEntry.localHeaderSignature, at: header),
            let nameLength = bytes.littleEndianInteger(at: header + 26, byteCount: 2),
            let extraLength = bytes.littleEndianInteger(at: header + 28, byteCount: 2)
        else { throw ZipFormatError("bad local header") }
        let start = min(header + 30 + Int(nameLength) + Int(extraLength), bytes.count)
        let available = bytes.count - start
        return MemberData(range: start..<(start + min(entry.compressedSize, available)), isTruncated: entry.compressedSize > available)
    }

    /// Where a member's stored data lies in the archive's buffer.
    struct MemberData: Equatable {
        /// The stored bytes that are present.
        let range: Range<Int>
        /// Whether the file ends before the size the directory records.
        let isTruncated: Bool
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
