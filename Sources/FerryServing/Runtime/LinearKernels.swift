/// ai.onnx.ml LinearRegressor and LinearClassifier: scores = X·Wᵀ + intercepts, with W [targets × F] row-major.
enum LinearKernels {
    static func regressor(_ node: Node, _ context: KernelContext) throws -> Kernel {
        let targets = Int(node.int("targets") ?? 1)
        let model = try Affine(node, outputs: targets)
        let transform = try PostTransform(node)
        return { inputs in
            var scores = try model.scores(inputs[0], node)
            let rows = scores.count / targets
            transform.apply(&scores, rows: rows, columns: targets)
            return [.float(scores, shape: [rows, targets])]
        }
    }

    static func classifier(_ node: Node, _ context: KernelContext) throws -> Kernel {
        let labels = ClassLabels(node, integerKey: "classlabels_ints")
        let classes = labels.count
        guard classes > 0 else { throw RuntimeError.node(node, "has no class labels") }
        let model = try Affine(node, outputs: classes)
        let transform = try PostTransform(node)
        return { inputs in
            var scores = try model.scores(inputs[0], node)
            let rows = scores.count / classes
            let chosen = scores.withUnsafeMutableBufferPointer { scores in
                transform.apply(scores, rows: rows, columns: classes)
                return ClassLabels.argMaxPerRow(UnsafeBufferPointer(scores), rows: rows, columns: classes)
            }
            return [labels.tensor(chosen), .float(scores, shape: [rows, classes])]
        }
    }

    /// The coefficients and intercepts of a linear node, checked against its number of outputs.
    struct Affine: Sendable {
        let coefficients: [Float]
        let intercepts: [Float]
        let outputs: Int
        let features: Int

        init(_ node: Node, outputs: Int) throws {
            let coefficients = node.floats("coefficients") ?? []
            guard outputs > 0, !coefficients.isEmpty, coefficients.count % outputs == 0 else {
                throw RuntimeError.node(node, "\(coefficients.count) coefficients do not fit \(outputs) outputs")
            }
            let intercepts = node.floats("intercepts") ?? []
            guard intercepts.isEmpty || intercepts.count == outputs else {
                throw RuntimeError.node(node, "\(intercepts.count) intercepts for \(outputs) outputs")
            }
            self.coefficients = coefficients
            self.intercepts = intercepts.isEmpty ? [Float](repeating: 0, count: outputs) : intercepts
            self.outputs = outputs
            self.features = coefficients.count / outputs
        }

        /// X [rows × features] · Wᵀ + intercepts, [rows × outputs].
        func scores(_ input: Tensor, _ node: Node) throws -> [Float] {
            let (rows, columns) = try input.matrixShape(for: node)
            guard columns == features else {
                throw RuntimeError.node(node, "the input has \(columns) features, the coefficients \(features)")
            }
            let x = try input.floatValues(for: node)
            let (features, outputs) = (self.features, self.outputs)
            return [Float](unsafeUninitializedCapacity: rows * outputs) { out, initialized in
                x.withUnsafeBufferPointer { x in
                    coefficients.withUnsafeBufferPointer { w in
                        intercepts.withUnsafeBufferPointer { b in
                            for row in 0..<rows {
                                let xRow = x.baseAddress! + row * features
                                for output in 0..<outputs {
                                    let value = Self.dot(xRow, w.baseAddress! + output * features, features) + b[output]
                                    out.initializeElement(at: row * outputs + output, to: value)
                                }
                            }
                        }
                    }
                }
                initialized = rows * outputs
            }
        }

        /// The dot product of `count` floats, eight lanes at a time.
        @inline(__always)
        static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
            var lanes = SIMD8<Float>()
            var index = 0
            while index + 8 <= count {
                let x = UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self)
                let y = UnsafeRawPointer(b + index).loadUnaligned(as: SIMD8<Float>.self)
                lanes += x * y
                index += 8
            }
            var sum = lanes.sum()
            while index < count {
                sum += a[index] * b[index]
                index += 1
            }
            return sum
        }
    }
}
