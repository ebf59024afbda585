import FerryCore
import FerryServing

/// One sampled request of the prediction log: what a model version was asked and what it answered.
///
/// ## Format
/// Each object the log writes is JSON Lines (UTF-8, one record per line, each line ending in `\n`), all
/// records of one model and one UTC day, oldest first. A record is one JSON object:
///
/// ```json
/// {"timestamp":"2025-03-07T09:05:02.042Z","model":"churn","version":"3","protocol":"v2","request_id":"abc",
///  "inputs":{"x":{"datatype":"FP32","shape":[2,2],"data":[1,2.5,null,4]}},
///  "outputs":{"label":{"datatype":"INT64","shape":[2],"data":[0,1]}}}
/// ```
///
/// - `timestamp`: when the server received the answer to log, ISO 8601 in UTC with milliseconds.
/// - `model`, `version`: the model's name as routed (unescaped; the path holds an escaped form) and the
///   version that answered.
/// - `protocol`: `v2` (Open Inference Protocol) or `mlflow` (MLflow scoring).
/// - `request_id`: the caller's request id (OIP `id`), or `null` when it sent none.
/// - `inputs`, `outputs`: tensors by name. `datatype` is the OIP type (`FP32`, `INT64`, `BYTES`, ...),
///   `shape` the dimensions, and `data` the elements flattened in row-major order: numbers, `true`/`false`
///   for BOOL, strings for BYTES. Floating-point NaN and ±infinity, which JSON cannot spell, are `null`.
struct PredictionRecord: Sendable {
    /// When the record was taken, in milliseconds since 1970-01-01T00:00:00Z.
    var millisecondsSince1970: Int64
    var model: String
    var version: String
    var protocolName: String
    var requestID: String?
    var inputs: [InferenceTensor]
    var outputs: [InferenceTensor]

    /// The UTC calendar fields of ``millisecondsSince1970``.
    var time: CivilTime { CivilTime(millisecondsSince1970: millisecondsSince1970) }

    /// `records` as JSON Lines, in order.
    static func jsonLines(_ records: some Sequence<PredictionRecord>) -> [UInt8] {
        var writer = JSONWriter(capacity: 4096)
        for record in records {
            record.write(into: &writer)
            writer.raw("\n")
        }
        return writer.bytes
    }

    /// Writes this record as one JSON object (no line break).
    func write(into writer: inout JSONWriter) {
        writer.raw("{")
        writer.field("timestamp")
        writer.string(time.iso8601)
        writer.field("model")
        writer.string(model)
        writer.field("version")
        writer.string(version)
        writer.field("protocol")
        writer.string(protocolName)
        writer.field("request_id")
        if let requestID { writer.string(requestID) } else { writer.raw("null") }
        writer.field("inputs")
        writer.tensors(inputs)
        writer.field("outputs")
        writer.tensors(outputs)
        writer.raw("}")
    }
}

extension JSONWriter {
    /// `{"<name>":{"datatype":...,"shape":[...],"data":[...]},...}`
    fileprivate mutating func tensors(_ tensors: [InferenceTensor]) {
        raw("{")
        for tensor in tensors {
            field(tensor.name)
            raw("{")
            field("datatype")
            string(tensor.datatype.rawValue)
            field("shape")
            array(tensor.shape) { $0.integer($1) }
            field("data")
            elements(tensor.data)
            raw("}")
        }
        raw("}")
    }

    /// The flat elements; non-finite floating-point values are `null`.
    private mutating func elements(_ data: TensorData) {
        switch data {
        case .float(let values): array(values) { writer, value in value.isFinite ? writer.float(value) : writer.raw("null") }
        case .double(let values): array(values) { writer, value in value.isFinite ? writer.double(value) : writer.raw("null") }
        case .int64(let values): array(values) { $0.integer($1) }
        case .uint64(let values): array(values) { $0.integer($1) }
        case .bool(let values): array(values) { $0.bool($1) }
        case .string(let values): array(values) { $0.string($1) }
        }
    }
}
