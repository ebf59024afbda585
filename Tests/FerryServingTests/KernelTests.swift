import Testing

@testable import FerryServing

@Suite("Runtime kernels")
struct KernelTests {
    static func node(_ opType: String, domain: String = Node.standardDomain, _ attributes: [String: Attribute] = [:]) -> Node {
        Node(name: "n", opType: opType, domain: domain, inputs: [], outputs: [], attributes: attributes)
    }

    @Test("Broadcast shapes and source indices follow numpy's rules")
    func broadcasting() {
        #expect(Broadcasting.shape([2, 3], [3]) == [2, 3])
        #expect(Broadcasting.shape([2, 1], [1, 3]) == [2, 3])
        #expect(Broadcasting.shape([2, 3], [2]) == nil)
        #expect(Broadcasting.sourceIndices([3], into: [2, 3]) == [0, 1, 2, 0, 1, 2])
        #expect(Broadcasting.sourceIndices([2, 1], into: [2, 3]) == [0, 0, 0, 1, 1, 1])
        #expect(Broadcasting.sourceIndices([], into: [2, 2]) == [0, 0, 0, 0])
    }

    @Test("Add broadcasts a row over a matrix; incompatible shapes are an error")
    func add() throws {
        let sum = try ElementwiseKernels.add(Self.node("Add"), [.float([1, 2, 3, 4, 5, 6], shape: [2, 3]), .float([10, 20, 30], shape: [3])])
        #expect(sum[0] == .float([11, 22, 33, 14, 25, 36], shape: [2, 3]))
        #expect(throws: RuntimeError.self) {
            try ElementwiseKernels.add(Self.node("Add"), [.float([1, 2], shape: [2]), .float([1, 2, 3], shape: [3])])
        }
    }

    @Test("Reshape resolves 0 and -1; ArrayFeatureExtractor gathers the last axis; ArgMax keeps the first maximum")
    func shapes() throws {
        let reshaped = try ShapeKernels.reshape(Self.node("Reshape"), [.float([1, 2, 3, 4, 5, 6], shape: [2, 3]), .int64([-1, 1], shape: [2])])
        #expect(reshaped[0].shape == [6, 1])
        let picked = try ShapeKernels.arrayFeatureExtractor(
            Self.node("ArrayFeatureExtractor", domain: Node.mlDomain), [.int64([7, 8, 9], shape: [3]), .int64([2, 0], shape: [2])])
        #expect(picked[0] == .int64([9, 7], shape: [2]))
        let best = try MatrixKernels.argMax(Self.node("ArgMax", ["axis": .int(1)]), [.float([1, 3, 3, 5, 2, 0], shape: [2, 3])])
        #expect(best[0] == .int64([1, 0], shape: [2, 1]))
    }

    @Test("Normalizer leaves a zero row alone; Scaler uses per-feature offset and scale")
    func scaling() throws {
        let normalized = try ScalingKernels.normalizer(Self.node("Normalizer", domain: Node.mlDomain, ["norm": .string("L1")]), [.float([1, 3, 0, 0], shape: [2, 2])])
        #expect(normalized[0] == .float([0.25, 0.75, 0, 0], shape: [2, 2]))
        let scaled = try ScalingKernels.scaler(
            Self.node("Scaler", domain: Node.mlDomain, ["offset": .floats([1, 2]), "scale": .floats([2, 0.5])]), [.float([3, 4], shape: [1, 2])])
        #expect(scaled[0] == .float([4, 1], shape: [1, 2]))
    }
}
