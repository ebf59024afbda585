import ArgumentParser
import AsyncHTTPClient
import FerryBlobs
import FerryClient
import FerryInferenceServer
import Foundation
import Hummingbird
import Logging
import NIOCore

/// `ferry serve`: the inference server (Open Inference Protocol v2 and MLflow scoring) for ONNX models.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve ONNX models over the Open Inference Protocol v2 (KServe, Triton clients) and MLflow scoring.",
        discussion: """
            Each MODEL is an .onnx file (served under its file name without .onnx), a folder holding one \
            (an MLflow model folder with an MLmodel file, or a folder with one .onnx file), or a registered \
            version models:/NAME/N or models:/NAME@ALIAS fetched from the tracking server at \
            MLFLOW_TRACKING_URI. NAME=MODEL serves it under another name. Models load in the background: \
            one that fails does not stop the others, and its status says why.

            Endpoints, all on one port:
              OIP v2:   /v2/health/live, /v2/health/ready, /v2,
                        /v2/models/NAME[/versions/V][/ready | /infer]
              MLflow:   /invocations, /models/NAME/invocations, /ping, /health, /version
              metrics:  /metrics (Prometheus)
              rollouts: /admin/deployments (see ferry deployments --help)

            The admin API changes rollouts (canary, traffic, promote, rollback, shadow) and can load any \
            model file the server can read. Without --admin-token it is open to whoever reaches the port, \
            which by default (--host 127.0.0.1) is this machine only; with a token, admin requests need \
            'Authorization: Bearer TOKEN'. Set a token whenever --host is not a loopback address.

            A deployment file (--deployment) sets canaries and shadows:
              deployments:
                - name: churn
                  primary: {model: models:/churn/3}
                  canary: {model: models:/churn/4, percent: 10}
                  sticky_header: x-user-id

            Examples:
              ferry serve model.onnx
              ferry serve churn=models:/churn@champion fraud=./fraud.onnx --port 8081
              ferry serve --deployment deploy.yaml --log-predictions ./predictions
              ferry serve --deployment deploy.yaml --host 0.0.0.0 --admin-token "$FERRY_SERVE_ADMIN_TOKEN"
            """
    )

    @Argument(help: "Models to serve: FILE.onnx, FOLDER, models:/NAME/N, models:/NAME@ALIAS, optionally as NAME=MODEL.")
    var models: [String] = []

    @Option(help: "A YAML deployment file with primaries, canaries and shadows (FERRY_SERVE_DEPLOYMENT).")
    var deployment: String?

    @Option(help: "The address to listen on (FERRY_SERVE_HOST). Default: 127.0.0.1.")
    var host: String?

    @Option(help: "The port to listen on (FERRY_SERVE_PORT). Default: 8080.")
    var port: Int?

    @Option(help: "The tracking server for models:/ references. Default: MLFLOW_TRACKING_URI.")
    var trackingURI: String?

    @Option(help: "The largest request body accepted, in MiB (FERRY_SERVE_MAX_REQUEST_MB). Default: 64.")
    var maxRequestSize: Int?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (FERRY_LOG_LEVEL). Default: info.")
    var logLevel: String?

    @Option(help: ArgumentHelp(
        "Require 'Authorization: Bearer TOKEN' on the /admin API (FERRY_SERVE_ADMIN_TOKEN). Default: open on the listening address.",
        valueName: "token"))
    var adminToken: String?

    @Option(help: "Log sampled requests and answers as JSON lines to a folder or s3://bucket/prefix (FERRY_SERVE_LOG_PREDICTIONS). Default: off.")
    var logPredictions: String?

    @Option(help: "The share of requests the prediction log keeps, 0 to 1 (FERRY_SERVE_LOG_SAMPLE_RATE). Default: 1.")
    var logSampleRate: Double?

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if let logLevel, Logger.Level(rawValue: logLevel) == nil { throw ValidationError("Unknown --log-level '\(logLevel)'") }
        if let maxRequestSize, maxRequestSize < 1 { throw ValidationError("--max-request-size must be at least 1 (MiB)") }
        if let adminToken, adminToken.isEmpty { throw ValidationError("--admin-token cannot be empty; leave it out to keep the admin API open") }
        if models.isEmpty, deployment == nil, ProcessInfo.processInfo.environment["FERRY_SERVE_DEPLOYMENT"] == nil {
            throw ValidationError("Give at least one MODEL, or --deployment FILE")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let settings = try ServeSettings(command: self, environment: environment)
        ServerLogging.bootstrap(level: settings.logLevel)
        let logger = Logger(label: "ferry.serve")
        do {
            try await serve(settings, logger: logger)
        } catch let error as ServingSetupError {
            logger.critical("Ferry could not start serving: \(error.description)")
            throw ExitCode.failure
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            logger.critical("Ferry could not start: \(settings.host):\(settings.port) is already in use; choose another with --port")
            throw ExitCode.failure
        }
    }

    private func serve(_ settings: ServeSettings, logger: Logger) async throws {
        let specs = try settings.deploymentSpecs()
        let registry = try settings.trackingURI.map { RegistryClient(transport: try makeTransport(trackingURI: $0)) }
        let httpClient = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: .seconds(60))))
        do {
            try await run(settings, specs: specs, registry: registry, httpClient: httpClient, logger: logger)
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
        logger.info("Ferry inference server stopped")
    }

    private func run(_ settings: ServeSettings, specs: [DeploymentSpec], registry: RegistryClient?, httpClient: HTTPClient, logger: Logger) async throws {
        let predictionLog = try settings.predictionLog.map { destination in
            let store = try BlobStoreFactory.make(destination: destination, environment: ProcessInfo.processInfo.environment, httpClient: httpClient, logger: logger)
            return InferenceServer.PredictionLogSettings(store: store, prefix: "", sampleRate: settings.predictionSampleRate)
        }
        let server = InferenceServer(
            reader: ModelFileReader(registry: registry), version: FerryVersion.current, maxBodySize: settings.maxBodySize,
            predictionLog: predictionLog, admin: settings.adminAccess, logger: logger)
        for spec in specs { try await server.controller.start(spec) }
        let app = Application(
            responder: server.responder,
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "ferry"),
            services: server.services,
            onServerRunning: { channel in
                logger.info("Ferry inference server listening", metadata: [
                    "address": "\(channel.localAddress.map { "\($0)" } ?? "")", "models": "\(specs.map(\.name).joined(separator: ", "))",
                    "prediction-log": "\(settings.predictionLog.map { "\($0) (sample rate \(settings.predictionSampleRate))" } ?? "off")",
                ])
            },
            logger: logger)
        try await app.runService()
    }
}

/// `ferry serve`'s settings after flags, `FERRY_*` variables and defaults are combined.
struct ServeSettings: Sendable {
    var models: [String]
    var deploymentFile: String?
    var host: String
    var port: Int
    var trackingURI: String?
    var maxBodySize: Int
    var logLevel: Logger.Level
    /// Who may use `/admin`: open, or only callers with the `--admin-token`.
    var adminAccess: AdminAccess
    /// Where sampled predictions go (a folder or s3://bucket/prefix); nil logs none.
    var predictionLog: String?
    var predictionSampleRate: Double

    init(command: ServeCommand, environment: [String: String]) throws {
        models = command.models
        deploymentFile = command.deployment ?? environment["FERRY_SERVE_DEPLOYMENT"]
        host = command.host ?? environment["FERRY_SERVE_HOST"] ?? "127.0.0.1"
        port = try command.port ?? Self.number(environment, "FERRY_SERVE_PORT", in: 0...65535) ?? 8080
        trackingURI = command.trackingURI ?? environment["MLFLOW_TRACKING_URI"]
        maxBodySize = (try command.maxRequestSize ?? Self.number(environment, "FERRY_SERVE_MAX_REQUEST_MB", in: 1...65536) ?? 64) * 1024 * 1024
        let levelText = command.logLevel ?? environment["FERRY_LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: levelText) else { throw ValidationError("Unknown log level '\(levelText)'") }
        logLevel = level
        let token = command.adminToken ?? environment["FERRY_SERVE_ADMIN_TOKEN"]
        adminAccess = token.flatMap { $0.isEmpty ? nil : AdminAccess.bearerToken($0) } ?? .open
        predictionLog = command.logPredictions ?? environment["FERRY_SERVE_LOG_PREDICTIONS"]
        let rateText = command.logSampleRate.map { String($0) } ?? environment["FERRY_SERVE_LOG_SAMPLE_RATE"] ?? "1"
        guard let rate = Double(rateText), (0...1).contains(rate) else {
            throw ValidationError("The prediction log sample rate must be a number from 0 to 1, got '\(rateText)'")
        }
        predictionSampleRate = rate
    }

    private static func number(_ environment: [String: String], _ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = environment[name] else { return nil }
        guard let value = Int(text), range.contains(value) else { throw ValidationError("\(name) must be a number in \(range), got '\(text)'") }
        return value
    }

    /// The deployments to start: the deployment file's, then one per MODEL argument.
    func deploymentSpecs() throws -> [DeploymentSpec] {
        let isFolder: (String) -> Bool = { path in
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
        }
        var specs: [DeploymentSpec] = []
        if let deploymentFile {
            guard let text = try? String(contentsOfFile: deploymentFile, encoding: .utf8) else {
                throw ServingSetupError("Cannot read the deployment file \(deploymentFile)")
            }
            let base = (deploymentFile as NSString).deletingLastPathComponent
            specs += try DeploymentFile.parse(text, origin: deploymentFile, baseFolder: base.isEmpty ? "." : base, isFolder: isFolder)
        }
        specs += try models.map { try DeploymentSpec(argument: $0, isFolder: isFolder) }
        return specs
    }
}
