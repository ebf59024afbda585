/// A model input's or output's declared name, type and shape, as OIP model metadata reports it.
public struct TensorSignature: Sendable, Equatable {
    /// The input or output name.
    public var name: String
    /// The element type (a ZipMap output is reported as FP32, one column per class).
    public var datatype: TensorDataType
    /// The declared dimensions; -1 where a dimension is variable (a batch) or unknown.
    public var shape: [Int]
    /// For a ZipMap output: the class labels its columns stand for, in order.
    public var classLabels: [String]?

    /// A signature for `name` of `datatype` and `shape`.
    public init(name: String, datatype: TensorDataType, shape: [Int], classLabels: [String]? = nil) {
        self.name = name
        self.datatype = datatype
        self.shape = shape
        self.classLabels = classLabels
    }
}
