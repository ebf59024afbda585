/// The flat, row-major elements of an ``InferenceTensor``, in the Swift type that holds them.
///
/// Integer types narrower than 64 bits travel as `Int64`; the tensor's ``TensorDataType`` says what
/// they are on the wire. BYTES elements are UTF-8 strings (what ONNX STRING tensors hold).
public enum TensorData: Sendable, Equatable {
    case float([Float])
    case double([Double])
    case int64([Int64])
    case uint64([UInt64])
    case bool([Bool])
    case string([String])

    /// How many elements there are.
    public var count: Int {
        switch self {
        case .float(let values): values.count
        case .double(let values): values.count
        case .int64(let values): values.count
        case .uint64(let values): values.count
        case .bool(let values): values.count
        case .string(let values): values.count
        }
    }

    /// Whether any element is a floating-point NaN.
    public var containsNaN: Bool {
        switch self {
        case .float(let values): values.withUnsafeBufferPointer(Self.anyNaN)
        case .double(let values): values.contains { $0.isNaN }
        default: false
        }
    }

    /// The elements at `range` (a row's worth of a row-major tensor, say).
    public func elements(_ range: Range<Int>) -> TensorData {
        switch self {
        case .float(let values): .float(Array(values[range]))
        case .double(let values): .double(Array(values[range]))
        case .int64(let values): .int64(Array(values[range]))
        case .uint64(let values): .uint64(Array(values[range]))
        case .bool(let values): .bool(Array(values[range]))
        case .string(let values): .string(Array(values[range]))
        }
    }

    /// Whether any of `values` is NaN, eight lanes at a time (this check runs on every answer).
    private static func anyNaN(_ values: UnsafeBufferPointer<Float>) -> Bool {
        guard let base = values.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var index = 0
        var seen = SIMDMask<SIMD8<Int32>>()
        while index + 8 <= values.count {
            let lanes = raw.loadUnaligned(fromByteOffset: index &* 4, as: SIMD8<Float>.self)
            seen .|= lanes .!= lanes
            index &+= 8
        }
        return any(seen) || values[index...].contains { $0.isNaN }
    }
}
