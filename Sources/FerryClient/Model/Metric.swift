/// One measurement of a run's metric.
public struct Metric: Codable, Sendable, Equatable {
    /// The metric's name.
    public var key: String
    /// The value; NaN and the infinities travel as the strings `"NaN"`, `"Infinity"` and `"-Infinity"`.
    public var value: Double
    /// When it was measured, in epoch milliseconds.
    public var timestamp: Int64?
    /// The training step; 0 when not given.
    public var step: Int64?

    /// A measurement of `key`.
    public init(key: String, value: Double, timestamp: Int64? = nil, step: Int64? = nil) {
        self.key = key
        self.value = value
        self.timestamp = timestamp
        self.step = step
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        value = try container.decode(Double.self, forKey: .value)
        timestamp = try container.int64IfPresent(forKey: .timestamp)
        step = try container.int64IfPresent(forKey: .step)
    }

    /// True when `other` is a later measurement: a larger step, then timestamp, then value, as MLflow orders them.
    func precedes(_ other: Metric) -> Bool {
        let mine = (step ?? 0, timestamp ?? 0)
        let theirs = (other.step ?? 0, other.timestamp ?? 0)
        if mine != theirs { return mine < theirs }
        return value < other.value
    }
}
