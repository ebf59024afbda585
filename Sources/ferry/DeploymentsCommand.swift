import ArgumentParser
import FerryClient
import Foundation

/// `ferry deployments`: watch and change the rollouts of a running `ferry serve`.
struct DeploymentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deployments",
        abstract: "Show and change the rollouts of a running ferry serve: canary, traffic, promote, rollback, shadow.",
        discussion: """
            Talks to the admin API (/admin/deployments) of the inference server at --server, else \
            FERRY_SERVE_URL, else http://127.0.0.1:8080. When the server runs with --admin-token, give the same \
            token with --token or FERRY_SERVE_ADMIN_TOKEN. Changes take effect at once and drop no request: \
            requests in flight finish on the version they started on. A canary or shadow gets no traffic \
            until it is loaded and ready. MODEL is a path on the server's machine (an .onnx file or a model \
            folder; a relative path is made absolute from the current folder) or models:/NAME/VERSION or \
            models:/NAME@ALIAS. Add --json for the server's answer as JSON.

            Examples:
              ferry deployments list
              ferry deployments show churn
              ferry deployments canary churn models:/churn/4 --percent 10 --wait
              ferry deployments traffic churn 50
              ferry deployments promote churn
              ferry deployments rollback churn
              ferry deployments shadow churn ./churn-v5.onnx --percent 20
              ferry deployments shadow churn --remove
            """,
        subcommands: [List.self, Show.self, Canary.self, Traffic.self, Promote.self, Rollback.self, Shadow.self]
    )
}

extension DeploymentsCommand {
    /// `ferry deployments list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List deployments: primary, canary and shadow with their percents, previous version, readiness.",
            discussion: "Example:\n  ferry deployments list --server http://10.0.0.5:8080")

        @OptionGroup var options: ServeClientOptions

        func run() async throws {
            try await options.withClient { client in
                let answer = try await client.list()
                try options.print(answer) { TerminalRendering.deploymentList(answer.value) }
            }
        }
    }

    /// `ferry deployments show`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one deployment: its traffic split and every version with its role, state and source.",
            discussion: "Example:\n  ferry deployments show churn --json")

        @Argument(help: "The deployment (the served model name).")
        var name: String

        @OptionGroup var options: ServeClientOptions

        func run() async throws {
            try await options.withClient { client in try options.printDeployment(try await client.show(name)) }
        }
    }

    /// `ferry deployments canary`.
    struct Canary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a model as the canary and give it a share of traffic (it replaces any current canary).",
            discussion: """
                The canary loads in the background and gets traffic once it is ready; --wait returns only then, \
                and fails if it could not be loaded. Without --percent it starts at 0%; change it with \
                ferry deployments traffic. Without --version a models:/NAME/N model is labelled N, other models \
                get the next free number.

                Examples:
                  ferry deployments canary churn models:/churn/4 --percent 10 --wait
                  ferry deployments canary churn /models/churn-v4.onnx --version 4
                """)

        @Argument(help: "The deployment.")
        var name: String

        @Argument(help: "The model: a path on the server's machine, models:/NAME/VERSION or models:/NAME@ALIAS.")
        var model: String

        @Option(help: "The label the new version is served under (/v2/models/NAME/versions/LABEL).")
        var version: String?

        @Option(help: "The canary's share of requests, 0 to 100. Default: 0.")
        var percent: Double?

        @Flag(help: "Return once the canary is ready; fail if it cannot be loaded.")
        var wait = false

        @OptionGroup var options: ServeClientOptions

        func validate() throws { try checkPercent(percent) }

        func run() async throws {
            try await options.withClient { client in
                try options.printDeployment(try await client.setCanary(name, model: serverPath(model), version: version, percent: percent, wait: wait))
            }
        }
    }

    /// `ferry deployments traffic`.
    struct Traffic: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the canary's share of requests; the primary takes the rest.",
            discussion: "Examples:\n  ferry deployments traffic churn 25\n  ferry deployments traffic churn 0     # pause the canary")

        @Argument(help: "The deployment.")
        var name: String

        @Argument(help: "The canary's share of requests, 0 to 100.")
        var percent: Double

        @OptionGroup var options: ServeClientOptions

        func validate() throws { try checkPercent(percent) }

        func run() async throws {
            try await options.withClient { client in try options.printDeployment(try await client.setTraffic(name, percent: percent)) }
        }
    }

    /// `ferry deployments promote`.
    struct Promote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the ready canary the primary; the old primary stays loaded as previous for a rollback.",
            discussion: "Example:\n  ferry deployments promote churn")

        @Argument(help: "The deployment.")
        var name: String

        @OptionGroup var options: ServeClientOptions

        func run() async throws {
            try await options.withClient { client in try options.printDeployment(try await client.promote(name)) }
        }
    }

    /// `ferry deployments rollback`.
    struct Rollback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Drop the canary (all traffic back to the primary), or without one return to the previous primary.",
            discussion: "Example:\n  ferry deployments rollback churn")

        @Argument(help: "The deployment.")
        var name: String

        @OptionGroup var options: ServeClientOptions

        func run() async throws {
            try await options.withClient { client in try options.printDeployment(try await client.rollback(name)) }
        }
    }

    /// `ferry deployments shadow`.
    struct Shadow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a share of requests to a shadow version in the background, or stop with --remove.",
            discussion: """
                The shadow's answers are discarded: callers see only the primary's (or canary's) answer and no added \
                latency; the shadow has its own metrics (role="shadow"). Without MODEL, --percent changes the \
                current shadow's share.

                Examples:
                  ferry deployments shadow churn models:/churn@challenger
                  ferry deployments shadow churn ./churn-v5.onnx --percent 20 --wait
                  ferry deployments shadow churn --percent 50
                  ferry deployments shadow churn --remove
                """)

        @Argument(help: "The deployment.")
        var name: String

        @Argument(help: "The model: a path on the server's machine, models:/NAME/VERSION or models:/NAME@ALIAS.")
        var model: String?

        @Option(help: "The label the new version is served under.")
        var version: String?

        @Option(help: "The share of requests copied to the shadow, 0 to 100. Default: 100.")
        var percent: Double?

        @Flag(help: "Return once the shadow is ready; fail if it cannot be loaded.")
        var wait = false

        @Flag(help: "Stop copying requests to the shadow.")
        var remove = false

        @OptionGroup var options: ServeClientOptions

        func validate() throws {
            try checkPercent(percent)
            if remove {
                guard model == nil, version == nil, percent == nil, !wait else { throw ValidationError("--remove takes no MODEL, --version, --percent or --wait.") }
            } else if model == nil {
                guard percent != nil, version == nil, !wait else {
                    throw ValidationError("Give the MODEL to shadow, --percent alone to change the current shadow's share, or --remove.")
                }
            }
        }

        func run() async throws {
            try await options.withClient { client in
                let answer =
                    remove
                    ? try await client.removeShadow(name)
                    : try await client.setShadow(name, model: model.map(serverPath), version: version, percent: percent, wait: wait)
                try options.printDeployment(answer)
            }
        }
    }
}

/// A model reference as the server reads it: a relative path made absolute from the current folder
/// (the server usually runs on this machine, from another folder); `models:/` references as they are.
private func serverPath(_ model: String) -> String {
    guard !model.hasPrefix("models:/"), !model.hasPrefix("/") else { return model }
    return URL(fileURLWithPath: model).standardizedFileURL.path
}

private func checkPercent(_ percent: Double?) throws {
    if let percent, !(0...100).contains(percent) { throw ValidationError("The percent must be from 0 to 100, got \(percent).") }
}
