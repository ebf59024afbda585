/// One member of a ZIP archive, as its central-directory entry describes it.
struct ZipEntry: Equatable {
    /// The member's path in the archive.
    let name: String
    /// The compression method: 0 stored, 8 deflated; others are not supported.
    let method: Int
    /// The general-purpose flags; bit 0 marks an encrypted member.
    let flags: Int
    /// The size of the stored data.
    let compressedSize: Int
    /// The size once decompressed.
    let uncompressedSize: Int
    /// Where the member's local header starts in the archive's buffer (prefix shift applied).
    let localHeaderOffset: Int

    /// Whether the member is encrypted.
    var isEncrypted: Bool { flags & 1 != 0 }

    static let localHeaderSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    private static let centralSignature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
    private static let fixedSize = 46
    private static let zip64ExtraID = 0x0001
    private static let saturated32: UInt64 = 0xFFFF_FFFF

    /// Reads the entry at `position` in `directory` and moves `position` past its recorded length;
    /// `shift` is added to the recorded local-header offset.
    /// - Throws: ``ZipFormatError`` for a truncated entry, a bad signature or a bad ZIP64 field.
    init(centralDirectory directory: UnsafeBufferPointer<UInt8>, at position: inout Int, shift: Int) throws(ZipFormatError) {
        let start = position
        guard start + Self.fixedSize <= directory.count else { throw ZipFormatError("truncated central directory") }
        guard directory.hasBytes(Self.centralSignature, at: start) else { throw ZipFormatError("bad central directory entry at \(start)") }
        func field(_ offset: Int, _ width: Int) -> UInt64 { directory.littleEndianInteger(at: start + offset, byteCount: width) ?? 0 }
        let nameLength = Int(field(28, 2))
        let extraLength = Int(field(30, 2))
        let commentLength = Int(field(32, 2))
        // Variable-length fields are cut where the directory ends, as zipfile's reads of them are.
        func clamped(_ offset: Int) -> Int { min(offset, directory.count) }
        let nameStart = start + Self.fixedSize
        let extraStart = clamped(nameStart + nameLength)
        let extraEnd = clamped(nameStart + nameLength + extraLength)
        let end = nameStart + nameLength + extraLength + commentLength
        var uncompressed = field(24, 4)
        var compressed = field(20, 4)
        var headerOffset = field(42, 4)
        try Self.applyZip64Extra(directory.slice(extraStart..<extraEnd), &uncompressed, &compressed, &headerOffset)
        guard let compressedSize = Int(exactly: compressed), let uncompressedSize = Int(exactly: uncompressed),
            let recordedOffset = Int(exactly: headerOffset), case (let shifted, false) = recordedOffset.addingReportingOverflow(shift)
        else { throw ZipFormatError("member sizes out of range") }
        name = String(decoding: directory.slice(nameStart..<extraStart), as: UTF8.self)
        method = Int(field(10, 2))
        flags = Int(field(8, 2))
        self.compressedSize = compressedSize
        self.uncompressedSize = uncompressedSize
        localHeaderOffset = shifted
        position = end
    }

    /// Replaces saturated 32-bit values with those of a ZIP64 extra field, in the order the format lists them.
    private static func applyZip64Extra(
        _ extra: UnsafeBufferPointer<UInt8>, _ uncompressed: inout UInt64, _ compressed: inout UInt64, _ headerOffset: inout UInt64
    ) throws(ZipFormatError) {
        var position = 0
        while position + 4 <= extra.count {
            let id = Int(extra.littleEndianInteger(at: position, byteCount: 2) ?? 0)
            let length = Int(extra.littleEndianInteger(at: position + 2, byteCount: 2) ?? 0)
            let body = position + 4
            guard body + length <= extra.count else { throw ZipFormatError("truncated extra field") }
            if id == zip64ExtraID {
                var cursor = ByteCursor(extra.slice(body..<(body + length)))
                for value in [0, 1, 2] {
                    let needed = value == 0 ? uncompressed == saturated32 : value == 1 ? compressed == saturated32 : headerOffset == saturated32
                    guard needed else { continue }
                    guard let wide = cursor.readLittleEndian(byteCount: 8) else { throw ZipFormatError("corrupt ZIP64 extra field") }
                    switch value {
                    case 0: uncompressed = wide
                    case 1: compressed = wide
                    default: headerOffset = wide
                    }
                }
            }
            position = body + length
        }
    }
}
