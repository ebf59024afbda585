import ArgumentParser

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
            """,
        version: FerryVersion.current,
        subcommands: [ServerCommand.self, ServeCommand.self, DeploymentsCommand.self, ModelsCommand.self, AuditCommand.self]
    )
}

/// The version Ferry reports on `--version` and `/version`.
enum FerryVersion {
    static let current = "0.1.0"
}
