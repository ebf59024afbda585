import FerryServing

/// Matches an MLflow scoring payload to a model's inputs, as MLflow's ONNX flavor does: columns named
/// like the inputs feed those inputs (one column each); otherwise a model with one input takes the
/// whole table as a matrix, columns in order.
enum ScoringInputs {
    static func tensors(_ payload: ScoringPayload, for inputs: [TensorSignature]) throws(ServingError) -> [InferenceTensor] {
        switch payload {
        case .table(let columns, let rows, let fromText):
            if let columns, inputs.allSatisfy({ columns.contains($0.name) }) {
                return try inputs.map { signature throws(ServingError) in
                    let index = columns.firstIndex(of: signature.name)!
                    return try tensor(signature, rows: rows.map { [$0[index]] }, fromText: fromText)
                }
            }
            guard inputs.count == 1, let input = inputs.first else {
                let missing = inputs.map(\.name).filter { !(columns ?? []).contains($0) }
                throw ServingError.badRequest("Model is missing inputs \(missing.map { "'\($0)'" }). Note that there were extra inputs: \((columns ?? []).filter { name in !inputs.contains { $0.name == name } }).")
            }
            return [try tensor(input, rows: rows, fromText: fromText)]
        case .tensors(let named):
            return try inputs.map { signature throws(ServingError) in
                guard let value = named.last(where: { $0.name == signature.name })?.value else {
                    throw ServingError.badRequest("Model is missing inputs ['\(signature.name)'].")
                }
                return try tensor(signature, value: value)
            }
        case .tensor(let value):
            guard inputs.count == 1, let input = inputs.first else {
                throw ServingError.badRequest("The model has \(inputs.count) inputs (\(inputs.map(\.name).joined(separator: ", "))); name them: {\"inputs\": {\"name\": [...]}}.")
            }
            return [try tensor(input, value: value)]
        }
    }

    /// A tensor from table rows: [rows, columns] (or [rows] for a rank-1 input).
    private static func tensor(_ signature: TensorSignature, rows: [[JSON]], fromText: Bool) throws(ServingError) -> InferenceTensor {
        let width = rows.first?.count ?? 0
        var cells: [JSON] = []
        cells.reserveCapacity(rows.count * width)
        for row in rows {
            guard row.count == width else { throw ServingError.badRequest("Rows have different lengths (\(width) and \(row.count)).") }
            for cell in row {
                if case .array(let items) = cell { cells.append(contentsOf: items) } else { cells.append(cell) }
            }
        }
        let perRow = rows.isEmpty ? width : cells.count / rows.count
        let shape = signature.shape.count == 1 ? [cells.count] : [rows.count, perRow]
        if signature.shape.count == 2, signature.shape[1] > 0, signature.shape[1] != perRow {
            throw ServingError.badRequest("Input '\(signature.name)' takes \(signature.shape[1]) values per row but the request has \(perRow).")
        }
        return InferenceTensor(name: signature.name, datatype: signature.datatype, shape: shape, data: try values(cells, as: signature, fromText: fromText))
    }

    /// A tensor from a nested JSON array, shaped as it is nested.
    private static func tensor(_ signature: TensorSignature, value: JSON) throws(ServingError) -> InferenceTensor {
        var shape: [Int] = []
        var probe = value
        while case .array(let items) = probe {
            shape.append(items.count)
            guard let first = items.first else { break }
            probe = first
        }
        var cells: [JSON] = []
        flatten(value, into: &cells)
        guard cells.count == shape.reduce(1, *) else { throw ServingError.badRequest("Input '\(signature.name)' is a ragged array.") }
        if signature.shape.count == 2, shape.count == 1 {
            shape = signature.shape[1] > 0 && shape[0] == signature.shape[1] ? [1, shape[0]] : [shape[0], 1]
        }
        if signature.shape.count == 2, shape.count == 2, signature.shape[1] > 0, signature.shape[1] != shape[1] {
            throw ServingError.badRequest("Input '\(signature.name)' takes \(signature.shape[1]) values per row but the request has \(shape[1]).")
        }
        return InferenceTensor(name: signature.name, datatype: signature.datatype, shape: shape, data: try values(cells, as: signature, fromText: false))
    }

    private static func flatten(_ value: JSON, into cells: inout [JSON]) {
        if case .array(let items) = value {
            for item in items { flatten(item, into: &cells) }
        } else {
            cells.append(value)
        }
    }

    /// The cells as elements of the input's type; a missing value (null, or an empty CSV field) is NaN
    /// for float inputs, as pandas reads it.
    private static func values(_ cells: [JSON], as signature: TensorSignature, fromText: Bool) throws(ServingError) -> TensorData {
        func bad(_ index: Int, _ what: String) -> ServingError {
            .badRequest("Input '\(signature.name)' (\(signature.datatype.rawValue)): value \(index) is \(what).")
        }
        switch signature.datatype {
        case .fp32, .fp64, .fp16:
            var numbers: [Double] = []
            numbers.reserveCapacity(cells.count)
            for (index, cell) in cells.enumerated() {
                switch cell {
                case .null: numbers.append(.nan)
                case .string(let text) where fromText:
                    if text.isEmpty { numbers.append(.nan); continue }
                    guard let number = Double(text) else { throw bad(index, "'\(text)', not a number") }
                    numbers.append(number)
                default:
                    guard let number = cell.doubleValue else { throw bad(index, "\(cell.typeName), not a number") }
                    numbers.append(number)
                }
            }
            return signature.datatype == .fp64 ? .double(numbers) : .float(numbers.map(Float.init))
        case .bool:
            return .bool(try cells.enumerated().map { index, cell throws(ServingError) in
                switch cell {
                case .bool(let flag): return flag
                case .integer(let value) where value == 0 || value == 1: return value == 1
                case .string(let text) where fromText && ["true", "false", "1", "0"].contains(text.lowercased()):
                    return text.lowercased() == "true" || text == "1"
                default: throw bad(index, "\(cell.typeName), not a boolean")
                }
            })
        case .bytes:
            return .string(try cells.enumerated().map { index, cell throws(ServingError) in
                switch cell {
                case .string(let text): return text
                case .integer(let value): return String(value)
                default: throw bad(index, "\(cell.typeName), not a string")
                }
            })
        case .uint64:
            return .uint64(try cells.enumerated().map { index, cell throws(ServingError) in
                if case .integer(let value) = cell, value >= 0 { return UInt64(value) }
                if case .string(let text) = cell, fromText, let value = UInt64(text) { return value }
                throw bad(index, "not an unsigned integer")
            })
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32:
            let range = TensorJSON.integerRange(signature.datatype)
            return .int64(try cells.enumerated().map { index, cell throws(ServingError) in
                var value: Int64?
                switch cell {
                case .integer(let number): value = number
                case .number(let number) where number == number.rounded() && abs(number) < 9.2e18: value = Int64(number)
                case .string(let text) where fromText: value = Int64(text)
                default: value = nil
                }
                guard let value, range.contains(value) else { throw bad(index, "not an integer in range") }
                return value
            })
        }
    }
}
