import Foundation
import Testing

@testable import FerryServing

@Suite("Encoding and scaling kernels")
struct EncoderKernelTests {
    typealias H = KernelHarness

    @Test("OneHotEncoder appends a category axis; unknown categories are zeros, or an error with zeros=0")
    func oneHot() throws {
        let encoder = H.ml("OneHotEncoder", ["cats_strings": .strings(["red", "green"]), "zeros": .int(1)])
        let out = try H.run(encoder, [.string(["green", "blue"], shape: [2, 1])])[0]
        #expect(out == .float([0, 1, 0, 0], shape: [2, 1, 2]))
        let strict = H.ml("OneHotEncoder", ["cats_int64s": .ints([3, 5]), "zeros": .int(0)])
        #expect(try H.run(strict, [.int64([5], shape: [1])])[0] == .float([0, 1], shape: [1, 2]))
        #expect(throws: RuntimeError.self) { try H.run(strict, [.int64([4], shape: [1])]) }
        #expect(throws: RuntimeError.self) { try H.run(H.ml("OneHotEncoder"), [.int64([4], shape: [1])]) }
    }

    @Test("LabelEncoder maps strings, integers and floats with their defaults; keys and values must pair up")
    func labelEncoder() throws {
        let toInt = H.ml("LabelEncoder", ["keys_strings": .strings(["a", "b"]), "values_int64s": .ints([10, 20])])
        #expect(try H.run(toInt, [.string(["b", "z", "a"], shape: [3, 1])], opset: 2)[0] == .int64([20, -1, 10], shape: [3, 1]))
        let toString = H.ml("LabelEncoder", ["keys_int64s": .ints([1, 2]), "values_strings": .strings(["one", "two"]), "default_string": .string("?")])
        #expect(try H.run(toString, [.int64([2, 7], shape: [2])], opset: 2)[0] == .string(["two", "?"], shape: [2]))
        let floats = H.ml("LabelEncoder", ["keys_floats": .floats([0.5, .nan]), "values_floats": .floats([1, 2]), "default_float": .float(9)])
        #expect(try H.run(floats, [.float([.nan, 0.5, 3], shape: [3])], opset: 2)[0] == .float([2, 1, 9], shape: [3]))
        let tensors = H.ml("LabelEncoder", [
            "keys_tensor": .tensor(.string(["x"], shape: [1])), "values_tensor": .tensor(.int64([4], shape: [1])),
            "default_tensor": .tensor(.int64([0], shape: [1])),
        ])
        #expect(try H.run(tensors, [.string(["x", "y"], shape: [2])], opset: 4)[0] == .int64([4, 0], shape: [2]))
        let legacy = H.ml("LabelEncoder", ["classes_strings": .strings(["p", "q"])])
        #expect(try H.run(legacy, [.string(["q", "r"], shape: [2])], opset: 1)[0] == .int64([1, -1], shape: [2]))
        #expect(throws: RuntimeError.self) {
            try H.run(H.ml("LabelEncoder", ["keys_strings": .strings(["a", "b"]), "values_int64s": .ints([1])]), [.string(["a"], shape: [1])], opset: 2)
        }
        #expect(throws: RuntimeError.self) { try H.run(toInt, [.int64([1], shape: [1])], opset: 2) }
    }

    @Test("Imputer replaces NaN (or the given sentinel) per feature; Scaler and Normalizer follow their formulas")
    func imputerAndScaling() throws {
        let imputer = H.ml("Imputer", ["imputed_value_floats": .floats([7, 8]), "replaced_value_float": .float(.nan)])
        #expect(try H.run(imputer, [.float([.nan, 1, 2, .nan], shape: [2, 2])])[0] == .float([7, 1, 2, 8], shape: [2, 2]))
        let sentinel = H.ml("Imputer", ["imputed_value_int64s": .ints([0]), "replaced_value_int64": .int(-1)])
        #expect(try H.run(sentinel, [.int64([-1, 3], shape: [1, 2])])[0] == .int64([0, 3], shape: [1, 2]))
        #expect(throws: RuntimeError.self) { try H.run(imputer, [.float([1, 2, 3], shape: [1, 3])]) }
        let normalized = try H.run(H.ml("Normalizer", ["norm": .string("L1")]), [.float([1, 3, 0, 0], shape: [2, 2])])[0]
        #expect(normalized == .float([0.25, 0.75, 0, 0], shape: [2, 2]))
        let scaled = try H.run(H.ml("Scaler", ["offset": .floats([1, 2]), "scale": .floats([2, 0.5])]), [.float([3, 4], shape: [1, 2])])[0]
        #expect(scaled == .float([4, 1], shape: [1, 2]))
    }

    @Test("ZipMap passes the probabilities through as [N, C] and checks their width against its labels")
    func zipMap() throws {
        let zipMap = H.ml("ZipMap", ["classlabels_strings": .strings(["a", "b"])])
        let probabilities = Tensor.float([0.25, 0.75], shape: [1, 2])
        #expect(try H.run(zipMap, [probabilities])[0] == probabilities)
        #expect(throws: RuntimeError.self) { try H.run(zipMap, [.float([1, 0, 0], shape: [1, 3])]) }
    }

    @Test("Linear kernels check their coefficients when prepared, not when run")
    func linearValidation() throws {
        let node = H.ml("LinearClassifier", ["coefficients": .floats([1, 2, 3]), "classlabels_ints": .ints([0, 1])])
        #expect(throws: RuntimeError.self) { try KernelTable.kernels["ai.onnx.ml.LinearClassifier"]?.prepare(node, KernelContext(constants: [nil], opset: 1)) }
        let regressor = H.ml("LinearRegressor", ["coefficients": .floats([1, 2]), "intercepts": .floats([0.5])])
        #expect(try H.run(regressor, [.float([1, 1, 2, 0], shape: [2, 2])])[0] == .float([3.5, 2.5], shape: [2, 1]))
        #expect(throws: RuntimeError.self) { try H.run(regressor, [.float([1, 1, 1], shape: [1, 3])]) }
    }
}

@Suite("Vector exponential")
struct VectorMathTests {
    @Test("exp and logistic agree with Foundation's to float32 rounding, saturate at the ends and keep NaN")
    func exponential() {
        let inputs: [Float] = [-100, -87, -20, -1, -0.5, 0, 1e-7, 0.5, 1, 10, 50, 88, 100, .nan, .infinity, -.infinity]
        var values = inputs
        values.withUnsafeMutableBufferPointer { VectorMath.map($0, VectorMath.exp) }
        for (x, got) in zip(inputs, values) {
            if x.isNaN { #expect(got.isNaN); continue }
            let want = Foundation.exp(Double(x))
            if x < -87.4 { #expect(got >= 0 && got < 1.2e-38, "exp(\(x)) = \(got)") } else if x > 88.8 { #expect(got == .infinity, "exp(\(x)) = \(got)") } else {
                #expect(Swift.abs(Double(got) - want) <= 4e-7 * want, "exp(\(x)) = \(got), want \(want)")
            }
        }
        var probabilities = inputs
        PostTransform(.logistic).apply(&probabilities, rows: 1, columns: inputs.count)
        for (x, got) in zip(inputs, probabilities) {
            if x.isNaN { #expect(got.isNaN); continue }
            #expect(Swift.abs(Double(got) - 1 / (1 + Foundation.exp(-Double(x)))) <= 1e-6, "logistic(\(x)) = \(got)")
        }
    }
}
