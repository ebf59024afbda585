import FerryServing

/// Tensor elements between JSON and ``TensorData``: OIP's `data` (flat or nested, row-major) in,
/// flat arrays out.
enum TensorJSON {
    /// The elements of `data` for a tensor of `datatype`, flattening nested arrays in row-major order.
    static func decode(_ data: JSON, datatype: TensorDataType, tensor name: String) throws(ServingError) -> TensorData {
        var flat: [JSON] = []
        flatten(data, into: &flat)
        func bad(_ detail: String) -> ServingError {
            .badRequest("Input '\(name)' (\(datatype.rawValue)): \(detail).")
        }
        switch datatype {
        case .fp32, .fp64:
            var values = [Double]()
            values.reserveCapacity(flat.count)
            for (index, element) in flat.enumerated() {
                guard let value = element.doubleValue else { throw bad("element \(index) is \(element.typeName), not a number") }
                values.append(value)
            }
            return datatype == .fp32 ? .float(values.map(Float.init)) : .double(values)
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32:
            let range = integerRange(datatype)
            var values = [Int64]()
            values.reserveCapacity(flat.count)
            for (index, element) in flat.enumerated() {
                guard case .integer(let value) = element else { throw bad("element \(index) is \(element.typeName), not an integer") }
                guard range.contains(value) else { throw bad("element \(index) (\(value)) is out of range") }
                values.append(value)
            }
            return .int64(values)
        case .uint64:
            var values = [UInt64]()
            for (index, element) in flat.enumerated() {
                switch element {
                case .integer(let value) where value >= 0: values.append(UInt64(value))
                case .number(let value) where value >= 0 && value < 18_446_744_073_709_551_616 && value == value.rounded(): values.append(UInt64(value))
                default: throw bad("element \(index) is not an unsigned integer")
                }
            }
            return .uint64(values)
        case .bool:
            var values = [Bool]()
            values.reserveCapacity(flat.count)
            for (index, element) in flat.enumerated() {
                guard case .bool(let value) = element else { throw bad("element \(index) is \(element.typeName), not a boolean") }
                values.append(value)
            }
            return .bool(values)
        case .bytes:
            var values = [String]()
            values.reserveCapacity(flat.count)
            for (index, element) in flat.enumerated() {
                guard case .string(let value) = element else { throw bad("element \(index) is \(element.typeName), not a string") }
                values.append(value)
            }
            return .string(values)
        case .fp16:
            throw bad("FP16 has no JSON form; send it with the binary tensor extension")
        }
    }

    static func integerRange(_ datatype: TensorDataType) -> ClosedRange<Int64> {
        switch datatype {
        case .int8: Int64(Int8.min)...Int64(Int8.max)
        case .int16: Int64(Int16.min)...Int64(Int16.max)
        case .int32: Int64(Int32.min)...Int64(Int32.max)
        case .uint8: 0...Int64(UInt8.max)
        case .uint16: 0...Int64(UInt16.max)
        case .uint32: 0...Int64(UInt32.max)
        default: Int64.min...Int64.max
        }
    }

    private static func flatten(_ value: JSON, into flat: inout [JSON]) {
        if case .array(let items) = value {
            for item in items { flatten(item, into: &flat) }
        } else {
            flat.append(value)
        }
    }

    /// Writes `data` as a flat JSON array.
    static func write(_ data: TensorData, to writer: inout JSONWriter) {
        switch data {
        case .float(let values): writer.array(values) { $0.float($1) }
        case .double(let values): writer.array(values) { $0.double($1) }
        case .int64(let values): writer.array(values) { $0.integer($1) }
        case .uint64(let values): writer.array(values) { $0.integer($1) }
        case .bool(let values): writer.array(values) { $0.bool($1) }
        case .string(let values): writer.array(values) { $0.string($1) }
        }
    }
}
