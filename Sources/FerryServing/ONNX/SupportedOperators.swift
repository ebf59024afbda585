/// The operators Ferry's runtime evaluates: those the common converters (skl2onnx, onnxmltools, torch.onnx)
/// emit for tabular models. It is the kernel table's key set, so the loader and the runtime cannot disagree.
enum SupportedOperators {
    /// Qualified names (`Gemm`, `ai.onnx.ml.ZipMap`).
    static let names: Set<String> = Set(KernelTable.kernels.keys)

    /// Whether `node`'s operator is one Ferry runs.
    static func contains(_ node: Node) -> Bool {
        names.contains(node.qualifiedName)
    }
}
