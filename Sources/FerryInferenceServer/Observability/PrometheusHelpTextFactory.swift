import Metrics
import Prometheus

/// A swift-metrics factory over a ``PrometheusMetricsFactory`` that also gives each metric its `# HELP` text.
///
/// `PrometheusMetricsFactory` registers every metric with an empty help text, so its exposition has no
/// `# HELP` lines (which `promtool check metrics` reports). This factory registers the same metrics in the
/// same registry, with the bucket settings of `base`, but with the help text that `help` holds for the
/// metric's label (the Prometheus name); labels it does not know get none.
public struct PrometheusHelpTextFactory: MetricsFactory {
    /// The factory whose registry and histogram buckets are used, and which destroys handlers.
    public let base: PrometheusMetricsFactory
    /// Help text by metric name.
    public let help: [String: String]

    private var registry: PrometheusCollectorRegistry { base.registry }

    /// A factory over a new, empty registry of its own.
    /// - Parameters:
    ///   - help: help text by metric name.
    ///   - durationBuckets: the upper bounds of the buckets of each duration histogram (swift-metrics `Timer`),
    ///     by metric name; other timers get swift-prometheus' defaults.
    public init(help: [String: String], durationBuckets: [String: [Duration]] = [:]) {
        var base = PrometheusMetricsFactory(registry: PrometheusCollectorRegistry())
        base.durationHistogramBuckets = durationBuckets
        self.base = base
        self.help = help
    }

    /// Every metric made by this factory, in the Prometheus text exposition format (version 0.0.4).
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    private func descriptor(_ label: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: label, unitName: "", helpText: help[label] ?? "")
    }

    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    public func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        registry.makeGauge(descriptor: descriptor(label), labels: dimensions)
    }

    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        guard aggregate else { return registry.makeGauge(descriptor: descriptor(label), labels: dimensions) }
        let buckets = base.valueHistogramBuckets[label] ?? base.defaultValueHistogramBuckets
        return registry.makeValueHistogram(descriptor: descriptor(label), labels: dimensions, buckets: buckets)
    }

    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        let buckets = base.durationHistogramBuckets[label] ?? base.defaultDurationHistogramBuckets
        return registry.makeDurationHistogram(descriptor: descriptor(label), labels: dimensions, buckets: buckets)
    }

    public func destroyCounter(_ handler: any CounterHandler) { base.destroyCounter(handler) }
    public func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
        base.destroyFloatingPointCounter(handler)
    }
    public func destroyMeter(_ handler: any MeterHandler) { base.destroyMeter(handler) }
    public func destroyRecorder(_ handler: any RecorderHandler) { base.destroyRecorder(handler) }
    public func destroyTimer(_ handler: any TimerHandler) { base.destroyTimer(handler) }
}
