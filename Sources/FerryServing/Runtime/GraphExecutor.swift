/// Runs a loaded model: every node's kernel is prepared once (attributes read and checked, tree ensembles laid
/// out, constant weights arranged), values live in numbered slots, and ``run(_:)`` only computes.
///
/// Operators without a kernel, nodes with the wrong number of inputs and inputs that nothing produces make
/// ``init(model:)`` throw, naming the node.
struct GraphExecutor: Sendable {
    private struct Step: Sendable {
        let node: Node
        let kernel: Kernel
        let inputs: [Int]
        let outputs: [Int]
    }

    let model: Model
    private let steps: [Step]
    /// The slot of each value; initializers are already in ``constants``.
    private let slots: [String: Int]
    private let constants: [Tensor?]
    private let inputSlots: [(name: String, slot: Int)]
    private let outputSlots: [(name: String, slot: Int)]

    init(model: Model) throws {
        let missing = Set(model.nodes.map(\.qualifiedName).filter { KernelTable.kernels[$0] == nil })
        guard missing.isEmpty else {
            throw RuntimeError("The runtime has no kernel for: \(missing.sorted().joined(separator: ", "))")
        }
        var slots: [String: Int] = [:]
        var constants: [Tensor?] = []
        func slot(_ name: String) -> Int {
            if let existing = slots[name] { return existing }
            slots[name] = constants.count
            constants.append(nil)
            return constants.count - 1
        }
        for (name, tensor) in model.initializers.sorted(by: { $0.key < $1.key }) { constants[slot(name)] = tensor }
        var produced = Set(model.initializers.keys).union(model.inputs.map(\.name))
        let inputSlots = model.inputs.map { (name: $0.name, slot: slot($0.name)) }
        var steps: [Step] = []
        for node in model.nodes {
            guard let entry = KernelTable.kernels[node.qualifiedName] else { continue }
            let inputs = node.inputs.filter { !$0.isEmpty }
            guard entry.inputs.contains(inputs.count) else {
                throw RuntimeError.node(node, "takes \(Self.describe(entry.inputs)) inputs, the node has \(inputs.count)")
            }
            if let absent = inputs.first(where: { !produced.contains($0) }) {
                throw RuntimeError.node(node, "input '\(absent)' is not produced by any earlier node, input or initializer")
            }
            let inputIndices = inputs.map(slot)
            let context = KernelContext(constants: inputIndices.map { constants[$0] }, opset: model.opsets[node.domain] ?? 1)
            let kernel = try entry.prepare(node, context)
            produced.formUnion(node.outputs)
            steps.append(Step(node: node, kernel: kernel, inputs: inputIndices, outputs: node.outputs.map(slot)))
        }
        if let absent = model.outputs.first(where: { !produced.contains($0.name) }) {
            throw RuntimeError("Output '\(absent.name)' is not produced by any node")
        }
        self.model = model
        self.steps = steps
        self.slots = slots
        self.constants = constants
        self.inputSlots = inputSlots
        self.outputSlots = model.outputs.map { (name: $0.name, slot: slot($0.name)) }
    }

    /// The graph's outputs for `inputs` (by input name).
    func run(_ inputs: [String: Tensor]) throws -> [String: Tensor] {
        var values = constants
        for (name, slot) in inputSlots {
            guard let value = inputs[name] else { throw RuntimeError("Missing input '\(name)'") }
            values[slot] = value
        }
        for step in steps {
            var arguments: [Tensor] = []
            arguments.reserveCapacity(step.inputs.count)
            for slot in step.inputs {
                guard let value = values[slot] else {
                    throw RuntimeError.node(step.node, "an input has no value")
                }
                arguments.append(value)
            }
            let results = try step.kernel(arguments)
            guard results.count >= step.outputs.count else {
                throw RuntimeError.node(step.node, "gave \(results.count) outputs for \(step.outputs.count)")
            }
            for (slot, value) in zip(step.outputs, results) { values[slot] = value }
        }
        var outputs: [String: Tensor] = [:]
        outputs.reserveCapacity(outputSlots.count)
        for (name, slot) in outputSlots {
            guard let value = values[slot] else { throw RuntimeError("Output '\(name)' was not computed") }
            outputs[name] = value
        }
        return outputs
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
    }
}
