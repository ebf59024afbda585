/// A key and its value: a tag, a run parameter or a dataset input tag.
public struct KeyValue: Codable, Sendable, Equatable, Hashable {
    /// The key.
    public var key: String
    /// The value; MLflow omits empty values, which read as `""`.
    public var value: String

    /// A pair of `key` and `value`.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        value = try container.stringIfPresent(forKey: .value) ?? ""
    }
}

extension [KeyValue] {
    /// The value of the last pair with `key`, or nil.
    public func value(for key: String) -> String? {
        last { $0.key == key }?.value
    }
}
