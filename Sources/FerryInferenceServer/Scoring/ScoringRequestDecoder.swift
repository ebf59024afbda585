import Foundation

/// Reads the body of `POST /invocations` as MLflow's scoring server does: JSON with exactly one of
/// `dataframe_split`, `dataframe_records`, `instances` or `inputs` (plus optional `params`), or CSV with a
/// header row.
enum ScoringRequestDecoder {
    static let formats = ["dataframe_split", "dataframe_records", "instances", "inputs"]

    /// MLflow's media-type rule: `application/json` or `text/csv`, with no parameter but `charset=utf-8`;
    /// anything else is 415.
    static func mediaType(_ contentType: String?) throws(ServingError) -> String {
        guard let contentType else {
            throw ServingError(.unsupportedMediaType, "This predictor only supports the following content types: Types ['text/csv'], JSON ['application/json']. Got ''.")
        }
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let type = parts.first?.lowercased() ?? ""
        let parameters = parts.dropFirst().map { $0.lowercased().replacingOccurrences(of: " ", with: "") }
        guard ["application/json", "text/csv"].contains(type), parameters.allSatisfy({ $0 == "charset=utf-8" }) else {
            throw ServingError(.unsupportedMediaType, "This predictor only supports the following content types: Types ['text/csv'], JSON ['application/json']. Got '\(contentType)'.")
        }
        return type
    }

    static func decode(_ body: [UInt8], mediaType: String) throws(ServingError) -> ScoringPayload {
        if mediaType == "text/csv" {
            let table = try CSVTable.parse(body)
            return .table(columns: table.header, rows: table.rows.map { $0.map { .string($0) } }, fromText: true)
        }
        let document: JSON
        do {
            document = try JSONReader.parse(body)
        } catch {
            throw .badRequest("Invalid input. Ensure that input is a valid JSON formatted string. Error: \(error)")
        }
        guard case .object(let members) = document else {
            throw .badRequest("Invalid input. The input must be a JSON dictionary with exactly one of the input fields {\(formatList)}. Received \(document.typeName).")
        }
        let present = members.map(\.key).filter(formats.contains)
        let unknown = members.map(\.key).filter { !formats.contains($0) && $0 != "params" }
        guard present.count == 1, unknown.isEmpty, let format = present.first, let value = document[format] else {
            throw .badRequest("Invalid input. The input must be a JSON dictionary with exactly one of the input fields {\(formatList)}. Received dictionary with input fields: \(members.map { "'\($0.key)'" }).")
        }
        switch format {
        case "dataframe_split": return try split(value)
        case "dataframe_records": return try records(value, field: format)
        default: return try instancesOrInputs(value, field: format)
        }
    }

    private static var formatList: String { formats.map { "'\($0)'" }.joined(separator: ", ") }

    private static func split(_ value: JSON) throws(ServingError) -> ScoringPayload {
        guard case .object = value else { throw .badRequest("dataframe_split must be an object with 'columns' and 'data'.") }
        guard case .array(let data)? = value["data"] else { throw .badRequest("dataframe_split needs a 'data' array of rows.") }
        var columns: [String]?
        if let given = value["columns"] {
            guard case .array(let names) = given else { throw .badRequest("dataframe_split 'columns' must be an array of names.") }
            columns = try names.map { name throws(ServingError) in
                guard let text = name.stringValue else { throw .badRequest("dataframe_split 'columns' must hold strings.") }
                return text
            }
        }
        let rows = try data.enumerated().map { index, row throws(ServingError) in
            guard case .array(let cells) = row else { return [row] }
            if let columns, cells.count != columns.count {
                throw .badRequest("dataframe_split row \(index) has \(cells.count) values for \(columns.count) columns.")
            }
            return cells
        }
        return .table(columns: columns, rows: rows, fromText: false)
    }

    private static func records(_ value: JSON, field: String) throws(ServingError) -> ScoringPayload {
        guard case .array(let items) = value else { throw .badRequest("\(field) must be a list of records.") }
        var columns: [String] = []
        for item in items {
            guard case .object(let members) = item else { throw .badRequest("\(field) must be a list of objects, one per row.") }
            for member in members where !columns.contains(member.key) { columns.append(member.key) }
        }
        let rows = items.map { item in columns.map { item[$0] ?? .null } }
        return .table(columns: columns, rows: rows, fromText: false)
    }

    private static func instancesOrInputs(_ value: JSON, field: String) throws(ServingError) -> ScoringPayload {
        switch value {
        case .object(let members):
            return .tensors(members.map { (name: $0.key, value: $0.value) })
        case .array(let items):
            if let first = items.first, case .object = first { return try records(value, field: field) }
            return .tensor(value)
        default:
            return .tensor(.array([value]))
        }
    }
}
