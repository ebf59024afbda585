import FerryServing

/// Writes an OIP v2 inference response: JSON, plus the raw bytes of outputs sent in binary form.
enum OIPResponseEncoder {
    /// The body, and the JSON header's length when binary outputs follow it (the
    /// `Inference-Header-Content-Length` value), else nil.
    static func encode(model: String, version: String?, id: String?, outputs: [InferenceTensor], binary: (String) -> Bool) -> (body: [UInt8], headerLength: Int?) {
        var writer = JSONWriter(capacity: 256 + outputs.reduce(0) { $0 + $1.data.count * 12 })
        var tail: [UInt8] = []
        writer.raw("{")
        writer.field("model_name")
        writer.string(model)
        if let version {
            writer.field("model_version")
            writer.string(version)
        }
        if let id {
            writer.field("id")
            writer.string(id)
        }
        writer.field("outputs")
        writer.array(outputs) { writer, output in
            writer.raw("{")
            writer.tensorHeader(name: output.name, datatype: output.datatype.rawValue, shape: output.shape)
            if binary(output.name) {
                let bytes = BinaryTensor.encode(output.data, datatype: output.datatype)
                writer.field("parameters")
                writer.raw("{\"binary_data_size\":")
                writer.integer(bytes.count)
                writer.raw("}")
                tail.append(contentsOf: bytes)
            } else {
                writer.field("data")
                TensorJSON.write(output.data, to: &writer)
            }
            writer.raw("}")
        }
        writer.raw("}")
        let usesBinary = outputs.contains { binary($0.name) }
        guard usesBinary else { return (writer.bytes, nil) }
        let headerLength = writer.bytes.count
        return (writer.bytes + tail, headerLength)
    }
}
