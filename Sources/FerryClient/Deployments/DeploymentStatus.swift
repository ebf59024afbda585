/// A deployment of `ferry serve` as its admin API reports it (`GET /admin/deployments/NAME`).
public struct DeploymentStatus: Sendable, Decodable, Equatable {
    /// A share of traffic given to one version.
    public struct Share: Sendable, Decodable, Equatable {
        public var version: String
        /// Percent of requests, 0 to 100.
        public var percent: Double
    }

    /// One loaded (or loading, or failed) version.
    public struct Version: Sendable, Decodable, Equatable {
        public var version: String
        /// Where it was loaded from: a path on the server or `models:/...`.
        public var source: String
        /// `loading`, `ready` or `failed`.
        public var state: String
        /// Why loading failed.
        public var error: String?
        /// `primary`, `canary`, `shadow` or `previous`.
        public var role: String?
    }

    public var name: String
    public var primary: String
    public var canary: Share?
    public var shadow: Share?
    /// The primary before the last promotion, kept loaded for an instant rollback.
    public var previous: String?
    /// The request header that keeps a caller on one side of the canary split.
    public var stickyHeader: String?
    /// Whether requests can be answered (the primary or the canary is ready).
    public var ready: Bool
    public var versions: [Version]

    enum CodingKeys: String, CodingKey {
        case name, primary, canary, shadow, previous, ready, versions
        case stickyHeader = "sticky_header"
    }

    /// The version labelled `label`.
    public func version(_ label: String) -> Version? {
        versions.first { $0.version == label }
    }
}

/// `GET /admin/deployments`: `{"deployments": [...]}`.
struct DeploymentList: Decodable {
    var deployments: [DeploymentStatus]
}
