/// How picklescan reads a PyTorch file in the format `torch.save` wrote before version 1.6: not a
/// ZIP archive but five pickles in a row (magic number, protocol version, system info, the object,
/// the storage keys) followed by raw storage bytes.
///
/// When the first integer opcode of the first pickle carries the magic number, five pickles are read
/// from the start, each to its `STOP` or its first error; an error ends only that pickle, and the next
/// one is read from where the error left the reader. The raw storages after them are never read.
/// When the magic number is missing but the first pickle imports something, that pickle and five more
/// are read the same way (picklescan's guard against a magic number computed by a `__reduce__`).
/// Otherwise the file is not a legacy PyTorch file, and ``scan(_:)`` returns `nil`.
enum LegacyTorchFile {
    /// `torch.serialization.MAGIC_NUMBER`, 0x1950A86A20F9469CFC6C, little-endian.
    static let magicNumberBytes: [UInt8] = [0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]
    /// The same number in decimal, as a protocol-0 `LONG` or `INT` line writes it.
    static let magicNumberDecimal = "119547037146038801333356"

    private static let pickleCount = 5

    /// The globals of a legacy PyTorch file, or `nil` when picklescan would not read it as one.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> PickleStreamScan? {
        var result = PickleStreamScan()
        var reader = PickleOpcodeReader(bytes)
        if !startsWithMagicNumber(bytes) {
            PickleImportCollector.readPickle(&reader, into: &result)
            guard !result.globals.isEmpty else { return nil }
        }
        for _ in 0..<pickleCount {
            PickleImportCollector.readPickle(&reader, into: &result)
        }
        return result
    }

    /// Whether the first opcode of the first pickle whose `pickletools` name has `INT` or `LONG` in it
    /// carries the magic number (picklescan's `get_magic_number`).
    static func startsWithMagicNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var reader = PickleOpcodeReader(bytes)
        while let instruction = try? reader.next(), instruction.opcode != .stop {
            let name = instruction.opcode.pickletoolsName
            guard name.contains("INT") || name.contains("LONG") else { continue }
            return carriesMagicNumber(instruction, in: bytes)
        }
        return false
    }

    private static func carriesMagicNumber(_ instruction: PickleInstruction, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var cursor = ByteCursor(bytes, offset: instruction.offset + 1)
        switch instruction.opcode {
        case .long1, .long4:
            guard let count = cursor.readLittleEndian(byteCount: instruction.opcode == .long1 ? 1 : 4),
                let payload = cursor.take(Int(count))
            else { return false }
            let value = Array(bytes.slice(payload))
            let significant = value.prefix(magicNumberBytes.count)
            return significant.elementsEqual(magicNumberBytes) && value.dropFirst(magicNumberBytes.count).allSatisfy { $0 == 0 }
        case .int, .long:
            guard let line = cursor.readLine() else { return false }
            var text = Substring(String(decoding: bytes.slice(line), as: UTF8.self))
            if instruction.opcode == .long, text.hasSuffix("L") { text.removeLast() }
            text = text.drop { $0.isWhitespace }
            while text.last?.isWhitespace == true { text.removeLast() }
            if text.hasPrefix("+") { text.removeFirst() }
            return String(text.filter { $0 != "_" }.drop { $0 == "0" }) == magicNumberDecimal
        default:
            return false
        }
    }
}
