import FerryServing

/// The binary tensor extension's layout: little-endian, row-major; BOOL one byte; each BYTES element a
/// 4-byte little-endian length and its bytes.
enum BinaryTensor {
    /// The elements of a tensor of `datatype` holding `count` elements, from its raw bytes.
    static func decode(_ bytes: ArraySlice<UInt8>, datatype: TensorDataType, count: Int, tensor name: String) throws(ServingError) -> TensorData {
        func bad(_ detail: String) -> ServingError {
            .badRequest("Input '\(name)' (\(datatype.rawValue), binary): \(detail).")
        }
        if let size = datatype.elementSize {
            guard bytes.count == count * size else {
                throw bad("\(bytes.count) bytes do not hold \(count) elements of \(size) bytes")
            }
        }
        switch datatype {
        case .fp32: return .float(littleEndian(bytes, UInt32.self).map(Float.init(bitPattern:)))
        case .fp64: return .double(littleEndian(bytes, UInt64.self).map(Double.init(bitPattern:)))
        case .fp16: return .float(littleEndian(bytes, UInt16.self).map { Float(Float16(bitPattern: $0)) })
        case .int8: return .int64(bytes.map { Int64(Int8(bitPattern: $0)) })
        case .uint8: return .int64(bytes.map { Int64($0) })
        case .int16: return .int64(littleEndian(bytes, UInt16.self).map { Int64(Int16(bitPattern: $0)) })
        case .uint16: return .int64(littleEndian(bytes, UInt16.self).map { Int64($0) })
        case .int32: return .int64(littleEndian(bytes, UInt32.self).map { Int64(Int32(bitPattern: $0)) })
        case .uint32: return .int64(littleEndian(bytes, UInt32.self).map { Int64($0) })
        case .int64: return .int64(littleEndian(bytes, UInt64.self).map { Int64(bitPattern: $0) })
        case .uint64: return .uint64(littleEndian(bytes, UInt64.self))
        case .bool:
            guard bytes.allSatisfy({ $0 <= 1 }) else { throw bad("a BOOL byte is neither 0 nor 1") }
            return .bool(bytes.map { $0 == 1 })
        case .bytes:
            var values: [String] = []
            var position = bytes.startIndex
            while position < bytes.endIndex {
                guard bytes.endIndex - position >= 4 else { throw bad("an element's 4-byte length is cut short") }
                let length = Int(bytes[position]) | Int(bytes[position + 1]) << 8 | Int(bytes[position + 2]) << 16 | Int(bytes[position + 3]) << 24
                position += 4
                guard bytes.endIndex - position >= length else { throw bad("an element is longer than the bytes left") }
                guard let text = String(validating: bytes[position..<(position + length)], as: UTF8.self) else {
                    throw bad("element \(values.count) is not UTF-8 text")
                }
                values.append(text)
                position += length
            }
            guard values.count == count else { throw bad("\(values.count) elements where the shape holds \(count)") }
            return .string(values)
        }
    }

    /// The raw bytes of `data` as a tensor of `datatype`.
    static func encode(_ data: TensorData, datatype: TensorDataType) -> [UInt8] {
        var out: [UInt8] = []
        switch data {
        case .float(let values):
            if datatype == .fp64 { append(values.map { Double($0).bitPattern }, to: &out) } else { append(values.map(\.bitPattern), to: &out) }
        case .double(let values):
            if datatype == .fp32 { append(values.map { Float($0).bitPattern }, to: &out) } else { append(values.map(\.bitPattern), to: &out) }
        case .int64(let values):
            switch datatype {
            case .int8, .uint8: out = values.map { UInt8(truncatingIfNeeded: $0) }
            case .int16, .uint16: append(values.map { UInt16(truncatingIfNeeded: $0) }, to: &out)
            case .int32, .uint32: append(values.map { UInt32(truncatingIfNeeded: $0) }, to: &out)
            default: append(values.map { UInt64(bitPattern: $0) }, to: &out)
            }
        case .uint64(let values): append(values, to: &out)
        case .bool(let values): out = values.map { $0 ? 1 : 0 }
        case .string(let values):
            for value in values {
                let utf8 = Array(value.utf8)
                append([UInt32(utf8.count)], to: &out)
                out.append(contentsOf: utf8)
            }
        }
        return out
    }

    private static func littleEndian<T: FixedWidthInteger>(_ bytes: ArraySlice<UInt8>, _: T.Type) -> [T] {
        let width = MemoryLayout<T>.size
        let count = bytes.count / width
        var values = [T](repeating: 0, count: count)
        values.withUnsafeMutableBytes { destination in
            bytes.withUnsafeBytes { destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<(count * width)])) }
        }
        return values.map { T(littleEndian: $0) }
    }

    private static func append<T: FixedWidthInteger>(_ values: [T], to out: inout [UInt8]) {
        out.reserveCapacity(out.count + values.count * MemoryLayout<T>.size)
        for value in values {
            withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
        }
    }
}
