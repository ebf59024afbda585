/// The end-of-central-directory record of a ZIP archive, with its ZIP64 counterpart applied.
struct ZipEndRecord: Equatable {
    /// Where the (classic) record starts.
    let offset: Int
    /// The size of the central directory.
    let directorySize: Int
    /// The offset of the central directory, as recorded (before any prefix shift).
    let directoryOffset: Int
    /// Whether ZIP64 records supplied the values.
    let isZip64: Bool

    /// The size of the ZIP64 end record plus its locator, which sit between the directory and the record.
    static let zip64RecordsSize = 56 + 20

    private static let signature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    private static let zip64LocatorSignature: [UInt8] = [0x50, 0x4B, 0x06, 0x07]
    private static let zip64RecordSignature: [UInt8] = [0x50, 0x4B, 0x06, 0x06]
    private static let size = 22
    private static let searchWindow = 1 << 16

    /// Finds the record as `zipfile._EndRecData` does: at the very end for an archive without a comment,
    /// otherwise the last signature in the final 64 KiB plus 22 bytes, which
    /// must leave room for a whole record.
    static func locate(in bytes: UnsafeBufferPointer<UInt8>) -> ZipEndRecord? {
        guard bytes.count >= size else { return nil }
        let atEnd = bytes.count - size
        if bytes.hasBytes(signature, at: atEnd), bytes[atEnd + 20] == 0, bytes[atEnd + 21] == 0 {
            return record(at: atEnd, in: bytes)
        }
        var candidate = bytes.count - signature.count
        let lowest = max(0, bytes.count - searchWindow - size)
        while candidate >= lowest {
            if bytes.hasBytes(signature, at: candidate) {
                return candidate <= atEnd ? record(at: candidate, in: bytes) : nil
            }
            candidate -= 1
        }
        return nil
    }

    private static func record(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> ZipEndRecord? {
        guard let size = bytes.littleEndianInteger(at: offset + 12, byteCount: 4),
            let directoryOffset = bytes.littleEndianInteger(at: offset + 16, byteCount: 4)
        else { return nil }
        let locator = offset - 20
        let zip64Record = locator - 56
        if locator >= 0, bytes.hasBytes(zip64LocatorSignature, at: locator), zip64Record >= 0,
            bytes.hasBytes(zip64RecordSignature, at: zip64Record),
            let size64 = bytes.littleEndianInteger(at: zip64Record + 40, byteCount: 8),
            let directoryOffset64 = bytes.littleEndianInteger(at: zip64Record + 48, byteCount: 8),
            let size64 = Int(exactly: size64), let directoryOffset64 = Int(exactly: directoryOffset64)
        {
            return ZipEndRecord(offset: offset, directorySize: size64, directoryOffset: directoryOffset64, isZip64: true)
        }
        return ZipEndRecord(offset: offset, directorySize: Int(size), directoryOffset: Int(directoryOffset), isZip64: false)
    }
}
