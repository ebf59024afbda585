/// Reads a DEFLATE stream's bits, least significant bit of each byte first (RFC 1951, 3.1.1).
struct DeflateBitReader {
    private let input: UnsafeBufferPointer<UInt8>
    private var nextByte = 0
    private var buffer: UInt64 = 0
    private var bufferedBits = 0

    /// A reader at the start of `input`, which must outlive it.
    init(_ input: UnsafeBufferPointer<UInt8>) {
        self.input = input
    }

    /// How many whole input bytes have been consumed (bits still buffered are given back).
    var consumedByteCount: Int { nextByte - bufferedBits / 8 }

    /// The next `count` (at most 32) bits as an integer, or `nil` when the input ends first.
    mutating func read(_ count: Int) -> UInt32? {
        guard count > 0 else { return 0 }
        guard fill(count) else { return nil }
        let value = UInt32(truncatingIfNeeded: buffer & ((1 << UInt64(count)) - 1))
        consume(count)
        return value
    }

    /// Up to `count` upcoming bits without consuming them, and how many of them the input really has.
    mutating func peek(_ count: Int) -> (bits: UInt32, available: Int) {
        _ = fill(count)
        let available = min(count, bufferedBits)
        return (UInt32(truncatingIfNeeded: buffer & ((1 << UInt64(count)) - 1)), available)
    }

    /// Drops `count` bits that ``peek(_:)`` showed.
    mutating func consume(_ count: Int) {
        buffer >>= UInt64(count)
        bufferedBits -= count
    }

    /// Drops the bits up to the next byte boundary.
    mutating func alignToByte() {
        consume(bufferedBits % 8)
    }

    /// The range of the next `count` whole bytes (after ``alignToByte()``), or `nil` when fewer remain.
    mutating func takeBytes(_ count: Int) -> Range<Int>? {
        let start = consumedByteCount
        guard count >= 0, count <= input.count - start else { return nil }
        buffer = 0
        bufferedBits = 0
        nextByte = start + count
        return start..<(start + count)
    }

    /// Loads bytes until `count` bits are buffered; `false` when the input ends first.
    private mutating func fill(_ count: Int) -> Bool {
        while bufferedBits < count {
            guard nextByte < input.count else { return false }
            buffer |= UInt64(input[nextByte]) << UInt64(bufferedBits)
            nextByte += 1
            bufferedBits += 8
        }
        return true
    }
}
