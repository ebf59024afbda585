import ArgumentParser
import AsyncHTTPClient
import FerryBlobs
import FerryCore
import FerryServer
import FerryStore
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `ferry server`: the MLflow-compatible tracking server.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run the MLflow-compatible tracking server and model registry.",
        discussion: """
            With no flags, metadata goes to SQLite in ./ferry-data/ferry.db and artifacts to \
            ./ferry-data/artifacts, and the server listens on 127.0.0.1:5000. Every flag can also be set with a \
            FERRY_* variable (FERRY_HOST, FERRY_PORT, FERRY_BACKEND_STORE_URI, FERRY_ARTIFACTS_DESTINATION, \
            FERRY_LOG_LEVEL, FERRY_REQUIRE_CLEAN_MODELS). S3 destinations read the standard AWS_* variables \
            (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_ENDPOINT_URL).

            Every new model version's pickle files are scanned for dangerous imports; the verdict is kept as \
            the version tags ferry.scan and ferry.scan.findings.

            Examples:
              ferry server
              ferry server --port 5001 --backend-store-uri postgresql://ferry:secret@db:5432/ferry
              ferry server --artifacts-destination s3://ml-artifacts/ferry
              ferry server --require-clean-models
            """
    )

    @Option(help: "The address to listen on (FERRY_HOST). Default: 127.0.0.1.")
    var host: String?

    @Option(help: "The port to listen on (FERRY_PORT). Default: 5000.")
    var port: Int?

    @Option(help: "Where metadata lives (FERRY_BACKEND_STORE_URI): sqlite:///path.db or postgresql://user:pass@host:port/db. Default: sqlite:///ferry-data/ferry.db.")
    var backendStoreURI: String?

    @Option(help: "Where artifacts live (FERRY_ARTIFACTS_DESTINATION): a folder or s3://bucket/prefix. Default: ./ferry-data/artifacts.")
    var artifactsDestination: String?

    @Option(help: "Log level (FERRY_LOG_LEVEL): trace, debug, info, notice, warning, error, critical. Default: info.")
    var logLevel: String?

    @Flag(help: "Refuse model versions whose artifact scan is not clean (FERRY_REQUIRE_CLEAN_MODELS=1): a pickle importing os, subprocess, eval, ... is never registered.")
    var requireCleanModels = false

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if let logLevel, Logger.Level(rawValue: logLevel) == nil { throw ValidationError("Unknown --log-level '\(logLevel)'") }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let settings = try ServerSettings(command: self, environment: environment)
        ServerLogging.bootstrap(level: settings.logLevel)
        let logger = Logger(label: "ferry")
        do {
            try await runServer(settings, environment: environment, logger: logger)
        } catch let error as FerryError {
            logger.critical("Ferry could not start: \(error.message)")
            throw ExitCode.failure
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            logger.critical("Ferry could not start: \(settings.host):\(settings.port) is already in use; choose another with --port")
            throw ExitCode.failure
        } catch {
            logger.critical("Ferry stopped on an error: \(error)")
            throw ExitCode.failure
        }
    }

    private func runServer(_ settings: ServerSettings, environment: [String: String], logger: Logger) async throws {
        let database: any DatabaseProvider
        switch try DatabaseURI(parsing: settings.backendStoreURI) {
        case .sqlite(let path):
            database = try await SQLiteDatabaseProvider.open(path: path, logger: logger)
        case .postgres(let location):
            database = PostgresDatabaseProvider(uri: location, logger: logger)
        }
        // A client of our own: no response decompression (bytes come back as written) and bounded timeouts.
        let httpClient = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(timeout: .init(connect: .seconds(10), read: .seconds(60))))
        let blobs = try BlobStoreFactory.make(
            destination: settings.artifactsDestination, environment: environment, httpClient: httpClient, logger: logger)
        let store = SQLTrackingStore(database: database, logger: logger)
        let responder = FerryResponder(
            store: store, blobs: blobs, version: FerryVersion.current, requireCleanModels: settings.requireCleanModels, logger: logger)
        var app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "ferry"),
            services: [database],
            onServerRunning: { channel in
                logger.info(
                    "Ferry tracking server ready",
                    metadata: [
                        "address": "\(channel.localAddress.map { "\($0)" } ?? "")", "store": "\(DatabaseURI.redacted(settings.backendStoreURI))",
                        "artifacts": "\(settings.artifactsDestination)", "require-clean-models": "\(settings.requireCleanModels)",
                    ])
            },
            logger: logger
        )
        let storeName = DatabaseURI.redacted(settings.backendStoreURI)
        app.beforeServerStarts {
            do {
                try await store.migrate()
            } catch {
                throw FerryError.internalError("Could not open the metadata store \(storeName): \(error)")
            }
        }
        do {
            try await app.runService()
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
        logger.info("Ferry tracking server stopped")
    }
}

/// The server's settings after flags, `FERRY_*` variables and defaults are combined (in that order).
struct ServerSettings: Sendable {
    var host: String
    var port: Int
    var backendStoreURI: String
    var artifactsDestination: String
    var logLevel: Logger.Level
    var requireCleanModels: Bool

    init(command: ServerCommand, environment: [String: String]) throws {
        host = command.host ?? environment["FERRY_HOST"] ?? "127.0.0.1"
        if let port = command.port {
            self.port = port
        } else if let text = environment["FERRY_PORT"] {
            guard let port = Int(text), (0...65535).contains(port) else {
                throw ValidationError("FERRY_PORT must be a port number, got '\(text)'")
            }
            self.port = port
        } else {
            port = 5000
        }
        backendStoreURI = command.backendStoreURI ?? environment["FERRY_BACKEND_STORE_URI"] ?? "sqlite:///ferry-data/ferry.db"
        artifactsDestination = command.artifactsDestination ?? environment["FERRY_ARTIFACTS_DESTINATION"] ?? "./ferry-data/artifacts"
        let levelText = command.logLevel ?? environment["FERRY_LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: levelText) else {
            throw ValidationError("Unknown log level '\(levelText)'")
        }
        logLevel = level
        requireCleanModels = command.requireCleanModels || ["1", "true", "yes"].contains(environment["FERRY_REQUIRE_CLEAN_MODELS"]?.lowercased() ?? "")
    }
}
