/// Runs a loaded model's nodes in order on named input tensors and returns the graph's outputs.
///
/// Operators without a kernel yet make ``init(model:)`` throw, naming each of them.
struct GraphExecutor: Sendable {
    typealias Kernel = @Sendable (_ node: Node, _ inputs: [Tensor]) throws -> [Tensor]

    /// The kernels implemented so far, by qualified operator name.
    static let kernels: [String: Kernel] = [
        "Identity": BasicKernels.identity,
        "Cast": BasicKernels.cast,
        "Add": ElementwiseKernels.add,
        "Sub": ElementwiseKernels.sub,
        "Mul": ElementwiseKernels.mul,
        "Div": ElementwiseKernels.div,
        "Relu": ElementwiseKernels.relu,
        "Sigmoid": ElementwiseKernels.sigmoid,
        "Abs": ElementwiseKernels.abs,
        "MatMul": MatrixKernels.matMul,
        "Softmax": MatrixKernels.softmax,
        "ArgMax": MatrixKernels.argMax,
        "Reshape": ShapeKernels.reshape,
        "Flatten": ShapeKernels.flatten,
        "Concat": ShapeKernels.concat,
        "ai.onnx.ml.ArrayFeatureExtractor": ShapeKernels.arrayFeatureExtractor,
        "ai.onnx.ml.TreeEnsembleRegressor": TreeKernels.regressor,
        "ai.onnx.ml.TreeEnsembleClassifier": TreeKernels.classifier,
        "ai.onnx.ml.LinearRegressor": LinearKernels.regressor,
        "ai.onnx.ml.LinearClassifier": LinearKernels.classifier,
        "ai.onnx.ml.Scaler": ScalingKernels.scaler,
        "ai.onnx.ml.Normalizer": ScalingKernels.normalizer,
    ]

    let model: Model
    private let steps: [(node: Node, kernel: Kernel)]

    init(model: Model) throws {
        let missing = Set(model.nodes.map(\.qualifiedName).filter { Self.kernels[$0] == nil })
        guard missing.isEmpty else {
            throw RuntimeError("The runtime has no kernel yet for: \(missing.sorted().joined(separator: ", "))")
        }
        self.model = model
        self.steps = model.nodes.map { ($0, Self.kernels[$0.qualifiedName]!) }
    }

    /// The graph's outputs for `inputs` (by input name).
    func run(_ inputs: [String: Tensor]) throws -> [String: Tensor] {
        var values = model.initializers
        for input in model.inputs {
            guard let value = inputs[input.name] else { throw RuntimeError("Missing input '\(input.name)'") }
            values[input.name] = value
        }
        for (node, kernel) in steps {
            let arguments = try node.inputs.filter { !$0.isEmpty }.map { name in
                guard let value = values[name] else { throw RuntimeError.node(node, "input '\(name)' has no value") }
                return value
            }
            let results = try kernel(node, arguments)
            for (name, value) in zip(node.outputs, results) { values[name] = value }
        }
        var outputs: [String: Tensor] = [:]
        for output in model.outputs {
            guard let value = values[output.name] else { throw RuntimeError("Output '\(output.name)' was not computed") }
            outputs[output.name] = value
        }
        return outputs
    }
}
