import ArgumentParser
import FerryMonitor
import FerryTables

import Foundation

/// The exit statuses of `ferry drift`, `ferry check` and `ferry monitor --once`, for pipelines and CI:
/// 0 all is well, 1 drift or a failed check, 2 a usage or input error.
enum MonitoringExit {
    /// Runs `body`; an input or usage error (a bad table, a bad option) is printed and ends the command with status 2.
    static func usage<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as TableError {
            throw fail(error.description)
        } catch let error as DriftError {
            throw fail(error.description)
        }
    }

    /// Runs `body`; any failure (an input error, an unreachable server, a store that cannot be read) is printed and
    /// ends the command with status 2.
    static func setup<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ExitCode {
            throw error
        } catch {
            throw fail(String(describing: error))
        }
    }

    /// Prints `message` as `ferry: message` on standard error and returns the exit for status 2.
    static func fail(_ message: String) -> ExitCode {
        printError("ferry: \(message)")
        return ExitCode(2)
    }

    /// Writes a line to standard error.
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
