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
            // The label comes from the raw scores, as onnxruntime's does (a transform can round two scores to a tie).
            let chosen = scores.withUnsafeMutableBufferPointer { scores in
                let chosen = ClassLabels.argMaxPerRow(UnsafeBufferPointer(scores), rows: rows, columns: classes)
                transform.apply(scores, rows: rows, columns: classes)
                return chosen
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

        /// X [rows × features] · Wᵀ + intercepts, [rows × outputs]. Every score sums its products in feature
        /// order, so a row gives the same bits alone or in a batch.
        func scores(_ input: Tensor, _ node: Node) throws -> [Float] {
            let (rows, columns) = try input.matrixShape(for: node)
            guard columns == features else {
                throw RuntimeError.node(node, "the input has \(columns) features, the coefficients \(features)")
            }
            let x = try input.floatValues(for: node)
            return [Float](unsafeUninitializedCapacity: rows * outputs) { out, initialized in
                x.withUnsafeBufferPointer { x in
                    coefficients.withUnsafeBufferPointer { w in
                        intercepts.withUnsafeBufferPointer { b in
                            let blocked = rows / Self.block * Self.block
                            if blocked > 0 { Self.blockScores(x, w, b, rows: blocked, features: features, outputs: outputs, out) }
                            for row in blocked..<rows {
                                for output in 0..<outputs {
                                    var sum: Float = 0
                                    for feature in 0..<features { sum += x[row * features + feature] * w[output * features + feature] }
                                    out.initializeElement(at: row * outputs + output, to: sum + b[output])
                                }
                            }
                        }
                    }
                }
                initialized = rows * outputs
            }
        }

        /// Rows handled together by ``blockScores``: two eight-lane vectors.
        static let block = 16

        /// Scores for `rows` (a multiple of ``block``) rows: each block of rows is transposed so that one vector
        /// holds a feature of sixteen rows, and each output accumulates w · x over the features in lanes.
        private static func blockScores(
            _ x: UnsafeBufferPointer<Float>, _ w: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, rows: Int, features: Int,
            outputs: Int, _ out: UnsafeMutableBufferPointer<Float>
        ) {
            withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: features * 2) { columns in
                let lanes = UnsafeMutableRawPointer(columns.baseAddress!).assumingMemoryBound(to: Float.self)
                for start in stride(from: 0, to: rows, by: block) {
                    var source = x.baseAddress! + start * features
                    for row in 0..<block {
                        var target = lanes + row
                        for feature in 0..<features {
                            target.pointee = source[feature]
                            target += block
                        }
                        source += features
                    }
                    var output = 0
                    // Two outputs at a time (a binary classifier is exactly two): eight independent accumulators
                    // keep the adds from waiting on each other, and each transposed column is loaded once.
                    while output + 2 <= outputs {
                        var low0 = SIMD8<Float>(), high0 = SIMD8<Float>(), low1 = SIMD8<Float>(), high1 = SIMD8<Float>()
                        let first = w.baseAddress! + output &* features, second = first + features
                        for feature in 0..<features {
                            let (low, high) = (columns[feature &* 2], columns[feature &* 2 &+ 1])
                            low0 += low * first[feature]
                            high0 += high * first[feature]
                            low1 += low * second[feature]
                            high1 += high * second[feature]
                        }
                        store(low0 + b[output], high0 + b[output], output: output)
                        store(low1 + b[output + 1], high1 + b[output + 1], output: output + 1)
                        output += 2
                    }
                    if output < outputs {
                        var low = SIMD8<Float>(), high = SIMD8<Float>()
                        let weights = w.baseAddress! + output &* features
                        for feature in 0..<features {
                            low += columns[feature &* 2] * weights[feature]
                            high += columns[feature &* 2 &+ 1] * weights[feature]
                        }
                        store(low + b[output], high + b[output], output: output)
                    }
                    func store(_ low: SIMD8<Float>, _ high: SIMD8<Float>, output: Int) {
                        for lane in 0..<8 {
                            out.initializeElement(at: (start &+ lane) &* outputs &+ output, to: low[lane])
                            out.initializeElement(at: (start &+ 8 &+ lane) &* outputs &+ output, to: high[lane])
                        }
                    }
                }
            }
        }
    }
}
