import ArgumentParser
import FerryClient
import Foundation

/// The options every command that talks to a tracking server shares: where the server is, and `--json`.
struct ClientOptions: ParsableArguments {
    /// Where the tracking server listens when neither `--tracking-uri` nor `MLFLOW_TRACKING_URI` says.
    static let defaultTrackingURI = "http://127.0.0.1:5000"

    @Option(
        name: .customLong("tracking-uri"),
        help: ArgumentHelp(
            "The tracking server. Default: MLFLOW_TRACKING_URI, else \(defaultTrackingURI). Credentials come from MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD.",
            valueName: "uri"))
    var trackingURI: String?

    @Flag(help: "Print the server's objects as JSON (sorted keys), for scripts.")
    var json = false

    /// `--tracking-uri`, else `MLFLOW_TRACKING_URI`, else ``defaultTrackingURI``.
    func resolvedTrackingURI(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let trackingURI, !trackingURI.isEmpty { return trackingURI }
        if let fromEnvironment = environment["MLFLOW_TRACKING_URI"], !fromEnvironment.isEmpty { return fromEnvironment }
        return Self.defaultTrackingURI
    }

    /// Runs `body` with a client for the tracking server. A failure prints one line to standard error and
    /// exits with status 1.
    func withClient(_ body: (RegistryClient) async throws -> Void) async throws {
        let uri = resolvedTrackingURI()
        do {
            try await body(RegistryClient(transport: try makeTransport(trackingURI: uri)))
        } catch let error as FerryClientError where error.isConnectionFailure {
            Self.printError("\(error). Is the server running at \(uri)? Set --tracking-uri or MLFLOW_TRACKING_URI.")
            throw ExitCode.failure
        } catch let error as ExitCode {
            throw error
        } catch {
            Self.printError(String(describing: error))
            throw ExitCode.failure
        }
    }

    /// Prints `value` as pretty JSON with `--json`, otherwise the terminal text `text` makes.
    func print(_ value: some Encodable, text: () -> String) throws {
        Swift.print(json ? try WireJSON.pretty(value) : text())
    }

    /// Writes `Error: message` to standard error.
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
    }

    /// Writes `Warning: message` to standard error.
    static func printWarning(_ message: String) {
        FileHandle.standardError.write(Data("Warning: \(message)\n".utf8))
    }
}

/// A failure a command explains itself; printed as `Error: description`.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
}

extension ValidationError {
    /// The error for a version number that is not a positive integer.
    static func badVersion(_ text: String) -> ValidationError {
        ValidationError("'\(text)' is not a version number; versions are positive integers such as 3.")
    }
}

/// True when `text` is a positive integer, as version numbers are.
func isVersionNumber(_ text: String) -> Bool {
    Int64(text).map { $0 > 0 } ?? false
}
