/// Byte-building helpers for the scanning tests: pickle opcodes written by hand, hex, little-endian
/// integers, CRC-32, and a minimal ZIP writer.
enum ScanTestBytes {
    /// The UTF-8 bytes of `text`.
    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// `SHORT_BINUNICODE` pushing `text`.
    static func shortBinUnicode(_ text: String) -> [UInt8] { [0x8C, UInt8(text.utf8.count)] + ascii(text) }

    /// `value` as `count` little-endian bytes.
    static func littleEndian(_ value: UInt64, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    /// The bytes written as hex digits (whitespace ignored).
    static func hex(_ text: String) -> [UInt8] {
        let digits = Array(text.filter { !$0.isWhitespace })
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
    }

    /// The CRC-32 (ISO-HDLC, as zlib computes it) of `bytes`.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// A ZIP member for ``zip(_:prefix:zip64:)``: its name, compression method and stored bytes.
    struct Member {
        var name: String
        var method: UInt16 = 0
        var stored: [UInt8]
        var uncompressedSize: Int? = nil
    }

    /// A ZIP archive of `members`, optionally preceded by `prefix` (offsets then count from the
    /// archive's start, as when a file is concatenated) and optionally with ZIP64 records and extras.
    static func zip(_ members: [Member], prefix: [UInt8] = [], zip64: Bool = false) -> [UInt8] {
        var body: [UInt8] = []
        var directory: [UInt8] = []
        for member in members {
            let offset = body.count
            let name = ascii(member.name)
            let size = UInt64(member.stored.count)
            let fullSize = UInt64(member.uncompressedSize ?? member.stored.count)
            body += [0x50, 0x4B, 0x03, 0x04] + littleEndian(20, 2) + littleEndian(0, 2) + littleEndian(UInt64(member.method), 2)
            body += littleEndian(0, 4) + littleEndian(0, 4) + littleEndian(size, 4) + littleEndian(fullSize, 4)
            body += littleEndian(UInt64(name.count), 2) + littleEndian(0, 2) + name + member.stored
            let zip64Values = littleEndian(fullSize, 8) + littleEndian(size, 8) + littleEndian(UInt64(offset), 8)
            let extra = zip64 ? littleEndian(1, 2) + littleEndian(24, 2) + zip64Values : []
            let saturated: UInt64 = 0xFFFF_FFFF
            directory += [0x50, 0x4B, 0x01, 0x02] + littleEndian(20, 2) + littleEndian(20, 2) + littleEndian(0, 2)
            directory += littleEndian(UInt64(member.method), 2) + littleEndian(0, 4) + littleEndian(0, 4)
            directory += littleEndian(zip64 ? saturated : size, 4) + littleEndian(zip64 ? saturated : fullSize, 4)
            directory += littleEndian(UInt64(name.count), 2) + littleEndian(UInt64(extra.count), 2) + littleEndian(0, 2)
            directory += littleEndian(0, 2) + littleEndian(0, 2) + littleEndian(0, 4) + littleEndian(zip64 ? saturated : UInt64(offset), 4)
            directory += name + extra
        }
        var archive = body + directory
        let directoryOffset = UInt64(body.count)
        let directorySize = UInt64(directory.count)
        if zip64 {
            let recordOffset = UInt64(archive.count)
            archive += [0x50, 0x4B, 0x06, 0x06] + littleEndian(44, 8) + littleEndian(45, 2) + littleEndian(45, 2)
            archive += littleEndian(0, 4) + littleEndian(0, 4) + littleEndian(UInt64(members.count), 8) + littleEndian(UInt64(members.count), 8)
            archive += littleEndian(directorySize, 8) + littleEndian(directoryOffset, 8)
            archive += [0x50, 0x4B, 0x06, 0x07] + littleEndian(0, 4) + littleEndian(recordOffset, 8) + littleEndian(1, 4)
        }
        let saturated16: UInt64 = zip64 ? 0xFFFF : UInt64(members.count)
        archive += [0x50, 0x4B, 0x05, 0x06] + littleEndian(0, 2) + littleEndian(0, 2) + littleEndian(saturated16, 2) + littleEndian(saturated16, 2)
        archive += littleEndian(zip64 ? 0xFFFF_FFFF : directorySize, 4) + littleEndian(zip64 ? 0xFFFF_FFFF : directoryOffset, 4) + littleEndian(0, 2)
        return prefix + archive
    }
}

/// Runs `body` over `bytes` as the unsafe buffer the internal readers take.
func withBuffer<T>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
    try bytes.withUnsafeBufferPointer(body)
}
