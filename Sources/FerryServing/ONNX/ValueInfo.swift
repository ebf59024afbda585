/// The declared type of a graph input or output.
struct ValueInfo: Sendable, Equatable {
    /// One dimension of a declared shape.
    enum Dimension: Sendable, Equatable {
        /// A fixed size.
        case fixed(Int)
        /// A named, variable size such as `N` or `batch`.
        case symbolic(String)
        /// No size given.
        case unknown
    }

    /// What kind of value it is.
    enum Kind: Sendable, Equatable {
        /// A tensor of `elementType` (an ONNX `TensorProto.DataType` code) and `shape` (nil: rank unknown).
        case tensor(elementType: Int32, shape: [Dimension]?)
        /// A sequence (ZipMap's output is a sequence of maps).
        case sequence
        /// A map.
        case map
        /// No type declared.
        case unspecified
    }

    var name: String
    var kind: Kind
}
