/// A named tensor going into or coming out of a model: what an OIP v2 request or response carries.
public struct InferenceTensor: Sendable, Equatable {
    /// The model input or output this tensor is for.
    public var name: String
    /// The element type on the wire.
    public var datatype: TensorDataType
    /// The dimensions, outermost first; empty for a scalar.
    public var shape: [Int]
    /// The elements, row-major; their count equals the product of ``shape``.
    public var data: TensorData

    /// A tensor named `name` of `datatype` and `shape` holding `data`.
    public init(name: String, datatype: TensorDataType, shape: [Int], data: TensorData) {
        self.name = name
        self.datatype = datatype
        self.shape = shape
        self.data = data
    }

    /// How many elements ``shape`` holds (1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }
}
