/// A read position in a borrowed byte buffer.
///
/// Every read checks the bounds first and returns `nil` rather than trapping, so malformed input
/// can only ever end a parse. Nothing is copied: reads hand back integers or index ranges into
/// ``bytes``.
struct ByteCursor {
    /// The buffer being read; it must outlive the cursor.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The index of the next byte to read.
    private(set) var offset: Int

    /// A cursor at `offset` (the start by default) of `bytes`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0) {
        self.bytes = bytes
        self.offset = min(max(offset, 0), bytes.count)
    }

    /// How many bytes are left after the position.
    var remaining: Int { bytes.count - offset }

    /// Whether every byte has been read.
    var isAtEnd: Bool { offset >= bytes.count }

    /// The next byte, or `nil` at the end.
    mutating func readByte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// The next `byteCount` (at most 8) bytes as a little-endian unsigned integer, or `nil` when fewer remain.
    mutating func readLittleEndian(byteCount: Int) -> UInt64? {
        guard let value = bytes.littleEndianInteger(at: offset, byteCount: byteCount) else { return nil }
        offset += byteCount
        return value
    }

    /// The range of the next `count` bytes, moving past them, or `nil` (without moving) when fewer remain.
    mutating func take(_ count: Int) -> Range<Int>? {
        guard count >= 0, count <= remaining else { return nil }
        defer { offset += count }
        return offset..<(offset + count)
    }

    /// Moves past the last byte, as a Python read that ran out of data leaves its file.
    mutating func moveToEnd() {
        offset = bytes.count
    }

    /// The range of the bytes up to the next newline, moving past the newline; `nil` when no newline
    /// follows (the position then moves to the end, as Python's `readline` would have read it all).
    mutating func readLine() -> Range<Int>? {
        let start = offset
        var index = offset
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                offset = index + 1
                return start..<index
            }
            index += 1
        }
        offset = bytes.count
        return nil
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The `byteCount` (at most 8) bytes at `offset` as a little-endian unsigned integer, or `nil` when
    /// they are not all inside the buffer.
    func littleEndianInteger(at offset: Int, byteCount: Int) -> UInt64? {
        guard byteCount >= 0, byteCount <= 8, offset >= 0, offset <= count - byteCount else { return nil }
        var value: UInt64 = 0
        for index in stride(from: byteCount - 1, through: 0, by: -1) {
            value = value << 8 | UInt64(self[offset + index])
        }
        return value
    }

    /// Whether the bytes at `offset` are `prefix`.
    func hasBytes(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
        guard offset >= 0, offset <= count - prefix.count else { return false }
        for (index, byte) in prefix.enumerated() where self[offset + index] != byte { return false }
        return true
    }

    /// A buffer over the bytes in `range`, sharing this buffer's memory.
    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: self[range])
    }
}
