/// Why a model file could not be loaded; the message names the file's problem precisely.
struct ModelLoadError: Error, Equatable, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    static func notONNX(_ detail: String) -> Self {
        Self("The file is not an ONNX model (\(detail)).")
    }

    static func unsupportedIRVersion(_ version: Int64) -> Self {
        Self("ONNX IR version \(version) is not supported; Ferry reads IR versions \(ModelLoader.irVersions.lowerBound) to \(ModelLoader.irVersions.upperBound).")
    }

    static func unsupportedOpset(domain: String, version: Int64) -> Self {
        let supported = ModelLoader.opsets[domain].map { "\($0.lowerBound) to \($0.upperBound)" }
        return Self(supported.map { "Operator set \(domain) version \(version) is not supported; Ferry reads versions \($0)." }
            ?? "Operator set domain '\(domain)' is not supported; Ferry reads ai.onnx and ai.onnx.ml.")
    }

    static func unsupportedOperators(_ names: [String]) -> Self {
        Self("The model uses operators Ferry does not run: \(names.joined(separator: ", ")).")
    }

    static func badTensor(_ name: String, _ detail: String) -> Self {
        Self("Tensor '\(name)': \(detail).")
    }
}
