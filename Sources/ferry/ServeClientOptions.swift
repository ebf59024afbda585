import ArgumentParser
import FerryClient
import Foundation

/// The options of commands that talk to a `ferry serve` inference server: where it is, its admin
/// token, and `--json`.
struct ServeClientOptions: ParsableArguments {
    /// Where `ferry serve` listens when neither `--server` nor `FERRY_SERVE_URL` says.
    static let defaultServerURL = "http://127.0.0.1:8080"

    @Option(help: ArgumentHelp("The inference server. Default: FERRY_SERVE_URL, else \(defaultServerURL).", valueName: "url"))
    var server: String?

    @Option(help: ArgumentHelp("The server's --admin-token. Default: FERRY_SERVE_ADMIN_TOKEN.", valueName: "token"))
    var token: String?

    @Flag(help: "Print the server's answer as JSON, for scripts.")
    var json = false

    /// `--server`, else `FERRY_SERVE_URL`, else ``defaultServerURL``.
    func resolvedServerURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let server, !server.isEmpty { return server }
        if let fromEnvironment = environment["FERRY_SERVE_URL"], !fromEnvironment.isEmpty { return fromEnvironment }
        return Self.defaultServerURL
    }

    /// `--token`, else `FERRY_SERVE_ADMIN_TOKEN`.
    func resolvedToken(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let value = token ?? environment["FERRY_SERVE_ADMIN_TOKEN"]
        return value.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Runs `body` with a client for the server's admin API. A failure prints one line to standard
    /// error and exits with status 1.
    func withClient(_ body: (DeploymentsClient) async throws -> Void) async throws {
        do {
            let url = try checkedBaseURL(resolvedServerURL(), name: "server URL", of: "an inference server (ferry serve)", example: Self.defaultServerURL)
            let transport = AsyncHTTPTransport(baseURL: url, authorization: resolvedToken().map { "Bearer " + $0 })
            try await body(DeploymentsClient(transport: transport, serverURL: url))
        } catch let error as ExitCode {
            throw error
        } catch {
            ClientOptions.printError(String(describing: error))
            throw ExitCode.failure
        }
    }

    /// Prints the server's JSON (indented, sorted keys) with `--json`, otherwise the terminal text `text` makes.
    func print(_ answer: DeploymentsClient.Answer<some Sendable>, text: () -> String) throws {
        guard json else { return Swift.print(text()) }
        let object = try JSONSerialization.jsonObject(with: answer.json, options: [.fragmentsAllowed])
        let pretty = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        Swift.print(String(decoding: pretty, as: UTF8.self))
    }

    /// Prints a deployment: its fields and versions, or the server's JSON with `--json`.
    func printDeployment(_ answer: DeploymentsClient.Answer<DeploymentStatus>) throws {
        try print(answer) { TerminalRendering.deployment(answer.value) }
    }
}
