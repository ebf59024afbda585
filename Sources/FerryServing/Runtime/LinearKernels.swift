/// ai.onnx.ml LinearRegressor and LinearClassifier: scores = X·Wᵀ + intercepts, with W [targets × F] row-major.
enum LinearKernels {
    static func regressor(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        let x = try inputs[0].floatValues(for: node)
        let (rows, features) = try inputs[0].matrixShape(for: node)
        let coefficients = node.floats("coefficients") ?? []
        let targets = Int(node.int("targets") ?? 1)
        guard targets > 0, coefficients.count == targets * features else {
            throw RuntimeError.node(node, "\(coefficients.count) coefficients do not fit \(targets) targets × \(features) features")
        }
        var scores = affine(x, rows: rows, features: features, coefficients: coefficients, intercepts: node.floats("intercepts"), outputs: targets)
        try PostTransform(node).apply(&scores, rows: rows, columns: targets)
        return [.float(scores, shape: [rows, targets])]
    }

    static func classifier(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        let x = try inputs[0].floatValues(for: node)
        let (rows, features) = try inputs[0].matrixShape(for: node)
        let coefficients = node.floats("coefficients") ?? []
        let labels = ClassLabels(node, integerKey: "classlabels_ints")
        let classes = labels.count
        guard classes > 0, features > 0, coefficients.count % features == 0 else {
            throw RuntimeError.node(node, "\(coefficients.count) coefficients do not fit \(features) features")
        }
        let outputs = coefficients.count / features
        guard outputs == classes else {
            throw RuntimeError.node(node, "\(outputs) coefficient rows for \(classes) class labels are not supported")
        }
        var scores = affine(x, rows: rows, features: features, coefficients: coefficients, intercepts: node.floats("intercepts"), outputs: outputs)
        try PostTransform(node).apply(&scores, rows: rows, columns: outputs)
        let chosen = ClassLabels.argMaxPerRow(scores, rows: rows, columns: outputs)
        return [labels.tensor(chosen), .float(scores, shape: [rows, outputs])]
    }

    /// X [rows × features] · Wᵀ [features × outputs] + intercepts, accumulated in float32 as onnxruntime does.
    static func affine(_ x: [Float], rows: Int, features: Int, coefficients: [Float], intercepts: [Float]?, outputs: Int) -> [Float] {
        var result = [Float](repeating: 0, count: rows * outputs)
        x.withUnsafeBufferPointer { x in
            coefficients.withUnsafeBufferPointer { w in
                result.withUnsafeMutableBufferPointer { out in
                    for row in 0..<rows {
                        let xRow = row * features
                        for output in 0..<outputs {
                            let wRow = output * features
                            var sum: Float = 0
                            for feature in 0..<features { sum += x[xRow + feature] * w[wRow + feature] }
                            out[row * outputs + output] = sum + (intercepts.map { $0.count == outputs ? $0[output] : 0 } ?? 0)
                        }
                    }
                }
            }
        }
        return result
    }
}
