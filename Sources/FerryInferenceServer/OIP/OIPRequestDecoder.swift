import FerryServing

/// Reads an OIP v2 `/infer` body: JSON alone, or (binary tensor extension) a JSON header of
/// `Inference-Header-Content-Length` bytes followed by the raw bytes of each binary input, in input order.
enum OIPRequestDecoder {
    static func decode(_ body: [UInt8], headerLength: Int?) throws(ServingError) -> OIPInferenceRequest {
        let jsonEnd: Int
        if let headerLength {
            guard headerLength >= 0, headerLength <= body.count else {
                throw .badRequest("Inference-Header-Content-Length is \(headerLength) but the body has \(body.count) bytes.")
            }
            jsonEnd = headerLength
        } else {
            jsonEnd = body.count
        }
        let document: JSON
        do {
            document = try JSONReader.parse(body[0..<jsonEnd])
        } catch {
            throw .badRequest("The request body is not valid JSON: \(error).")
        }
        guard case .object = document else { throw .badRequest("The request body must be a JSON object, not \(document.typeName).") }
        guard case .array(let inputItems)? = document["inputs"] else {
            throw .badRequest("The request must have an 'inputs' array.")
        }
        guard !inputItems.isEmpty else { throw .badRequest("'inputs' is empty; give one tensor per model input.") }
        var binaryOffset = jsonEnd
        var inputs: [InferenceTensor] = []
        for (index, item) in inputItems.enumerated() {
            inputs.append(try tensor(item, index: index, body: body, binaryOffset: &binaryOffset))
        }
        guard binaryOffset == body.count else {
            throw .badRequest("The body has \(body.count - binaryOffset) bytes after the JSON header that no input's binary_data_size accounts for.")
        }
        return OIPInferenceRequest(
            id: try id(document["id"]), inputs: inputs, outputs: try requestedOutputs(document["outputs"]),
            binaryOutputs: try flag(document["parameters"]?["binary_data_output"], "parameters.binary_data_output") ?? false)
    }

    private static func id(_ value: JSON?) throws(ServingError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw .badRequest("'id' must be a string, not \(other.typeName).")
        }
    }

    private static func flag(_ value: JSON?, _ name: String) throws(ServingError) -> Bool? {
        switch value {
        case nil: return nil
        case .bool(let flag)?: return flag
        case let other?: throw .badRequest("'\(name)' must be a boolean, not \(other.typeName).")
        }
    }

    private static func tensor(_ item: JSON, index: Int, body: [UInt8], binaryOffset: inout Int) throws(ServingError) -> InferenceTensor {
        guard case .object = item else { throw .badRequest("inputs[\(index)] must be an object.") }
        guard let name = item["name"]?.stringValue, !name.isEmpty else { throw .badRequest("inputs[\(index)] needs a 'name'.") }
        guard let typeName = item["datatype"]?.stringValue else { throw .badRequest("Input '\(name)' needs a 'datatype'.") }
        guard let datatype = TensorDataType(rawValue: typeName) else {
            throw .badRequest("Input '\(name)' has unknown datatype '\(typeName)'; use one of \(TensorDataType.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard case .array(let dimensions)? = item["shape"] else { throw .badRequest("Input '\(name)' needs a 'shape' array.") }
        var shape: [Int] = []
        for dimension in dimensions {
            guard case .integer(let size) = dimension, size >= 0, size <= Int64(Int32.max) else {
                throw .badRequest("Input '\(name)' has a shape entry that is not a non-negative integer.")
            }
            shape.append(Int(size))
        }
        let (count, overflow) = shape.reduce((1, false)) { partial, size in
            let product = partial.0.multipliedReportingOverflow(by: size)
            return (product.partialValue, partial.1 || product.overflow)
        }
        guard !overflow else { throw .badRequest("Input '\(name)' has a shape too large: \(shape).") }
        let data: TensorData
        if let size = item["parameters"]?["binary_data_size"] {
            guard case .integer(let length) = size, length >= 0 else {
                throw .badRequest("Input '\(name)': parameters.binary_data_size must be a non-negative integer.")
            }
            guard item["data"] == nil else { throw .badRequest("Input '\(name)' has both 'data' and binary_data_size.") }
            guard Int64(body.count - binaryOffset) >= length else {
                throw .badRequest("Input '\(name)' declares \(length) binary bytes but only \(body.count - binaryOffset) follow the JSON header.")
            }
            let end = binaryOffset + Int(length)
            data = try BinaryTensor.decode(body[binaryOffset..<end], datatype: datatype, count: count, tensor: name)
            binaryOffset = end
        } else {
            guard let json = item["data"] else { throw .badRequest("Input '\(name)' has no 'data' (and no binary_data_size).") }
            data = try TensorJSON.decode(json, datatype: datatype, tensor: name)
        }
        guard data.count == count else {
            throw .badRequest("Input '\(name)' has \(data.count) elements but shape \(shape) holds \(count).")
        }
        return InferenceTensor(name: name, datatype: datatype, shape: shape, data: data)
    }

    private static func requestedOutputs(_ value: JSON?) throws(ServingError) -> [OIPInferenceRequest.RequestedOutput]? {
        guard let value else { return nil }
        guard case .array(let items) = value else { throw .badRequest("'outputs' must be an array.") }
        var outputs: [OIPInferenceRequest.RequestedOutput] = []
        for (index, item) in items.enumerated() {
            guard let name = item["name"]?.stringValue else { throw .badRequest("outputs[\(index)] needs a 'name'.") }
            outputs.append(.init(name: name, binary: try flag(item["parameters"]?["binary_data"], "outputs[\(index)].parameters.binary_data")))
        }
        return outputs
    }
}
