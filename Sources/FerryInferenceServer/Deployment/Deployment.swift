/// A share of a deployment's traffic given to one version.
public struct TrafficShare: Sendable, Equatable {
    /// The version label.
    public var version: String
    /// Percent of requests, 0 to 100.
    public var percent: Double

    public init(version: String, percent: Double) {
        self.version = version
        self.percent = percent
    }
}

/// A model served under one name: its loaded versions and how requests are split between them.
///
/// The primary version answers every request the canary does not take. A canary takes
/// ``TrafficShare/percent`` of requests (sticky per key when ``stickyHeader`` names a request header);
/// a shadow gets an asynchronous copy of its share of requests, whose answers are discarded.
/// ``previous`` is the primary before the last promotion, kept loaded so a rollback is instant.
public struct Deployment: Sendable {
    public var name: String
    /// Every loaded version, in the order they were added.
    public var versions: [ServedVersion]
    public var primary: String
    public var canary: TrafficShare?
    public var shadow: TrafficShare?
    public var previous: String?
    /// The request header whose value keeps a caller on one side of the canary split.
    public var stickyHeader: String?

    public init(name: String, versions: [ServedVersion], primary: String, canary: TrafficShare? = nil, shadow: TrafficShare? = nil, stickyHeader: String? = nil) {
        self.name = name
        self.versions = versions
        self.primary = primary
        self.canary = canary
        self.shadow = shadow
        self.stickyHeader = stickyHeader
    }

    /// The version labelled `label`.
    public func version(_ label: String) -> ServedVersion? {
        versions.first { $0.version == label }
    }

    /// What role `label` plays: `primary`, `canary`, `shadow`, `previous`, or nil for none.
    public func role(of label: String) -> String? {
        if label == primary { return "primary" }
        if label == canary?.version { return "canary" }
        if label == shadow?.version { return "shadow" }
        if label == previous { return "previous" }
        return nil
    }

    /// Whether a request can be answered: the primary or the canary is ready.
    public var isReady: Bool {
        version(primary)?.isReady == true || canary.flatMap { version($0.version) }?.isReady == true
    }

    /// Drops versions that no role refers to any more.
    mutating func pruneUnused() {
        let kept = [primary, canary?.version, shadow?.version, previous].compactMap { $0 }
        versions.removeAll { !kept.contains($0.version) }
    }
}
