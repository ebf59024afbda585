import FerryServing

/// A decoded OIP v2 `/infer` request: its id, input tensors and which outputs to return, and how.
struct OIPInferenceRequest: Sendable {
    /// One output the caller asked for.
    struct RequestedOutput: Sendable, Equatable {
        var name: String
        /// `parameters.binary_data` of this output; nil when not given.
        var binary: Bool?
    }

    /// The request's `id`, echoed in the response.
    var id: String?
    var inputs: [InferenceTensor]
    /// The outputs asked for; nil means all of them.
    var outputs: [RequestedOutput]?
    /// `parameters.binary_data_output`: the default for outputs without their own flag.
    var binaryOutputs: Bool

    /// Whether output `name` goes back in binary form.
    func wantsBinary(_ name: String) -> Bool {
        outputs?.first { $0.name == name }?.binary ?? binaryOutputs
    }
}
