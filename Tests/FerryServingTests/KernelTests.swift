import Testing

@testable import FerryServing

/// Building nodes and running one prepared kernel, for the kernel suites.
enum KernelHarness {
    static func node(_ opType: String, domain: String = Node.standardDomain, _ attributes: [String: Attribute] = [:]) -> Node {
        Node(name: "n", opType: opType, domain: domain, inputs: [], outputs: [], attributes: attributes)
    }

    static func ml(_ opType: String, _ attributes: [String: Attribute] = [:]) -> Node {
        node(opType, domain: Node.mlDomain, attributes)
    }

    /// Prepares `node`'s kernel from the table (constants: none, unless given) and runs it on `inputs`.
    static func run(_ node: Node, _ inputs: [Tensor], constants: [Tensor?]? = nil, opset: Int64 = 13) throws -> [Tensor] {
        guard let entry = KernelTable.kernels[node.qualifiedName] else { throw RuntimeError("no kernel for \(node.qualifiedName)") }
        let kernel = try entry.prepare(node, KernelContext(constants: constants ?? inputs.map { _ in nil }, opset: opset))
        return try kernel(inputs)
    }
}

@Suite("Runtime kernels")
struct KernelTests {
    typealias H = KernelHarness

    @Test("Broadcast shapes, trailing periods and source indices follow numpy's rules")
    func broadcasting() {
        #expect(Broadcasting.shape([2, 3], [3]) == [2, 3])
        #expect(Broadcasting.shape([2, 1], [1, 3]) == [2, 3])
        #expect(Broadcasting.shape([2, 3], [2]) == nil)
        #expect(Broadcasting.trailingPeriod([3], in: [2, 3]) == 3)
        #expect(Broadcasting.trailingPeriod([], in: [2, 3]) == 1)
        #expect(Broadcasting.trailingPeriod([2, 1], in: [2, 3]) == nil)
        #expect(Broadcasting.sourceIndices([3], into: [2, 3]) == [0, 1, 2, 0, 1, 2])
        #expect(Broadcasting.sourceIndices([2, 1], into: [2, 3]) == [0, 0, 0, 1, 1, 1])
    }

    @Test("Add and Sub broadcast rows, scalars and columns; incompatible shapes are an error")
    func arithmetic() throws {
        let matrix = Tensor.float([1, 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(try H.run(H.node("Add"), [matrix, .float([10, 20, 30], shape: [3])])[0] == .float([11, 22, 33, 14, 25, 36], shape: [2, 3]))
        #expect(try H.run(H.node("Sub"), [.float([1], shape: []), matrix])[0] == .float([0, -1, -2, -3, -4, -5], shape: [2, 3]))
        #expect(try H.run(H.node("Mul"), [matrix, .float([2, 10], shape: [2, 1])])[0] == .float([2, 4, 6, 40, 50, 60], shape: [2, 3]))
        #expect(try H.run(H.node("Div"), [.int64([7, 8], shape: [2]), .int64([2, 0], shape: [2])])[0] == .int64([3, 0], shape: [2]))
        #expect(throws: RuntimeError.self) { try H.run(H.node("Add"), [.float([1, 2], shape: [2]), .float([1, 2, 3], shape: [3])]) }
    }

    @Test("Gemm transposes B, scales by alpha and adds beta·C broadcast; MatMul keeps batch dimensions")
    func products() throws {
        let a = Tensor.float([1, 2, 3, 4], shape: [2, 2])
        let b = Tensor.float([1, 0, 1, 1, 1, 0], shape: [3, 2])  // [N=3, K=2], used as Bᵀ
        let gemm = H.node("Gemm", ["transB": .int(1), "alpha": .float(2), "beta": .float(0.5)])
        let y = try H.run(gemm, [a, b, .float([2, 4, 6], shape: [3])], constants: [nil, b, nil])
        #expect(y[0] == .float([3, 8, 5, 7, 16, 9], shape: [2, 3]))
        let transposedA = try H.run(H.node("Gemm", ["transA": .int(1)]), [a, .float([1, 0, 0, 1], shape: [2, 2])])
        #expect(transposedA[0] == .float([1, 3, 2, 4], shape: [2, 2]))
        #expect(throws: RuntimeError.self) { try H.run(gemm, [a, .float([1, 2], shape: [1, 2]), .float([1, 2, 3], shape: [3])]) }
        let product = try H.run(H.node("MatMul"), [.float([1, 2, 3, 4, 5, 6, 7, 8], shape: [2, 2, 2]), .float([1, 1, 0, 1], shape: [2, 2])])
        #expect(product[0] == .float([1, 3, 3, 7, 5, 11, 7, 15], shape: [2, 2, 2]))
    }

    @Test("Softmax works along an axis from opset 13 and over the flattened tail before it")
    func softmax() throws {
        let x = Tensor.float([0, 0, 0, 0], shape: [1, 2, 2])
        let perAxis = try H.run(H.node("Softmax", ["axis": .int(1)]), [x], opset: 13)[0]
        #expect(perAxis == .float([0.5, 0.5, 0.5, 0.5], shape: [1, 2, 2]))
        let flattened = try H.run(H.node("Softmax", ["axis": .int(1)]), [x], opset: 11)[0]
        #expect(flattened == .float([0.25, 0.25, 0.25, 0.25], shape: [1, 2, 2]))
    }

    @Test("ArgMax keeps the first maximum, or the last with select_last_index, along any axis")
    func argMax() throws {
        let x = Tensor.float([1, 3, 3, 5, 2, 0], shape: [2, 3])
        #expect(try H.run(H.node("ArgMax", ["axis": .int(1)]), [x])[0] == .int64([1, 0], shape: [2, 1]))
        #expect(try H.run(H.node("ArgMax", ["axis": .int(-1), "select_last_index": .int(1), "keepdims": .int(0)]), [x])[0] == .int64([2, 0], shape: [2]))
        #expect(try H.run(H.node("ArgMax"), [x])[0] == .int64([1, 0, 0], shape: [1, 3]))
    }

    @Test("ReduceSum reduces the attribute's or the input's axes, all of them when none are given")
    func reduceSum() throws {
        let x = Tensor.float([1, 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(try H.run(H.node("ReduceSum", ["axes": .ints([1])]), [x], opset: 11)[0] == .float([6, 15], shape: [2, 1]))
        #expect(try H.run(H.node("ReduceSum", ["keepdims": .int(0)]), [x, .int64([0], shape: [1])])[0] == .float([5, 7, 9], shape: [3]))
        #expect(try H.run(H.node("ReduceSum"), [x])[0] == .float([21], shape: [1, 1]))
        #expect(try H.run(H.node("ReduceSum", ["noop_with_empty_axes": .int(1)]), [x])[0] == x)
        #expect(throws: RuntimeError.self) { try H.run(H.node("ReduceSum", ["axes": .ints([2])]), [x], opset: 11) }
    }

    @Test("Reshape resolves 0 and -1; Concat joins along any axis; Gather and ArrayFeatureExtractor pick positions")
    func shapes() throws {
        let x = Tensor.float([1, 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(try H.run(H.node("Reshape"), [x, .int64([-1, 1], shape: [2])])[0].shape == [6, 1])
        #expect(try H.run(H.node("Reshape"), [x, .int64([0, -1], shape: [2])])[0].shape == [2, 3])
        #expect(throws: RuntimeError.self) { try H.run(H.node("Reshape"), [x, .int64([4, -1], shape: [2])]) }
        let joined = try H.run(H.node("Concat", ["axis": .int(-1)]), [.string(["a", "b"], shape: [2, 1, 1]), .string(["c", "d", "e", "f"], shape: [2, 1, 2])])
        #expect(joined[0] == .string(["a", "c", "d", "b", "e", "f"], shape: [2, 1, 3]))
        #expect(throws: RuntimeError.self) { try H.run(H.node("Concat", ["axis": .int(1)]), [x, .int64([1, 2], shape: [2, 1])]) }
        #expect(try H.run(H.node("Gather", ["axis": .int(1)]), [x, .int64([-1, 0], shape: [2])])[0] == .float([3, 1, 6, 4], shape: [2, 2]))
        #expect(try H.run(H.node("Gather"), [x, .int64([1], shape: [])])[0] == .float([4, 5, 6], shape: [3]))
        #expect(throws: RuntimeError.self) { try H.run(H.node("Gather"), [x, .int64([2], shape: [1])]) }
        let picked = try H.run(H.ml("ArrayFeatureExtractor"), [.int64([7, 8, 9], shape: [3]), .int64([2, 0], shape: [2])])
        #expect(picked[0] == .int64([9, 7], shape: [2]))
    }

    @Test("Cast converts numbers and strings as onnxruntime does, and refuses what it cannot read")
    func cast() throws {
        let toString = H.node("Cast", ["to": .int(8)])
        let written = try H.run(toString, [.float([0.5, 1, 3.14159274, 123456789, .nan, -.infinity, -0.0], shape: [7])])[0]
        #expect(written == .string(["0.5", "1", "3.1415927", "1.2345679e+08", "NaN", "-INF", "-0"], shape: [7]))
        #expect(try H.run(toString, [.int64([12, -3], shape: [2])])[0] == .string(["12", "-3"], shape: [2]))
        let read = try H.run(H.node("Cast", ["to": .int(1)]), [.string(["0.5", " 7", "-2.25e3", "inf"], shape: [4])])[0]
        #expect(read == .float([0.5, 7, -2250, .infinity], shape: [4]))
        #expect(try H.run(H.node("Cast", ["to": .int(7)]), [.float([2.9, -2.9], shape: [2])])[0] == .int64([2, -2], shape: [2]))
        #expect(throws: RuntimeError.self) { try H.run(H.node("Cast", ["to": .int(1)]), [.string(["abc"], shape: [1])]) }
        #expect(throws: RuntimeError.self) { try H.run(H.node("Cast", ["to": .int(7)]), [.float([.nan], shape: [1])]) }
        #expect(throws: RuntimeError.self) { try H.run(H.node("Cast", ["to": .int(99)]), [.float([1], shape: [1])]) }
    }

    @Test("The executor refuses, naming the node, a wrong number of inputs and an input nothing produces")
    func executorChecksTheGraph() throws {
        func model(_ node: Node) -> Model {
            Model(
                irVersion: 8, opsets: ["ai.onnx": 13], producer: "test", nodes: [node], initializers: [:],
                inputs: [ValueInfo(name: "x", kind: .tensor(elementType: 1, shape: nil))], outputs: [ValueInfo(name: "y", kind: .unspecified)])
        }
        let unary = Node(name: "relu", opType: "Relu", domain: Node.standardDomain, inputs: ["x", "x"], outputs: ["y"], attributes: [:])
        let arity = #expect(throws: RuntimeError.self) { try GraphExecutor(model: model(unary)) }
        #expect(arity?.description == "Relu node 'relu': takes 1 inputs, the node has 2")
        let dangling = Node(name: "add", opType: "Add", domain: Node.standardDomain, inputs: ["x", "z"], outputs: ["y"], attributes: [:])
        let missing = #expect(throws: RuntimeError.self) { try GraphExecutor(model: model(dangling)) }
        #expect(missing?.description == "Add node 'add': input 'z' is not produced by any earlier node, input or initializer")
        let relu = Node(name: "relu", opType: "Relu", domain: Node.standardDomain, inputs: ["x"], outputs: ["y"], attributes: [:])
        let outputs = try GraphExecutor(model: model(relu)).run(["x": .float([-1, 2], shape: [2])])
        #expect(outputs["y"] == .float([0, 2], shape: [2]))
        #expect(throws: RuntimeError.self) { try GraphExecutor(model: model(relu)).run([:]) }
    }
}
