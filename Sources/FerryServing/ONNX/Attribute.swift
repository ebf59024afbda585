/// An operator attribute's value.
enum Attribute: Sendable, Equatable {
    case float(Float)
    case int(Int64)
    case string(String)
    case tensor(Tensor)
    case floats([Float])
    case ints([Int64])
    case strings([String])
    /// A subgraph or other kind Ferry does not evaluate (kept so a missing operator can be named).
    case unsupported(kind: String)
}
