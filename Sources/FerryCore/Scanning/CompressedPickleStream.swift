/// Whole-file compression that joblib (`joblib.dump(..., compress=...)`) wraps around a pickle.
///
/// zlib and gzip streams are decoded with ``DeflateDecoder`` and the result scanned as a pickle.
/// The other compressors joblib offers are only recognised, so that the report can say why the
/// file was not read. Only zlib's usual first byte, 0x78 (a 32 KiB window), is taken for zlib: the
/// other valid first bytes are also pickle opcodes (`(`, `X`, `h`), so a protocol-0 pickle could
/// pass for a zlib stream. None of the signatures recognised here is a plausible start of a pickle,
/// and files with an unsupported compressor are still read as pickles as well.
enum CompressedPickleStream: Equatable {
    /// A zlib stream (RFC 1950); the DEFLATE data starts at the offset.
    case zlib(deflateOffset: Int)
    /// A gzip member (RFC 1952); the DEFLATE data starts at the offset.
    case gzip(deflateOffset: Int)
    /// A compressor whose data is not decoded here, by name.
    case unsupported(String)

    /// The compression `bytes` start with, if any.
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> CompressedPickleStream? {
        guard bytes.count >= 2 else { return nil }
        let second = Int(bytes[1])
        if bytes[0] == 0x78, (0x78 << 8 | second) % 31 == 0 {
            return second & 0x20 == 0 ? .zlib(deflateOffset: 2) : .unsupported("zlib with a preset dictionary")
        }
        if bytes.hasBytes([0x1F, 0x8B, 0x08]) { return gzipDeflateOffset(bytes).map { .gzip(deflateOffset: $0) } ?? .unsupported("truncated gzip") }
        if bytes.hasBytes(Array("BZh".utf8)) { return .unsupported("bzip2") }
        if bytes.hasBytes([0xFD] + Array("7zXZ".utf8) + [0x00]) { return .unsupported("xz") }
        if bytes.hasBytes([0x5D, 0x00, 0x00]) { return .unsupported("lzma") }
        if bytes.hasBytes([0x04, 0x22, 0x4D, 0x18]) { return .unsupported("lz4") }
        return nil
    }

    /// Where the DEFLATE data of a gzip member starts, past its optional header fields (RFC 1952, 2.3).
    private static func gzipDeflateOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count >= 10 else { return nil }
        let flags = bytes[3]
        var offset = 10
        if flags & 0x04 != 0 {
            guard let extraLength = bytes.littleEndianInteger(at: offset, byteCount: 2) else { return nil }
            offset += 2 + Int(extraLength)
        }
        for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {
            while offset < bytes.count, bytes[offset] != 0 { offset += 1 }
            offset += 1
        }
        if flags & 0x02 != 0 { offset += 2 }
        return offset <= bytes.count ? offset : nil
    }
}
