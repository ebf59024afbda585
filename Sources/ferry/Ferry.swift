import ArgumentParser
import Foundation

/// The `ferry` command: one program for the machine-learning lifecycle.
@main
struct Ferry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ferry",
        abstract: "Ferry: track, register, serve and monitor machine-learning models, on any cloud or none.",
        discussion: """
            Start a tracking server on embedded defaults (SQLite and a local folder under ./ferry-data):

              ferry server

            Then point the mlflow client at it:

              export MLFLOW_TRACKING_URI=http://127.0.0.1:5000

            Browse the model registry and its audit trail:

              ferry models list
              ferry models show churn@champion
              ferry audit --model churn

            Watch data for drift and quality:

              ferry drift --reference train.csv --current today.csv --html drift.html
              ferry check --suite suite.yaml today.csv
            """,
        version: FerryVersion.current,
        subcommands: [
            ServerCommand.self, ServeCommand.self, DeploymentsCommand.self, ModelsCommand.self, AuditCommand.self,
            DriftCommand.self, CheckCommand.self, MonitorCommand.self,
        ]
    )

    /// Runs the command line. A usage error (an unknown flag, a missing argument, a bad value) exits with status 2,
    /// as pipeline tools do, rather than ArgumentParser's 64: `ferry drift` and `ferry check` use 1 for drift and
    /// failed checks, so 2 is what tells a pipeline that the step itself was misused.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}

/// The version Ferry reports on `--version` and `/version`.
enum FerryVersion {
    static let current = "0.1.0"
}
