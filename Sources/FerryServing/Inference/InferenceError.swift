/// Why a model could not be loaded or could not answer a request; ``message`` says what to change.
public struct InferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure it is, which decides the status a protocol answers with.
    public enum Kind: Sendable, Equatable {
        /// The model file cannot be served (not ONNX, an unsupported operator, ...).
        case unloadable
        /// The request's tensors do not fit the model (names, types, shapes, lengths, values).
        case invalidInput
        /// The model failed while running on valid input.
        case failed
    }

    public let kind: Kind
    public let message: String

    /// An error of `kind` explained by `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
