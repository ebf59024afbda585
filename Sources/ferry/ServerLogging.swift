import Logging

/// Logging for the long-running commands (`ferry server`, `ferry serve`): to standard error, at `level`.
enum ServerLogging {
    static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
