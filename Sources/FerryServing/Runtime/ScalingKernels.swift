/// ai.onnx.ml Scaler ((x − offset) · scale, per feature), Normalizer (per row: MAX, L1 or L2) and Imputer
/// (replaces a sentinel value, NaN by default in the converters, by a per-feature value).
enum ScalingKernels {
    static func scaler(_ node: Node, _ context: KernelContext) throws -> Kernel {
        let offset = node.floats("offset") ?? [0]
        let scale = node.floats("scale") ?? [1]
        return { inputs in
            var x = try inputs[0].floatValues(for: node)
            let (rows, features) = try inputs[0].matrixShape(for: node)
            guard [1, features].contains(offset.count), [1, features].contains(scale.count) else {
                throw RuntimeError.node(node, "offset (\(offset.count)) and scale (\(scale.count)) must have 1 or \(features) values")
            }
            let offsets = offset.count == features ? offset : [Float](repeating: offset[0], count: features)
            let scales = scale.count == features ? scale : [Float](repeating: scale[0], count: features)
            x.withUnsafeMutableBufferPointer { x in
                for row in 0..<rows {
                    let start = row * features
                    for feature in 0..<features { x[start + feature] = (x[start + feature] - offsets[feature]) * scales[feature] }
                }
            }
            return [.float(x, shape: inputs[0].shape)]
        }
    }

    static func normalizer(_ node: Node, _ context: KernelContext) throws -> Kernel {
        let norm = node.string("norm") ?? "MAX"
        guard ["MAX", "L1", "L2"].contains(norm) else { throw RuntimeError.node(node, "norm \(norm) is not supported") }
        return { inputs in
            var x = try inputs[0].floatValues(for: node)
            let (rows, columns) = try inputs[0].matrixShape(for: node)
            x.withUnsafeMutableBufferPointer { x in
                for row in 0..<rows {
                    let start = row * columns
                    var divisor: Float = norm == "MAX" ? -.infinity : 0
                    for index in start..<(start + columns) {
                        switch norm {
                        case "MAX": divisor = max(divisor, x[index])
                        case "L1": divisor += Swift.abs(x[index])
                        default: divisor += x[index] * x[index]
                        }
                    }
                    if norm == "L2" { divisor = divisor.squareRoot() }
                    guard divisor != 0, columns > 0 else { continue }  // rows with a zero divisor stay as they are
                    for index in start..<(start + columns) { x[index] /= divisor }
                }
            }
            return [.float(x, shape: inputs[0].shape)]
        }
    }

    /// Imputer: `imputed_value_floats` (one value, or one per feature) replace `replaced_value_float` (NaN when
    /// it is NaN); the INT64 variant uses `imputed_value_int64s` and `replaced_value_int64`.
    static func imputer(_ node: Node, _ context: KernelContext) throws -> Kernel {
        let floatValues = node.floats("imputed_value_floats") ?? []
        let intValues = node.ints("imputed_value_int64s") ?? []
        guard !floatValues.isEmpty || !intValues.isEmpty else {
            throw RuntimeError.node(node, "has neither imputed_value_floats nor imputed_value_int64s")
        }
        let replacedFloat = node.float("replaced_value_float") ?? 0
        let replacedInt = node.int("replaced_value_int64") ?? 0
        return { inputs in
            let input = inputs[0]
            let features = input.shape.last ?? 1
            func fill<T>(_ values: [T], _ imputed: [T], _ isReplaced: (T) -> Bool) throws -> [T] {
                guard imputed.count == 1 || imputed.count == features else {
                    throw RuntimeError.node(node, "\(imputed.count) imputed values for \(features) features")
                }
                var out = values
                for index in out.indices where isReplaced(out[index]) {
                    out[index] = imputed[imputed.count == 1 ? 0 : index % features]
                }
                return out
            }
            if case .int64(let values) = input.values {
                guard !intValues.isEmpty else { throw RuntimeError.node(node, "an INT64 input needs imputed_value_int64s") }
                return [.int64(try fill(values, intValues) { $0 == replacedInt }, shape: input.shape)]
            }
            guard !floatValues.isEmpty else { throw RuntimeError.node(node, "a float input needs imputed_value_floats") }
            let isReplaced: (Float) -> Bool = replacedFloat.isNaN ? { $0.isNaN } : { $0 == replacedFloat }
            return [.float(try fill(try input.floatValues(for: node), floatValues, isReplaced), shape: input.shape)]
        }
    }
}
