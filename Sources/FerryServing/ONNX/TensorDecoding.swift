import Foundation

/// Decodes `TensorProto` values from their typed field or from little-endian `raw_data`.
enum TensorDecoding {
    static func tensor(_ proto: Onnx_TensorProto) throws -> Tensor {
        guard let type = Tensor.ElementType(rawValue: proto.dataType) else {
            throw ModelLoadError.badTensor(proto.name, "element type \(proto.dataType) is not supported")
        }
        guard proto.dims.allSatisfy({ $0 >= 0 && $0 <= Int64(Int32.max) }) else {
            throw ModelLoadError.badTensor(proto.name, "dimensions \(proto.dims) are not valid")
        }
        let shape = proto.dims.map { Int($0) }
        let count = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
        let values = try self.values(proto, type: type, count: count)
        guard values.count == count else {
            throw ModelLoadError.badTensor(proto.name, "shape \(shape) holds \(count) values but the tensor has \(values.count)")
        }
        return Tensor(name: proto.name, elementType: type, shape: shape, values: values)
    }

    private static func values(_ proto: Onnx_TensorProto, type: Tensor.ElementType, count: Int) throws -> Tensor.Values {
        let raw = proto.hasRawData ? [UInt8](proto.rawData) : nil
        switch type {
        case .float: return .float(try raw.map { try littleEndian($0, as: UInt32.self, proto.name).map(Float.init(bitPattern:)) } ?? proto.floatData)
        case .double: return .double(try raw.map { try littleEndian($0, as: UInt64.self, proto.name).map(Double.init(bitPattern:)) } ?? proto.doubleData)
        case .int64: return .int64(try raw.map { try littleEndian($0, as: UInt64.self, proto.name).map { Int64(bitPattern: $0) } } ?? proto.int64Data)
        case .int32: return .int64(try raw.map { try littleEndian($0, as: UInt32.self, proto.name).map { Int64(Int32(bitPattern: $0)) } } ?? proto.int32Data.map(Int64.init))
        case .int8: return .int64(raw.map { $0.map { Int64(Int8(bitPattern: $0)) } } ?? proto.int32Data.map(Int64.init))
        case .uint8: return .int64(raw.map { $0.map { Int64($0) } } ?? proto.int32Data.map(Int64.init))
        case .bool: return .bool(raw.map { $0.map { $0 != 0 } } ?? proto.int32Data.map { $0 != 0 })
        case .string: return .string(proto.stringData.map { String(decoding: $0, as: UTF8.self) })
        }
    }

    /// `bytes` as little-endian values of `T`; the length must be a whole number of values.
    private static func littleEndian<T: FixedWidthInteger>(_ bytes: [UInt8], as: T.Type, _ name: String) throws -> [T] {
        let width = MemoryLayout<T>.size
        guard bytes.count % width == 0 else {
            throw ModelLoadError.badTensor(name, "raw_data has \(bytes.count) bytes, not a multiple of \(width)")
        }
        var values = [T](repeating: 0, count: bytes.count / width)
        values.withUnsafeMutableBytes { destination in
            bytes.withUnsafeBytes { destination.copyMemory(from: $0) }
        }
        return values.map { T(littleEndian: $0) }
    }
}
