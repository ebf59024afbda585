/// A node's operator prepared once: it maps the node's input tensors to its outputs.
typealias Kernel = @Sendable (_ inputs: [Tensor]) throws -> [Tensor]

/// What a kernel is prepared with besides its node: the node's inputs that are constants (initializers; nil where
/// an input is computed) and the version of the operator set the model imports for the node's domain.
struct KernelContext: Sendable {
    var constants: [Tensor?]
    var opset: Int64
}

/// How an operator is run: how many inputs it takes and how a node's kernel is prepared from its attributes.
struct OperatorKernel: Sendable {
    typealias Prepare = @Sendable (_ node: Node, _ context: KernelContext) throws -> Kernel

    let inputs: ClosedRange<Int>
    let prepare: Prepare

    init(inputs: ClosedRange<Int>, prepare: @escaping Prepare) {
        self.inputs = inputs
        self.prepare = prepare
    }

    /// An operator whose attributes are cheap to read on every call.
    static func stateless(inputs: ClosedRange<Int>, _ run: @escaping @Sendable (Node, [Tensor]) throws -> [Tensor]) -> Self {
        Self(inputs: inputs) { node, _ in { inputs in try run(node, inputs) } }
    }
}

/// The kernels by qualified operator name (`Cast`, `ai.onnx.ml.ZipMap`); ``SupportedOperators`` is this table's keys.
enum KernelTable {
    static let kernels: [String: OperatorKernel] = [
        "Identity": .stateless(inputs: 1...1, BasicKernels.identity),
        "Cast": OperatorKernel(inputs: 1...1, prepare: BasicKernels.cast),
        "Add": .stateless(inputs: 2...2, ElementwiseKernels.add),
        "Sub": .stateless(inputs: 2...2, ElementwiseKernels.sub),
        "Mul": .stateless(inputs: 2...2, ElementwiseKernels.mul),
        "Div": .stateless(inputs: 2...2, ElementwiseKernels.div),
        "Relu": .stateless(inputs: 1...1, ElementwiseKernels.relu),
        "Sigmoid": .stateless(inputs: 1...1, ElementwiseKernels.sigmoid),
        "Abs": .stateless(inputs: 1...1, ElementwiseKernels.abs),
        "MatMul": OperatorKernel(inputs: 2...2, prepare: MatrixKernels.matMul),
        "Gemm": OperatorKernel(inputs: 2...3, prepare: MatrixKernels.gemm),
        "Softmax": OperatorKernel(inputs: 1...1, prepare: MatrixKernels.softmax),
        "ArgMax": .stateless(inputs: 1...1, MatrixKernels.argMax),
        "ReduceSum": OperatorKernel(inputs: 1...2, prepare: ReductionKernels.reduceSum),
        "Reshape": .stateless(inputs: 2...2, ShapeKernels.reshape),
        "Flatten": .stateless(inputs: 1...1, ShapeKernels.flatten),
        "Concat": .stateless(inputs: 1...Int.max, ShapeKernels.concat),
        "Gather": .stateless(inputs: 2...2, ShapeKernels.gather),
        "ai.onnx.ml.ArrayFeatureExtractor": .stateless(inputs: 2...2, ShapeKernels.arrayFeatureExtractor),
        "ai.onnx.ml.TreeEnsembleRegressor": OperatorKernel(inputs: 1...1, prepare: TreeKernels.regressor),
        "ai.onnx.ml.TreeEnsembleClassifier": OperatorKernel(inputs: 1...1, prepare: TreeKernels.classifier),
        "ai.onnx.ml.TreeEnsemble": OperatorKernel(inputs: 1...1, prepare: TreeKernels.ensemble),
        "ai.onnx.ml.LinearRegressor": OperatorKernel(inputs: 1...1, prepare: LinearKernels.regressor),
        "ai.onnx.ml.LinearClassifier": OperatorKernel(inputs: 1...1, prepare: LinearKernels.classifier),
        "ai.onnx.ml.Scaler": OperatorKernel(inputs: 1...1, prepare: ScalingKernels.scaler),
        "ai.onnx.ml.Normalizer": OperatorKernel(inputs: 1...1, prepare: ScalingKernels.normalizer),
        "ai.onnx.ml.Imputer": OperatorKernel(inputs: 1...1, prepare: ScalingKernels.imputer),
        "ai.onnx.ml.OneHotEncoder": OperatorKernel(inputs: 1...1, prepare: EncoderKernels.oneHot),
        "ai.onnx.ml.LabelEncoder": OperatorKernel(inputs: 1...1, prepare: EncoderKernels.labelEncoder),
        "ai.onnx.ml.ZipMap": OperatorKernel(inputs: 1...1, prepare: EncoderKernels.zipMap),
    ]
}
