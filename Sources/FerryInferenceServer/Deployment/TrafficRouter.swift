/// Chooses which version of a deployment answers a request, and whether a shadow gets a copy.
///
/// Versions that are not ready get no traffic: a canary that is still loading (or failed) leaves all
/// requests to the primary, and a primary that is not ready leaves them to a ready canary.
enum TrafficRouter {
    /// The version that answers, with its role, and the shadow version that gets a copy, if any.
    struct Route: Sendable {
        var version: ServedVersion
        var role: String
        var shadow: ServedVersion?
    }

    /// Routes one request. `key` is the sticky header's value, if the request has one; `draw` and
    /// `shadowDraw` are uniform random numbers in 0..<100 (passed in so tests are deterministic).
    static func route(_ deployment: Deployment, key: String?, draw: Double, shadowDraw: Double) -> Route? {
        let primary = deployment.version(deployment.primary).flatMap { $0.isReady ? $0 : nil }
        let canary = deployment.canary.flatMap { share in deployment.version(share.version).flatMap { $0.isReady ? ($0, share.percent) : nil } }
        var chosen: (ServedVersion, String)?
        switch (primary, canary) {
        case (let primary?, let (canary, percent)?):
            let bucket = key.map(stickyBucket) ?? draw
            chosen = bucket < percent ? (canary, "canary") : (primary, "primary")
        case (let primary?, nil): chosen = (primary, "primary")
        case (nil, let (canary, _)?): chosen = (canary, "canary")
        case (nil, nil): chosen = nil
        }
        guard let (version, role) = chosen else { return nil }
        var shadow: ServedVersion?
        if let share = deployment.shadow, shadowDraw < share.percent, let candidate = deployment.version(share.version), candidate.isReady,
           candidate.version != version.version {
            shadow = candidate
        }
        return Route(version: version, role: role, shadow: shadow)
    }

    /// A stable bucket in 0..<100 for a sticky key (FNV-1a, 64 bit), so one caller always lands on the same side.
    static func stickyBucket(_ key: String) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Double(hash % 10_000) / 100
    }
}
