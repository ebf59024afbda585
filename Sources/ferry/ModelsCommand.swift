import ArgumentParser
import FerryClient

/// `ferry models`: browse the model registry of a tracking server, move aliases, promote versions.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Browse registered models, move aliases and promote versions on a tracking server.",
        discussion: """
            Works against Ferry or any MLflow tracking server. The server is --tracking-uri, else \
            MLFLOW_TRACKING_URI, else http://127.0.0.1:5000. Times are shown in UTC. Add --json to any \
            subcommand for the server's objects as JSON.

            Examples:
              ferry models list
              ferry models show churn            # the model and all its versions
              ferry models show churn/3          # one version, with its lineage
              ferry models show churn@champion   # the version an alias points to
              ferry models alias churn challenger 4
              ferry models promote churn 4 --stage Production
            """,
        subcommands: [List.self, Show.self, Alias.self, Promote.self]
    )
}

extension ModelsCommand {
    /// `ferry models list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List registered models: latest version, aliases, last update, description.",
            discussion: """
                The filter is MLflow's search syntax for registered models: name and tags, with =, !=, LIKE and \
                ILIKE, clauses joined by AND.

                Examples:
                  ferry models list
                  ferry models list --filter "name LIKE 'churn%'"
                  ferry models list --filter "tags.team = 'growth'" --json
                """
        )

        @Option(help: ArgumentHelp("Only models that match this MLflow filter.", valueName: "filter"))
        var filter: String?

        @Option(help: ArgumentHelp("List at most this many models. Default: all.", valueName: "n"))
        var maxResults: Int?

        @OptionGroup var options: ClientOptions

        func validate() throws {
            if let maxResults, maxResults < 1 { throw ValidationError("--max-results must be at least 1.") }
        }

        func run() async throws {
            try await options.withClient { client in
                let models = try await client.allRegisteredModels(filter: filter, pageSize: 1000, limit: maxResults)
                try options.print(RegisteredModelList(registeredModels: models)) { TerminalRendering.modelList(models) }
            }
        }
    }

    /// `ferry models show`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a model and its versions, or one version with its lineage.",
            discussion: """
                NAME shows the model: description, tags, aliases, and a table of its versions with stage, aliases, \
                scan verdict, run and source.

                NAME/VERSION or NAME@ALIAS shows one version: stage, aliases, tags, source and download URI, the \
                scan verdict and findings, and its lineage: the run that produced it, with its parameters, latest \
                metrics and input datasets. With --json it prints an object with model_version, run and download_uri.

                Examples:
                  ferry models show churn
                  ferry models show churn/3
                  ferry models show churn@champion --json
                """
        )

        @Argument(help: ArgumentHelp("NAME, NAME/VERSION or NAME@ALIAS.", valueName: "ref"))
        var reference: String

        @OptionGroup var options: ClientOptions

        func validate() throws {
            guard ModelReference(parsing: reference) != nil else {
                throw ValidationError("'\(reference)' is not NAME, NAME/VERSION or NAME@ALIAS (versions are positive integers).")
            }
        }

        func run() async throws {
            guard let parsed = ModelReference(parsing: reference) else { return }
            try await options.withClient { client in
                switch parsed {
                case .model(let name):
                    let overview = try await client.overview(of: name)
                    try options.print(overview) { TerminalRendering.modelOverview(overview) }
                case .version(let name, let version):
                    try show(try await client.versionDetail(name: name, version: version))
                case .alias(let name, let alias):
                    try show(try await client.versionDetail(name: name, alias: alias))
                }
            }
        }

        /// Prints one version; what could not be read goes to standard error as warnings.
        private func show(_ detail: ModelVersionDetail) throws {
            detail.problems.forEach(ClientOptions.printWarning)
            try options.print(detail) { TerminalRendering.versionDetail(detail) }
        }
    }

    /// `ferry models alias`.
    struct Alias: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Point an alias at a version, or delete it.",
            discussion: """
                Prints where the alias pointed before and where it points now, e.g. "churn@champion: 2 → 3". \
                Serving and loading by alias (models:/churn@champion) follow the change at once.

                Examples:
                  ferry models alias churn challenger 4
                  ferry models alias churn challenger --delete
                """
        )

        @Argument(help: "The registered model.")
        var name: String

        @Argument(help: "The alias, such as champion.")
        var alias: String

        @Argument(help: "The version the alias should point to (leave out with --delete).")
        var version: String?

        @Flag(help: "Delete the alias instead of setting it.")
        var delete = false

        @OptionGroup var options: ClientOptions

        func validate() throws {
            switch (version, delete) {
            case (nil, false): throw ValidationError("Give the VERSION the alias should point to, or --delete to remove it.")
            case (.some, true): throw ValidationError("--delete takes no VERSION.")
            case (let version?, false) where !isVersionNumber(version): throw ValidationError.badVersion(version)
            default: break
            }
        }

        func run() async throws {
            try await options.withClient { client in
                let change =
                    if let version, !delete {
                        try await client.moveAlias(name: name, alias: alias, to: version)
                    } else {
                        try await client.removeAlias(name: name, alias: alias)
                    }
                try options.print(change) { TerminalRendering.aliasChange(change) }
            }
        }
    }

    /// `ferry models promote`.
    struct Promote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Promote a version: move an alias (default champion) to it, and optionally its stage.",
            discussion: """
                Moves the alias to VERSION and prints the previous holder, e.g. "churn@champion: 2 → 3". With \
                --stage, VERSION also moves to that stage, and the versions already in it move to Archived unless \
                --keep-existing is given; every stage change is printed. The version is checked first, so an \
                unknown model or version changes nothing.

                Examples:
                  ferry models promote churn 3
                  ferry models promote churn 3 --stage Production
                  ferry models promote churn 3 --stage Production --keep-existing
                  ferry models promote churn 4 --alias challenger --stage Staging
                """
        )

        @Argument(help: "The registered model.")
        var name: String

        @Argument(help: "The version to promote.")
        var version: String

        @Option(help: "The alias to move to VERSION.")
        var alias = "champion"

        @Option(help: ArgumentHelp("Also move VERSION to this stage: Staging or Production.", valueName: "stage"))
        var stage: PromotionStage?

        @Flag(help: "With --stage, leave the versions already in that stage where they are instead of archiving them.")
        var keepExisting = false

        @OptionGroup var options: ClientOptions

        func validate() throws {
            if !isVersionNumber(version) { throw ValidationError.badVersion(version) }
            if alias.isEmpty { throw ValidationError("--alias cannot be empty.") }
            if keepExisting && stage == nil { throw ValidationError("--keep-existing applies only with --stage.") }
        }

        func run() async throws {
            try await options.withClient { client in
                let promotion = try await client.promote(
                    name: name, version: version, alias: alias, stage: stage?.rawValue, archiveExistingVersions: !keepExisting)
                try options.print(promotion) { TerminalRendering.promotion(promotion) }
            }
        }
    }
}

/// The stages `ferry models promote --stage` accepts, in any case.
enum PromotionStage: String, CaseIterable, ExpressibleByArgument {
    case staging = "Staging"
    case production = "Production"

    init?(argument: String) {
        guard let stage = Self.allCases.first(where: { $0.rawValue.lowercased() == argument.lowercased() }) else { return nil }
        self = stage
    }
}

/// `ferry models list --json`: `{"registered_models": [...]}`, as the server's search answers.
private struct RegisteredModelList: Encodable {
    var registeredModels: [RegisteredModel]

    enum CodingKeys: String, CodingKey {
        case registeredModels = "registered_models"
    }
}
