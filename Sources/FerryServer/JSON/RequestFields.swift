import FerryCore

/// The fields of a request, from a JSON body or from query parameters, read with MLflow's rules:
/// string fields must be JSON strings, integers may come as numbers or numeric strings, doubles
/// also accept "NaN", "Infinity" and "-Infinity", and `null` counts as unset.
struct RequestFields: Sendable {
    private let values: JSONObject
    /// Where this object sits in the request; its text form is built only for messages.
    private let location: Location

    /// How to name this object in messages: the root, a field, or an element of an array field.
    private enum Location: Sendable {
        case root
        case field(parent: String, name: String)
        case element(parent: String, name: String, index: Int)
    }

    /// The JSON path of this object inside the request, for messages (`metrics[2]`).
    var path: String {
        switch location {
        case .root: ""
        case .field(let parent, let name): Messages.joinPath(parent, name)
        case .element(let parent, let name, let index): Messages.joinPath(parent, name) + "[\(index)]"
        }
    }
    /// Whether the fields came from a query string, where a repeated field may appear once as a plain value.
    private let fromQuery: Bool

    init(object: JSONObject) {
        self.init(object: object, location: .root)
    }

    private init(object: JSONObject, location: Location) {
        self.values = object
        self.location = location
        self.fromQuery = false
    }

    /// Fields from query parameters; repeated keys become arrays.
    init(query: [(String, String)]) {
        var values = JSONObject()
        for (key, value) in query {
            switch values[key] {
            case nil: values.append(key, .string(value))
            case .string(let first): values.set(key, .array([.string(first), .string(value)]))
            case .array(let items): values.set(key, .array(items + [.string(value)]))
            default: break
            }
        }
        self.values = values
        self.location = .root
        self.fromQuery = true
    }

    private func fieldPath(_ name: String) -> String { Messages.joinPath(path, name) }

    private func value(_ name: String) -> JSONValue? {
        guard let value = values[name], value != .null else { return nil }
        return value
    }

    private func typeError(_ name: String, _ value: JSONValue, expected: String) -> FerryError {
        FerryError.invalidParameter(
            "Invalid value \(value.literal) for parameter '\(fieldPath(name))' supplied: expected \(expected), got a \(value.typeName).")
    }

    private func missing(_ name: String) -> FerryError {
        FerryError.invalidParameter(Messages.missingValue(fieldPath(name)))
    }

    func string(_ name: String) throws -> String? {
        guard let value = value(name) else { return nil }
        guard case .string(let text) = value else { throw typeError(name, value, expected: "a string") }
        try TextValidation.rejectNUL(text, path: fieldPath(name))
        return text
    }

    func requiredString(_ name: String) throws -> String {
        guard let text = try string(name), !text.isEmpty else { throw missing(name) }
        return text
    }

    /// The first of several accepted names (`run_id`, then the legacy `run_uuid`).
    func requiredString(_ names: String...) throws -> String {
        for name in names {
            if let text = try string(name), !text.isEmpty { return text }
        }
        throw missing(names[0])
    }

    func int64(_ name: String) throws -> Int64? {
        guard let value = value(name) else { return nil }
        let text: String
        switch value {
        case .number(let literal): text = literal
        case .string(let literal): text = literal
        default: throw typeError(name, value, expected: "an integer")
        }
        if let number = Int64(text) { return number }
        if let number = Double(text), number.rounded() == number, abs(number) < 9.2e18 { return Int64(number) }
        throw FerryError.invalidParameter("Invalid value \(value.literal) for parameter '\(fieldPath(name))' supplied: expected an integer.")
    }

    func requiredInt64(_ name: String) throws -> Int64 {
        guard let number = try int64(name) else { throw missing(name) }
        return number
    }

    func double(_ name: String) throws -> Double? {
        guard let value = value(name) else { return nil }
        switch value {
        case .number(let literal):
            if let number = Double(literal) { return number }
        case .string(let literal):
            switch literal {
            case "NaN", "nan": return .nan
            case "Infinity", "inf": return .infinity
            case "-Infinity", "-inf": return -.infinity
            default: if let number = Double(literal) { return number }
            }
        default: break
        }
        throw typeError(name, value, expected: "a number")
    }

    func requiredDouble(_ name: String) throws -> Double {
        guard let number = try double(name) else { throw missing(name) }
        return number
    }

    func bool(_ name: String) throws -> Bool? {
        guard let value = value(name) else { return nil }
        switch value {
        case .bool(let flag): return flag
        case .string("true"), .string("True"): return true
        case .string("false"), .string("False"): return false
        default: throw typeError(name, value, expected: "a boolean")
        }
    }

    /// An array field; a single query value counts as a one-element array.
    func array(_ name: String) throws -> [JSONValue] {
        guard let value = value(name) else { return [] }
        switch value {
        case .array(let items): return items
        case .string where fromQuery: return [value]
        default: throw typeError(name, value, expected: "an array")
        }
    }

    func strings(_ name: String) throws -> [String] {
        try array(name).enumerated().map { index, item in
            guard case .string(let text) = item else {
                throw FerryError.invalidParameter(
                    "Invalid value \(item.literal) for parameter '\(fieldPath(name))[\(index)]' supplied: expected a string.")
            }
            return text
        }
    }

    /// The objects of an array field, each with its own path for messages.
    func objects(_ name: String) throws -> [RequestFields] {
        let parent = path
        return try array(name).enumerated().map { index, item in
            guard case .object(let object) = item else {
                throw FerryError.invalidParameter(
                    "Invalid value \(item.literal) for parameter '\(fieldPath(name))[\(index)]' supplied: expected an object.")
            }
            return RequestFields(object: object, location: .element(parent: parent, name: name, index: index))
        }
    }

    func object(_ name: String) throws -> RequestFields? {
        guard let value = value(name) else { return nil }
        guard case .object(let object) = value else { throw typeError(name, value, expected: "an object") }
        return RequestFields(object: object, location: .field(parent: path, name: name))
    }

    /// `[{key, value}]` pairs; `value` may be absent (it is then empty).
    func keyValues(_ name: String) throws -> [KeyValue] {
        try objects(name).map { item in
            KeyValue(key: try item.requiredString("key"), value: try item.string("value") ?? "")
        }
    }
}
