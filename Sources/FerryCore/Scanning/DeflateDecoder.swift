/// A DEFLATE decoder (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks, with a cap on
/// the output so that a small archive member cannot expand without bound.
enum DeflateDecoder {
    /// How decoding ended.
    enum Ending: Equatable {
        /// The final block was decoded.
        case complete
        /// The output reached the cap; the output holds the first `outputLimit` bytes.
        case outputLimitReached
        /// The stream is malformed or truncated; the output holds what was decoded before.
        case failed(DeflateError)
    }

    /// The bytes decoded and how decoding ended.
    struct Result {
        /// The decoded bytes, at most the cap.
        var output: [UInt8]
        /// How decoding ended.
        var ending: Ending
    }

    /// Decodes the raw DEFLATE stream in `input`, stopping after `outputLimit` bytes.
    static func inflate(_ input: UnsafeBufferPointer<UInt8>, outputLimit: Int) -> Result {
        var reader = DeflateBitReader(input)
        var output: [UInt8] = []
        output.reserveCapacity(min(max(outputLimit, 0), max(input.count * 4, 1024)))
        do {
            var isFinal = false
            while !isFinal {
                guard let header = reader.read(3) else { throw DeflateError("input ends before a block header") }
                isFinal = header & 1 == 1
                switch header >> 1 {
                case 0: try copyStoredBlock(&reader, input, into: &output, limit: outputLimit)
                case 1: try decodeBlock(&reader, DeflateTables.fixedLiteralLengths, DeflateTables.fixedDistances, into: &output, limit: outputLimit)
                case 2:
                    let (literalLengths, distances) = try readDynamicTables(&reader)
                    try decodeBlock(&reader, literalLengths, distances, into: &output, limit: outputLimit)
                default: throw DeflateError("reserved block type")
                }
            }
            return Result(output: output, ending: .complete)
        } catch is OutputLimitReached {
            return Result(output: output, ending: .outputLimitReached)
        } catch let error as DeflateError {
            return Result(output: output, ending: .failed(error))
        } catch {
            return Result(output: output, ending: .failed(DeflateError("\(error)")))
        }
    }

    /// Thrown internally when the output reaches the cap.
    private struct OutputLimitReached: Error {}

    private static func copyStoredBlock(
        _ reader: inout DeflateBitReader, _ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], limit: Int
    ) throws {
        reader.alignToByte()
        guard let length = reader.read(16), let complement = reader.read(16) else { throw DeflateError("input ends in a stored block header") }
        guard length == ~complement & 0xFFFF else { throw DeflateError("stored block length does not match its complement") }
        guard let range = reader.takeBytes(Int(length)) else { throw DeflateError("input ends inside a stored block") }
        let room = limit - output.count
        output.append(contentsOf: input.slice(range.prefix(max(room, 0))))
        if range.count > room { throw OutputLimitReached() }
    }

    private static func decodeBlock(
        _ reader: inout DeflateBitReader, _ literalLengths: HuffmanTable, _ distances: HuffmanTable, into output: inout [UInt8], limit: Int
    ) throws {
        while true {
            let symbol = try literalLengths.decode(from: &reader)
            if symbol < 256 {
                guard output.count < limit else { throw OutputLimitReached() }
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < DeflateTables.lengthBases.count else { throw DeflateError("invalid length symbol \(symbol)") }
            guard let lengthExtra = reader.read(DeflateTables.lengthExtraBits[lengthIndex]) else { throw DeflateError("input ends in a length") }
            let length = DeflateTables.lengthBases[lengthIndex] + Int(lengthExtra)
            let distanceSymbol = try distances.decode(from: &reader)
            guard distanceSymbol < DeflateTables.distanceBases.count else { throw DeflateError("invalid distance symbol \(distanceSymbol)") }
            guard let distanceExtra = reader.read(DeflateTables.distanceExtraBits[distanceSymbol]) else {
                throw DeflateError("input ends in a distance")
            }
            let distance = DeflateTables.distanceBases[distanceSymbol] + Int(distanceExtra)
            guard distance <= output.count else { throw DeflateError("distance \(distance) reaches before the start of the output") }
            let copyCount = min(length, limit - output.count)
            var source = output.count - distance
            for _ in 0..<copyCount {
                output.append(output[source])
                source += 1
            }
            if copyCount < length { throw OutputLimitReached() }
        }
    }

    /// Reads the code-length code and then the literal/length and distance code lengths of a dynamic block.
    private static func readDynamicTables(_ reader: inout DeflateBitReader) throws -> (HuffmanTable, HuffmanTable) {
        guard let literalCount = reader.read(5), let distanceCount = reader.read(5), let codeLengthCount = reader.read(4) else {
            throw DeflateError("input ends in a dynamic block header")
        }
        let literals = Int(literalCount) + 257
        let distances = Int(distanceCount) + 1
        guard literals <= 286, distances <= 30 else { throw DeflateError("too many length or distance codes") }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for index in 0..<(Int(codeLengthCount) + 4) {
            guard let length = reader.read(3) else { throw DeflateError("input ends in the code length code") }
            codeLengthLengths[DeflateTables.codeLengthOrder[index]] = UInt8(length)
        }
        let codeLengthTable = try HuffmanTable(codeLengths: codeLengthLengths)
        var lengths: [UInt8] = []
        lengths.reserveCapacity(literals + distances)
        while lengths.count < literals + distances {
            let symbol = try codeLengthTable.decode(from: &reader)
            let (value, repeatCount): (UInt8, UInt32?)
            switch symbol {
            case 0...15: (value, repeatCount) = (UInt8(symbol), 1)
            case 16:
                guard let previous = lengths.last else { throw DeflateError("repeat with no previous length") }
                (value, repeatCount) = (previous, reader.read(2).map { $0 + 3 })
            case 17: (value, repeatCount) = (0, reader.read(3).map { $0 + 3 })
            default: (value, repeatCount) = (0, reader.read(7).map { $0 + 11 })
            }
            guard let repeatCount else { throw DeflateError("input ends in the code lengths") }
            guard lengths.count + Int(repeatCount) <= literals + distances else { throw DeflateError("code lengths overflow") }
            lengths.append(contentsOf: repeatElement(value, count: Int(repeatCount)))
        }
        guard lengths[256] != 0 else { throw DeflateError("no end-of-block code") }
        return (try HuffmanTable(codeLengths: lengths[..<literals]), try HuffmanTable(codeLengths: lengths[literals...]))
    }
}
