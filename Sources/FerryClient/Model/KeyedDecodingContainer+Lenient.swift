import Foundation

/// Lenient readers for the shapes MLflow servers send: omitted empty lists, and int64 fields written
/// either as JSON numbers or as strings.
extension KeyedDecodingContainer {
    /// The list at `key`, or an empty list when the key is absent or null.
    func list<Element: Decodable>(_ type: Element.Type, forKey key: Key) throws -> [Element] {
        try decodeIfPresent([Element].self, forKey: key) ?? []
    }

    /// The integer at `key`, written as a JSON number or a decimal string; nil when absent or null.
    func int64IfPresent(forKey key: Key) throws -> Int64? {
        if let number = try? decodeIfPresent(Int64.self, forKey: key) { return number }
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let number = Int64(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "'\(text)' is not an integer")
        }
        return number
    }

    /// The text at `key`, written as a JSON string or a number; nil when absent or null.
    func stringIfPresent(forKey key: Key) throws -> String? {
        if let text = try? decodeIfPresent(String.self, forKey: key) { return text }
        return try decodeIfPresent(Int64.self, forKey: key).map(String.init)
    }
}
