import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `ferry monitor`'s long-running part: compares one window every interval until shutdown. A failed window is
/// logged and the next one is tried; the gauges keep the last good values.
public struct MonitorLoop: Service {
    public let monitor: DriftMonitor
    /// Time between windows.
    public let interval: Duration
    /// The current time in epoch milliseconds.
    public let now: @Sendable () -> Int64

    public init(monitor: DriftMonitor, interval: Duration, now: @escaping @Sendable () -> Int64) {
        self.monitor = monitor
        self.interval = interval
        self.now = now
    }

    public func run() async throws {
        while !Task.isCancelledOrShuttingDown {
            do {
                if case .noData(let reason) = try await monitor.compareWindow(endingAt: now()) {
                    monitor.logger.info("no comparison this window", metadata: ["reason": "\(reason)"])
                }
            } catch {
                monitor.logger.error("window failed", metadata: ["error": "\(error)"])
            }
            try? await gracefulShutdownSleep(for: interval)
        }
    }

    /// Sleeps `duration`, waking early when the service group shuts down.
    private func gracefulShutdownSleep(for duration: Duration) async throws {
        try await cancelWhenGracefulShutdown {
            try await Task.sleep(for: duration)
        }
    }
}

extension Task where Success == Never, Failure == Never {
    fileprivate static var isCancelledOrShuttingDown: Bool { isCancelled || isShuttingDownGracefully }
}

/// The monitor's HTTP endpoints: `GET /metrics` (Prometheus text format 0.0.4) and `GET /health`.
public enum MonitorHTTP {
    public static func router(gauges: DriftGauges) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: gauges.exposition())))
        }
        router.get("/health") { _, _ in "OK" }
        return router
    }
}
