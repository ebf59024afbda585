/// A tensor element type as the Open Inference Protocol names it (`FP32`, `INT64`, `BYTES`, ...).
public enum TensorDataType: String, Sendable, CaseIterable, Codable {
    case bool = "BOOL"
    case uint8 = "UINT8"
    case uint16 = "UINT16"
    case uint32 = "UINT32"
    case uint64 = "UINT64"
    case int8 = "INT8"
    case int16 = "INT16"
    case int32 = "INT32"
    case int64 = "INT64"
    case fp16 = "FP16"
    case fp32 = "FP32"
    case fp64 = "FP64"
    case bytes = "BYTES"

    /// Bytes per element in the binary tensor layout; nil for BYTES (each element carries its own length).
    public var elementSize: Int? {
        switch self {
        case .bool, .uint8, .int8: 1
        case .uint16, .int16, .fp16: 2
        case .uint32, .int32, .fp32: 4
        case .uint64, .int64, .fp64: 8
        case .bytes: nil
        }
    }

    /// The OIP type of an ONNX `TensorProto.DataType` code, or nil for types Ferry does not serve.
    init?(onnxElementType code: Int32) {
        switch code {
        case 1: self = .fp32
        case 2: self = .uint8
        case 3: self = .int8
        case 4: self = .uint16
        case 5: self = .int16
        case 6: self = .int32
        case 7: self = .int64
        case 8: self = .bytes
        case 9: self = .bool
        case 10: self = .fp16
        case 11: self = .fp64
        case 12: self = .uint32
        case 13: self = .uint64
        default: return nil
        }
    }
}
