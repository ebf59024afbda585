/// An ONNX model loaded and ready to answer requests: its input and output signatures and ``infer(_:)``.
///
/// Loading parses the file, checks every operator has a kernel, and fixes the signatures that OIP model
/// metadata reports. A ZipMap output (a sequence of maps in ONNX) is served as an FP32 tensor with one
/// column per class, in the order of its ``TensorSignature/classLabels``.
public struct ServableModel: Sendable {
    /// The inputs a request must provide.
    public let inputs: [TensorSignature]
    /// The outputs a response can carry.
    public let outputs: [TensorSignature]
    /// The file's producer (`skl2onnx`, `pytorch`, ...), for metadata.
    public let producer: String

    let executor: GraphExecutor

    /// Loads a model from the bytes of an `.onnx` file.
    public init(onnx bytes: [UInt8]) throws(InferenceError) {
        let model: Model
        do {
            model = try ModelLoader.load(bytes)
            executor = try GraphExecutor(model: model)
        } catch let error as ModelLoadError {
            throw InferenceError(.unloadable, error.description)
        } catch let error as RuntimeError {
            throw InferenceError(.unloadable, error.description)
        } catch {
            throw InferenceError(.unloadable, "\(error)")
        }
        producer = model.producer
        inputs = try model.inputs.map { info throws(InferenceError) in try Self.signature(info, model: model) }
        outputs = try model.outputs.map { info throws(InferenceError) in try Self.signature(info, model: model) }
    }

    /// Runs the model on `tensors` (one per input, by name) and returns every output, in declaration order.
    public func infer(_ tensors: [InferenceTensor]) throws(InferenceError) -> [InferenceTensor] {
        var arguments: [String: Tensor] = [:]
        for tensor in tensors {
            guard let signature = inputs.first(where: { $0.name == tensor.name }) else {
                throw InferenceError(.invalidInput, "The model has no input '\(tensor.name)'; its inputs are \(Self.names(inputs)).")
            }
            guard arguments[tensor.name] == nil else {
                throw InferenceError(.invalidInput, "Input '\(tensor.name)' is given more than once.")
            }
            try Self.check(tensor, against: signature)
            arguments[tensor.name] = Self.runtimeTensor(tensor)
        }
        if let missing = inputs.first(where: { arguments[$0.name] == nil }) {
            throw InferenceError(.invalidInput, "Input '\(missing.name)' is missing; the model's inputs are \(Self.names(inputs)).")
        }
        let results: [String: Tensor]
        do {
            results = try executor.run(arguments)
        } catch let error as RuntimeError {
            throw InferenceError(.invalidInput, error.description)
        } catch {
            throw InferenceError(.failed, "\(error)")
        }
        let answers = try outputs.map { signature throws(InferenceError) in
            guard let value = results[signature.name] else {
                throw InferenceError(.failed, "Output '\(signature.name)' was not computed.")
            }
            return Self.inferenceTensor(value, signature: signature)
        }
        try Self.checkMissingValues(inputs: tensors, outputs: answers)
        return answers
    }

    /// A model that cannot take missing values turns a NaN input into NaN outputs; that is the caller's
    /// input to fix, so it is refused rather than answered with NaN.
    private static func checkMissingValues(inputs: [InferenceTensor], outputs: [InferenceTensor]) throws(InferenceError) {
        // Outputs first: they are smaller than a batch's inputs, and without NaN in them there is nothing to refuse.
        guard outputs.contains(where: { $0.data.containsNaN }), let input = inputs.first(where: { $0.data.containsNaN }) else { return }
        throw InferenceError(.invalidInput, "Input '\(input.name)' contains NaN (a missing value), which this model cannot handle: its outputs would be NaN. Fill in missing values, or serve a model with an imputer.")
    }

    // MARK: - Signatures

    private static func signature(_ info: ValueInfo, model: Model) throws(InferenceError) -> TensorSignature {
        switch info.kind {
        case .tensor(let elementType, let shape):
            guard let datatype = TensorDataType(onnxElementType: elementType) else {
                throw InferenceError(.unloadable, "'\(info.name)' has ONNX element type \(elementType), which Ferry does not serve.")
            }
            let dimensions = shape?.map { dimension -> Int in
                if case .fixed(let size) = dimension { return size }
                return -1
            }
            return TensorSignature(name: info.name, datatype: datatype, shape: dimensions ?? [-1])
        case .sequence, .map:
            guard let zipMap = model.nodes.first(where: { $0.opType == "ZipMap" && $0.outputs.contains(info.name) }) else {
                throw InferenceError(.unloadable, "Output '\(info.name)' is a sequence or map not written by ZipMap; Ferry serves tensors.")
            }
            let labels = zipMap.ints("classlabels_int64s").map { $0.map(String.init) } ?? zipMap.strings("classlabels_strings") ?? []
            return TensorSignature(name: info.name, datatype: .fp32, shape: [-1, labels.count], classLabels: labels)
        case .unspecified:
            throw InferenceError(.unloadable, "'\(info.name)' has no declared type.")
        }
    }

    private static func names(_ signatures: [TensorSignature]) -> String {
        signatures.map { "'\($0.name)'" }.joined(separator: ", ")
    }

    // MARK: - Checks and conversions

    private static func check(_ tensor: InferenceTensor, against signature: TensorSignature) throws(InferenceError) {
        guard tensor.datatype == signature.datatype else {
            throw InferenceError(.invalidInput, "Input '\(tensor.name)' has datatype \(tensor.datatype.rawValue) but the model expects \(signature.datatype.rawValue).")
        }
        guard tensor.shape.allSatisfy({ $0 >= 0 }) else {
            throw InferenceError(.invalidInput, "Input '\(tensor.name)' has a negative dimension in shape \(tensor.shape).")
        }
        let declared = signature.shape
        let fits = declared == [-1] || (declared.count == tensor.shape.count && zip(declared, tensor.shape).allSatisfy { $0 == -1 || $0 == $1 })
        guard fits else {
            throw InferenceError(.invalidInput, "Input '\(tensor.name)' has shape \(tensor.shape) but the model expects \(declared) (-1 is any size).")
        }
        guard tensor.data.count == tensor.elementCount else {
            throw InferenceError(.invalidInput, "Input '\(tensor.name)' has \(tensor.data.count) values but shape \(tensor.shape) holds \(tensor.elementCount).")
        }
    }

    static func runtimeTensor(_ tensor: InferenceTensor) -> Tensor {
        let values: Tensor.Values
        let type: Tensor.ElementType
        switch tensor.data {
        case .float(let data): (values, type) = (.float(data), .float)
        case .double(let data): (values, type) = (.double(data), .double)
        case .int64(let data): (values, type) = (.int64(data), .int64)
        case .uint64(let data): (values, type) = (.int64(data.map { Int64(truncatingIfNeeded: $0) }), .int64)
        case .bool(let data): (values, type) = (.bool(data), .bool)
        case .string(let data): (values, type) = (.string(data), .string)
        }
        return Tensor(name: tensor.name, elementType: type, shape: tensor.shape, values: values)
    }

    static func inferenceTensor(_ tensor: Tensor, signature: TensorSignature) -> InferenceTensor {
        let data: TensorData
        let datatype: TensorDataType
        switch tensor.values {
        case .float(let values): (data, datatype) = (.float(values), .fp32)
        case .double(let values): (data, datatype) = (.double(values), .fp64)
        case .int64(let values):
            (data, datatype) = (.int64(values), [.int8, .int16, .int32, .int64, .uint8, .uint16, .uint32].contains(signature.datatype) ? signature.datatype : .int64)
        case .bool(let values): (data, datatype) = (.bool(values), .bool)
        case .string(let values): (data, datatype) = (.string(values), .bytes)
        }
        return InferenceTensor(name: signature.name, datatype: datatype, shape: tensor.shape, data: data)
    }
}
