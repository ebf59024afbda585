/// The operators Ferry's runtime evaluates: those the common converters (skl2onnx, onnxmltools,
/// torch.onnx) emit for tabular models.
enum SupportedOperators {
    static let standard: Set<String> = [
        "Abs", "Add", "ArgMax", "Cast", "Concat", "Div", "Flatten", "Gather", "Gemm", "Identity", "MatMul", "Mul", "Relu",
        "ReduceSum", "Reshape", "Sigmoid", "Softmax", "Sub",
    ]

    static let ml: Set<String> = [
        "ArrayFeatureExtractor", "Imputer", "LabelEncoder", "LinearClassifier", "LinearRegressor", "Normalizer",
        "OneHotEncoder", "Scaler", "TreeEnsembleClassifier", "TreeEnsembleRegressor", "ZipMap",
    ]

    /// Whether `node`'s operator is one Ferry runs.
    static func contains(_ node: Node) -> Bool {
        switch node.domain {
        case Node.standardDomain: standard.contains(node.opType)
        case Node.mlDomain: ml.contains(node.opType)
        default: false
        }
    }
}
