import FerryServing
import Testing

@testable import FerryInferenceServer

@Suite struct TrafficRouterTests {
    let model: ServableModel

    init() throws {
        model = try ServableModel(onnx: TinyONNX.linearRegressor(coefficients: [0], intercept: 1))
    }

    private func version(_ label: String, _ state: String = "ready") -> ServedVersion {
        let source = ModelSource.file(path: "/models/\(label).onnx")
        switch state {
        case "ready": return ServedVersion(version: label, source: source, state: .ready(model))
        case "failed": return ServedVersion(version: label, source: source, state: .failed("bad file"))
        default: return ServedVersion(version: label, source: source)
        }
    }

    private func deployment(primary: String = "ready", canary: String? = "ready", percent: Double = 10, shadow: String? = nil, shadowPercent: Double = 100)
        -> Deployment
    {
        var versions = [version("1", primary)]
        var deployment = Deployment(name: "churn", versions: [], primary: "1")
        if let canary {
            versions.append(version("2", canary))
            deployment.canary = TrafficShare(version: "2", percent: percent)
        }
        if let shadow {
            versions.append(version("3", shadow))
            deployment.shadow = TrafficShare(version: "3", percent: shadowPercent)
        }
        deployment.versions = versions
        return deployment
    }

    /// How many of `draws` evenly spread draws in 0..<100 the canary takes.
    private func canaryShare(_ deployment: Deployment, draws: Int = 10_000) -> Int {
        (0..<draws).count { index in
            TrafficRouter.route(deployment, key: nil, draw: Double(index) * 100 / Double(draws), shadowDraw: 0)?.role == "canary"
        }
    }

    @Test(arguments: [0.0, 10, 25, 50, 99.5, 100])
    func canaryTakesItsPercentOfDraws(percent: Double) {
        let share = canaryShare(deployment(percent: percent))
        #expect(share == Int(percent * 100))
    }

    @Test func randomDrawsSplitNearThePercent() {
        let routed = deployment(percent: 30)
        let canary = (0..<20_000).count { _ in
            TrafficRouter.route(routed, key: nil, draw: Double.random(in: 0..<100), shadowDraw: 0)?.version.version == "2"
        }
        // 30% of 20,000 is 6,000; the standard deviation is about 65.
        #expect((5_500...6_500).contains(canary))
    }

    @Test func stickyKeyAlwaysLandsOnTheSameSideWhateverTheDraw() {
        let routed = deployment(percent: 50)
        for key in ["user-1", "user-2", "alice", "bob", ""] {
            let sides = Set((0..<100).map { TrafficRouter.route(routed, key: key, draw: Double($0), shadowDraw: 0)!.version.version })
            #expect(sides.count == 1, "key \(key) moved between versions")
        }
    }

    @Test func stickyKeysSplitNearThePercentAcrossKeys() {
        let routed = deployment(percent: 20)
        let canary = (0..<5_000).count { TrafficRouter.route(routed, key: "user-\($0)", draw: 99.9, shadowDraw: 0)!.role == "canary" }
        // draw 99.9 alone would always pick the primary: the key decides.
        #expect((800...1_200).contains(canary))
    }

    @Test func stickyBucketIsStableAndInRange() {
        #expect(TrafficRouter.stickyBucket("user-42") == TrafficRouter.stickyBucket("user-42"))
        for key in ["", "a", "user-42", String(repeating: "x", count: 1000)] {
            #expect((0..<100).contains(TrafficRouter.stickyBucket(key)))
        }
    }

    @Test(arguments: ["loading", "failed"])
    func canaryThatIsNotReadyGetsNothing(state: String) {
        #expect(canaryShare(deployment(canary: state, percent: 100)) == 0)
        #expect(TrafficRouter.route(deployment(canary: state, percent: 100), key: "user-1", draw: 0, shadowDraw: 0)?.version.version == "1")
    }

    @Test(arguments: ["loading", "failed"])
    func primaryThatIsNotReadyLeavesAllToAReadyCanary(state: String) {
        let routed = deployment(primary: state, percent: 0)
        #expect(canaryShare(routed) == 10_000)
        #expect(TrafficRouter.route(routed, key: nil, draw: 0, shadowDraw: 0)?.role == "canary")
    }

    @Test func nothingReadyRoutesNowhere() {
        #expect(TrafficRouter.route(deployment(primary: "loading", canary: "failed"), key: nil, draw: 0, shadowDraw: 0) == nil)
        #expect(TrafficRouter.route(deployment(primary: "failed", canary: nil), key: nil, draw: 0, shadowDraw: 0) == nil)
    }

    @Test func shadowGetsACopyOfItsPercentOfRequests() {
        let routed = deployment(canary: nil, shadow: "ready", shadowPercent: 25)
        let copies = (0..<1_000).count { TrafficRouter.route(routed, key: nil, draw: 0, shadowDraw: Double($0) / 10)?.shadow?.version == "3" }
        #expect(copies == 250)
        // The shadow never answers: the primary does.
        #expect(TrafficRouter.route(routed, key: nil, draw: 0, shadowDraw: 0)?.version.version == "1")
    }

    @Test func shadowOfAllAndOfNone() {
        #expect(TrafficRouter.route(deployment(canary: nil, shadow: "ready", shadowPercent: 100), key: nil, draw: 0, shadowDraw: 99.99)?.shadow != nil)
        #expect(TrafficRouter.route(deployment(canary: nil, shadow: "ready", shadowPercent: 0), key: nil, draw: 0, shadowDraw: 0)?.shadow == nil)
    }

    @Test(arguments: ["loading", "failed"])
    func shadowThatIsNotReadyGetsNoCopy(state: String) {
        #expect(TrafficRouter.route(deployment(canary: nil, shadow: state), key: nil, draw: 0, shadowDraw: 0)?.shadow == nil)
    }

    @Test func shadowAlongsideACanary() {
        let routed = deployment(percent: 50, shadow: "ready")
        let toCanary = TrafficRouter.route(routed, key: nil, draw: 10, shadowDraw: 0)
        #expect(toCanary?.version.version == "2")
        #expect(toCanary?.shadow?.version == "3")
        let toPrimary = TrafficRouter.route(routed, key: nil, draw: 90, shadowDraw: 0)
        #expect(toPrimary?.version.version == "1")
        #expect(toPrimary?.shadow?.version == "3")
    }
}
