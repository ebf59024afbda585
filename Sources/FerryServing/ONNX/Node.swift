/// One operator call in a graph.
struct Node: Sendable, Equatable {
    /// The standard operator domain; an empty domain in the file means this one.
    static let standardDomain = "ai.onnx"
    /// The domain of the classic-ML operators (LinearClassifier, TreeEnsembleClassifier, ...).
    static let mlDomain = "ai.onnx.ml"

    var name: String
    var opType: String
    /// `ai.onnx` or `ai.onnx.ml` (never empty).
    var domain: String
    var inputs: [String]
    var outputs: [String]
    var attributes: [String: Attribute]

    /// `op_type`, prefixed by its domain unless it is the standard one (`ai.onnx.ml.ZipMap`, `Cast`).
    var qualifiedName: String { domain == Self.standardDomain ? opType : domain + "." + opType }
}
