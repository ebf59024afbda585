/// What a tensor's datatype makes its columns.
enum TensorCategory: Equatable {
    case float, integer, boolean, bytes

    /// The category of an Open Inference Protocol datatype name, or nil for an unknown one.
    init?(datatype: UnsafeBufferPointer<UInt8>) {
        switch String(decoding: datatype, as: UTF8.self) {
        case "FP16", "FP32", "FP64", "BF16": self = .float
        case "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64": self = .integer
        case "BOOL": self = .boolean
        case "BYTES": self = .bytes
        default: return nil
        }
    }
}

/// One tensor of the record being parsed, its values in the stage's buffers.
struct StagedTensor {
    var name: JSONLineScanner.StringRange
    var isOutput: Bool
    var category: TensorCategory
    /// The first dimension (the batch), and the product of the others.
    var rows: Int
    var width: Int
    /// Where its values start in `numbers`, `flags` or `strings` (by category), and how many there are.
    var valueStart: Int
    var valueCount: Int
    var sawNull: Bool
}

/// The parsed parts of one prediction-log line, held until the whole line has checked out. Its buffers are
/// reused from line to line.
struct RecordStage {
    var timestamp: JSONLineScanner.StringRange?
    var model: JSONLineScanner.StringRange?
    var version: JSONLineScanner.StringRange?
    var tensors: [StagedTensor] = []
    /// FP and INT values (NaN for null).
    var numbers: [Double] = []
    /// BOOL values: 1, 0, or -1 for null.
    var flags: [Int32] = []
    /// BYTES values, unescaped and checked as UTF-8, back to back: value `i` is `stringBytes[stringStarts[i]..<stringEnds[i]]`,
    /// and a null has start -1.
    var stringBytes: [UInt8] = []
    var stringStarts: [Int] = []
    var stringEnds: [Int] = []
    private var shape: [Int] = []

    mutating func reset() {
        timestamp = nil
        model = nil
        version = nil
        tensors.removeAll(keepingCapacity: true)
        numbers.removeAll(keepingCapacity: true)
        flags.removeAll(keepingCapacity: true)
        stringBytes.removeAll(keepingCapacity: true)
        stringStarts.removeAll(keepingCapacity: true)
        stringEnds.removeAll(keepingCapacity: true)
    }

    /// Parses `{"<name>": {"datatype":…, "shape":[…], "data":[…]}, …}` into `tensors`.
    mutating func parseTensors(_ scanner: inout JSONLineScanner, isOutput: Bool) throws(BadLine) {
        try scanner.object { scanner, name throws(BadLine) in
            try parseTensor(&scanner, name: name, isOutput: isOutput)
        }
    }

    private mutating func parseTensor(_ scanner: inout JSONLineScanner, name: JSONLineScanner.StringRange, isOutput: Bool) throws(BadLine) {
        var category: TensorCategory?
        var dimensions: [Int]?
        var deferredData: Int?
        var tensor = StagedTensor(name: name, isOutput: isOutput, category: .float, rows: 0, width: 0, valueStart: 0, valueCount: 0, sawNull: false)
        try scanner.object { scanner, key throws(BadLine) in
            if scanner.equals(key, "datatype") {
                let range = try scanner.string()
                guard let known = TensorCategory(datatype: UnsafeBufferPointer(start: scanner.base + range.start, count: range.count)) else {
                    throw BadLine("tensor '\(scanner.describe(name))' has an unknown datatype '\(scanner.describe(range))'")
                }
                category = known
            } else if scanner.equals(key, "shape") {
                dimensions = try parseShape(&scanner, name)
            } else if scanner.equals(key, "data") {
                if let category {
                    tensor.category = category
                    try parseData(&scanner, into: &tensor, name)
                } else {
                    // The datatype comes later: remember where the data is and come back to it.
                    scanner.skipWhitespace()
                    deferredData = scanner.index
                    try scanner.skipValue()
                }
            } else {
                try scanner.skipValue()
            }
        }
        guard let category else { throw BadLine("tensor '\(scanner.describe(name))' has no datatype") }
        guard let dimensions else { throw BadLine("tensor '\(scanner.describe(name))' has no shape") }
        if let deferredData {
            tensor.category = category
            var again = JSONLineScanner(continuing: scanner, at: deferredData)
            try parseData(&again, into: &tensor, name)
        } else if tensor.valueCount == 0 && tensor.category != category {
            tensor.category = category
        }
        guard dimensions.count >= 1 else { throw BadLine("tensor '\(scanner.describe(name))' has an empty shape (a scalar); expected [N] or [N, F]") }
        let width = dimensions.dropFirst().reduce(1, *)
        guard dimensions[0] * width == tensor.valueCount else {
            throw BadLine("tensor '\(scanner.describe(name))' has shape \(dimensions) (\(dimensions[0] * width) values) but \(tensor.valueCount) data values")
        }
        tensor.rows = dimensions[0]
        tensor.width = width
        tensors.append(tensor)
    }

    private mutating func parseShape(_ scanner: inout JSONLineScanner, _ name: JSONLineScanner.StringRange) throws(BadLine) -> [Int] {
        shape.removeAll(keepingCapacity: true)
        try scanner.expect(UInt8(ascii: "["), "a shape ('[')")
        if scanner.consume(UInt8(ascii: "]")) { return [] }
        while true {
            let number = try scanner.number()
            guard number.syntax == .integer, number.value >= 0, number.value < 1e15 else {
                throw BadLine("tensor '\(scanner.describe(name))' has a shape entry that is not a non-negative integer")
            }
            shape.append(Int(number.value))
            if scanner.consume(UInt8(ascii: ",")) { continue }
            try scanner.expect(UInt8(ascii: "]"), "',' or ']'")
            return shape
        }
    }

    /// Parses a (possibly nested) data array into the buffer for the tensor's category.
    private mutating func parseData(_ scanner: inout JSONLineScanner, into tensor: inout StagedTensor, _ name: JSONLineScanner.StringRange) throws(BadLine) {
        switch tensor.category {
        case .float, .integer: tensor.valueStart = numbers.count
        case .boolean: tensor.valueStart = flags.count
        case .bytes: tensor.valueStart = stringEnds.count
        }
        try parseArray(&scanner, into: &tensor, name)
    }

    private mutating func parseArray(_ scanner: inout JSONLineScanner, into tensor: inout StagedTensor, _ name: JSONLineScanner.StringRange) throws(BadLine) {
        try scanner.expect(UInt8(ascii: "["), "a data array ('[')")
        if scanner.consume(UInt8(ascii: "]")) { return }
        while true {
            if scanner.peek() == UInt8(ascii: "[") {
                try parseArray(&scanner, into: &tensor, name)
            } else {
                try parseElement(&scanner, into: &tensor, name)
            }
            if scanner.consume(UInt8(ascii: ",")) { continue }
            try scanner.expect(UInt8(ascii: "]"), "',' or ']'")
            return
        }
    }

    @inline(__always)
    private mutating func parseElement(_ scanner: inout JSONLineScanner, into tensor: inout StagedTensor, _ name: JSONLineScanner.StringRange) throws(BadLine) {
        tensor.valueCount += 1
        switch tensor.category {
        case .float, .integer:
            if let literal = scanner.literal() {
                guard literal == nil else { throw BadLine("tensor '\(scanner.describe(name))' holds a boolean where numbers belong") }
                tensor.sawNull = true
                numbers.append(.nan)
                return
            }
            let number = try scanner.number()
            if tensor.category == .integer, number.syntax != .integer && number.syntax != .unsignedInteger {
                throw BadLine("tensor '\(scanner.describe(name))' is an integer tensor but holds a non-integer")
            }
            numbers.append(number.value)
        case .boolean:
            guard let literal = scanner.literal() else { throw BadLine("tensor '\(scanner.describe(name))' is BOOL but holds a non-boolean") }
            if let flag = literal {
                flags.append(flag ? 1 : 0)
            } else {
                tensor.sawNull = true
                flags.append(-1)
            }
        case .bytes:
            if let literal = scanner.literal() {
                guard literal == nil else { throw BadLine("tensor '\(scanner.describe(name))' is BYTES but holds a boolean") }
                tensor.sawNull = true
                stringStarts.append(-1)
                stringEnds.append(-1)
                return
            }
            guard scanner.peek() == UInt8(ascii: "\"") else { throw BadLine("tensor '\(scanner.describe(name))' is BYTES but holds a non-string") }
            let range = try scanner.string()
            let start = stringBytes.count
            try scanner.unescape(range, into: &stringBytes)
            if !Self.isValidUTF8(stringBytes, from: start) { throw BadLine("tensor '\(scanner.describe(name))' holds a string that is not valid UTF-8") }
            stringStarts.append(start)
            stringEnds.append(stringBytes.count)
        }
    }

    /// Whether `bytes[start...]` is valid UTF-8 (all-ASCII text checked without decoding).
    private static func isValidUTF8(_ bytes: [UInt8], from start: Int) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            let tail = UnsafeBufferPointer(rebasing: buffer[start...])
            if tail.allSatisfy({ $0 < 0x80 }) { return true }
            return String(validating: tail, as: UTF8.self) != nil
        }
    }
}

extension JSONLineScanner {
    /// A string's text for a message (escapes resolved, invalid bytes replaced, at most 80 characters).
    func describe(_ range: StringRange) -> String {
        var bytes: [UInt8] = []
        if (try? unescape(range, into: &bytes)) == nil {
            bytes = Array(UnsafeBufferPointer(start: base + range.start, count: range.count))
        }
        return String(String(decoding: bytes, as: UTF8.self).prefix(80))
    }
}
