/// Why a call to the admin API of `ferry serve` failed; its ``description`` is one line for a terminal.
public struct ServingAdminError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status of the answer, or nil when no answer came back.
    public let status: Int?
    /// What went wrong, as the server said it or as the client saw it.
    public let message: String

    public init(status: Int?, message: String) {
        self.status = status
        self.message = message
    }

    public var description: String {
        switch status {
        case 401?: "\(message) Give it with --token or FERRY_SERVE_ADMIN_TOKEN."
        case let status?: "\(message) (HTTP \(status))"
        case nil: message
        }
    }
}
