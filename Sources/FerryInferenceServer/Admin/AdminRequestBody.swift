/// The JSON object an admin request sends (empty when it sends no body), read strictly: an unknown
/// member or a value of the wrong type is refused with a message that names it.
struct AdminRequestBody: Sendable {
    private let members: [(key: String, value: JSON)]

    /// No body.
    init() {
        members = []
    }

    /// `bytes` as a JSON object; an empty body counts as `{}`.
    init(_ bytes: [UInt8]) throws(ServingError) {
        guard bytes.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            members = []
            return
        }
        let document: JSON
        do throws(JSONReader.Failure) {
            document = try JSONReader.parse(bytes)
        } catch {
            throw ServingError.badRequest("The request body is not valid JSON: \(error.description).")
        }
        guard case .object(let members) = document else {
            throw ServingError.badRequest("The request body must be a JSON object, not \(document.typeName).")
        }
        self.members = members
    }

    /// Whether the body has member `key`.
    func has(_ key: String) -> Bool {
        members.contains { $0.key == key }
    }

    /// Refuses members outside `keys`, so a typo (`"precent"`) is not silently ignored.
    func allowOnly(_ keys: Set<String>) throws(ServingError) {
        let unknown = Set(members.map(\.key)).subtracting(keys)
        guard unknown.isEmpty else {
            let expected = keys.isEmpty ? "this request takes no fields" : "expected \(keys.sorted().joined(separator: ", "))"
            throw ServingError.badRequest("Unknown field(s) \(unknown.sorted().joined(separator: ", ")); \(expected).")
        }
    }

    private func value(_ key: String) -> JSON? {
        members.last { $0.key == key }?.value
    }

    /// Member `key` as a non-empty string, or nil when absent.
    func string(_ key: String) throws(ServingError) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue, !text.isEmpty else { throw ServingError.badRequest("'\(key)' must be a non-empty string, not \(value.typeName).") }
        return text
    }

    /// Member `key` as a version label: a string, or a whole number (`4` is `"4"`); the controller checks its characters.
    func label(_ key: String) throws(ServingError) -> String? {
        guard let value = value(key) else { return nil }
        switch value {
        case .string(let string): return string
        case .integer(let number): return String(number)
        default: throw ServingError.badRequest("'\(key)' must be a string such as \"4\", not \(value.typeName).")
        }
    }

    /// `percent` as a number from 0 to 100, or nil when absent.
    func percent() throws(ServingError) -> Double? {
        guard let value = value("percent") else { return nil }
        guard let number = value.doubleValue, (0...100).contains(number) else {
            throw ServingError.badRequest("'percent' must be a number from 0 to 100, got \(Self.describe(value)).")
        }
        return number
    }

    private static func describe(_ value: JSON) -> String {
        switch value {
        case .integer(let number): String(number)
        case .number(let number): String(number)
        case .string(let text): "the string \"\(text.prefix(40))\""
        default: value.typeName
        }
    }
}
