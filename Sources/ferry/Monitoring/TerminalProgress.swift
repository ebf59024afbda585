import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress display on standard error, for reading large tables: shown only on a terminal,
/// redrawn at most ten times a second, and cleared when the work is done.
final class TerminalProgress: Sendable {
    private struct State {
        var done: [String: (Int64, Int64)] = [:]
        var lastDraw: ContinuousClock.Instant?
        var drawn = false
    }

    private let enabled: Bool
    private let state = Mutex(State())

    private init(enabled: Bool) {
        self.enabled = enabled
    }

    /// A display on standard error when it is a terminal and `enabled`; otherwise one that prints nothing.
    static func forStandardError(enabled: Bool = true) -> TerminalProgress {
        TerminalProgress(enabled: enabled && isatty(STDERR_FILENO) == 1)
    }

    /// Records that `bytes` of `total` of `source` are read, and redraws if it is time to.
    func update(_ source: String, bytes: Int64, of total: Int64) {
        guard enabled else { return }
        let line: String? = state.withLock { state in
            state.done[source] = (bytes, total)
            let now = ContinuousClock.now
            if let last = state.lastDraw, now - last < .milliseconds(100) { return nil }
            state.lastDraw = now
            state.drawn = true
            let read = state.done.values.reduce(0) { $0 + $1.0 }
            let all = max(state.done.values.reduce(0) { $0 + $1.1 }, 1)
            let percent = Int(Double(read) / Double(all) * 100)
            let filled = percent / 5
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled)
            return "\r\u{1B}[2Kreading \(state.done.count == 1 ? source : "\(state.done.count) tables") \(bar) \(percent)%  "
                + "\(Self.megabytes(read)) of \(Self.megabytes(all))"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// Clears the line, if one was drawn.
    func finish() {
        guard enabled else { return }
        let drawn = state.withLock { state in
            defer { state.drawn = false }
            return state.drawn
        }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }

    private static func megabytes(_ bytes: Int64) -> String {
        String(format: "%.0f MB", Double(bytes) / 1_000_000)
    }
}
