/// An ONNX model as Ferry runs it: the graph's nodes in order, its constant tensors, and its declared
/// inputs and outputs.
struct Model: Sendable, Equatable {
    /// The file's IR version (4 to 10 are read).
    var irVersion: Int64
    /// Operator set versions by domain (`ai.onnx`, `ai.onnx.ml`).
    var opsets: [String: Int64]
    var producer: String
    var nodes: [Node]
    /// Constant tensors by name.
    var initializers: [String: Tensor]
    /// The inputs a caller provides (initializers listed as inputs by older IR versions are left out).
    var inputs: [ValueInfo]
    var outputs: [ValueInfo]
}
