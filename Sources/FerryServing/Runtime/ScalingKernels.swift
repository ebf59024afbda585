/// ai.onnx.ml Scaler ((x − offset) · scale, per feature) and Normalizer (per row: MAX, L1 or L2).
enum ScalingKernels {
    static func scaler(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        var x = try inputs[0].floatValues(for: node)
        let (rows, features) = try inputs[0].matrixShape(for: node)
        let offset = node.floats("offset") ?? [0]
        let scale = node.floats("scale") ?? [1]
        guard [1, features].contains(offset.count), [1, features].contains(scale.count) else {
            throw RuntimeError.node(node, "offset (\(offset.count)) and scale (\(scale.count)) must have 1 or \(features) values")
        }
        for row in 0..<rows {
            for feature in 0..<features {
                let index = row * features + feature
                x[index] = (x[index] - offset[offset.count == 1 ? 0 : feature]) * scale[scale.count == 1 ? 0 : feature]
            }
        }
        return [.float(x, shape: inputs[0].shape)]
    }

    static func normalizer(_ node: Node, _ inputs: [Tensor]) throws -> [Tensor] {
        var x = try inputs[0].floatValues(for: node)
        let (rows, columns) = try inputs[0].matrixShape(for: node)
        let norm = node.string("norm") ?? "MAX"
        for row in 0..<rows {
            let range = (row * columns)..<((row + 1) * columns)
            let divisor: Float
            switch norm {
            case "MAX": divisor = x[range].max() ?? 0
            case "L1": divisor = x[range].reduce(0) { $0 + abs($1) }
            case "L2": divisor = x[range].reduce(0) { $0 + $1 * $1 }.squareRoot()
            default: throw RuntimeError.node(node, "norm \(norm) is not supported")
            }
            guard divisor != 0 else { continue }  // rows with a zero divisor stay as they are
            for index in range { x[index] /= divisor }
        }
        return [.float(x, shape: inputs[0].shape)]
    }
}
