/// A canonical Huffman code (RFC 1951, 3.2.2) as a lookup table indexed by the next bits of input.
///
/// Each entry holds the symbol and the length of its code; entries that no code reaches are zero.
/// The table has `2^longest` entries, where `longest` is the longest code length in use (at most 15).
struct HuffmanTable {
    private let entries: [UInt32]
    private let longest: Int

    /// The code with the given bit length for each symbol (0: symbol unused).
    /// - Throws: ``DeflateError`` when the lengths describe more codes than bit patterns exist.
    init(codeLengths: some Collection<UInt8>) throws(DeflateError) {
        var lengthCounts = [Int](repeating: 0, count: 16)
        for length in codeLengths { lengthCounts[Int(length)] += 1 }
        lengthCounts[0] = 0
        var unassigned = 1
        for length in 1...15 {
            unassigned = unassigned * 2 - lengthCounts[length]
            if unassigned < 0 { throw DeflateError("over-subscribed Huffman code") }
        }
        let longest = (1...15).last { lengthCounts[$0] > 0 } ?? 0
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + lengthCounts[length - 1]) << 1
            nextCode[length] = code
        }
        var entries = [UInt32](repeating: 0, count: 1 << longest)
        for (symbol, length) in codeLengths.enumerated() where length > 0 {
            let length = Int(length)
            let reversed = Self.reversed(nextCode[length], bitCount: length)
            nextCode[length] += 1
            let entry = UInt32(symbol) << 4 | UInt32(length)
            var index = reversed
            while index < entries.count {
                entries[index] = entry
                index += 1 << length
            }
        }
        self.entries = entries
        self.longest = longest
    }

    /// The next symbol from `reader`.
    /// - Throws: ``DeflateError`` when the bits match no code or the input ends inside a code.
    func decode(from reader: inout DeflateBitReader) throws(DeflateError) -> Int {
        guard longest > 0 else { throw DeflateError("symbol from an empty Huffman code") }
        let (bits, available) = reader.peek(longest)
        let entry = entries[Int(bits)]
        let length = Int(entry & 0xF)
        guard length > 0 else { throw DeflateError("invalid Huffman code") }
        guard length <= available else { throw DeflateError("input ends inside a Huffman code") }
        reader.consume(length)
        return Int(entry >> 4)
    }

    private static func reversed(_ code: Int, bitCount: Int) -> Int {
        var result = 0
        var code = code
        for _ in 0..<bitCount {
            result = result << 1 | code & 1
            code >>= 1
        }
        return result
    }
}

/// Why a DEFLATE stream could not be decoded.
struct DeflateError: Error, Equatable, CustomStringConvertible {
    /// What was wrong.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
