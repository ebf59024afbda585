import FerryServing
import Foundation
import HTTPTypes
import Synchronization

/// Answers inference requests for every deployment: picks the version (canary split, sticky keys,
/// readiness), runs it, tells the observers, and sends shadow copies in the background.
///
/// Protocol handlers translate their wire formats to ``InferenceTensor``s and call ``infer(model:version:inputs:context:)``.
final class InferenceService: Sendable {
    /// What a protocol handler knows about the request besides its tensors.
    struct RequestContext: Sendable {
        var protocolName: String
        var requestID: String?
        /// The request's headers, for the sticky-routing header.
        var headers: HTTPFields
        /// When the request arrived: its recorded duration runs from here, body reading and decoding included.
        var started = ContinuousClock.now
    }

    /// The answer: which version ran, and its outputs.
    struct Answer: Sendable {
        var version: String
        var outputs: [InferenceTensor]
    }

    let table: DeploymentTable
    private let observers: [any InferenceObserver]
    /// Shadow copies running now; beyond ``maxShadowsInFlight`` new copies are dropped, so a slow shadow
    /// can never pile up memory or slow the primary.
    private let shadowsInFlight = Atomic<Int>(0)
    static let maxShadowsInFlight = 64

    init(table: DeploymentTable, observers: [any InferenceObserver]) {
        self.table = table
        self.observers = observers
    }

    /// The deployment `name`, or a 404.
    func deployment(_ name: String) throws(ServingError) -> Deployment {
        guard let deployment = table.deployment(name) else {
            throw ServingError(.notFound, "Model '\(name)' is not served here; served models: \(table.all().map(\.name).joined(separator: ", ")).")
        }
        return deployment
    }

    /// The ready version `label` of `deployment`, or the routed one when `label` is nil.
    func infer(model name: String, version label: String?, inputs: [InferenceTensor], context: RequestContext) throws(ServingError) -> Answer {
        let deployment = try deployment(name)
        let chosen: ServedVersion
        let role: String
        var shadow: ServedVersion?
        if let label {
            guard let version = deployment.version(label) else {
                throw ServingError(.notFound, "Model '\(name)' has no version '\(label)'; its versions are \(deployment.versions.map(\.version).joined(separator: ", ")).")
            }
            (chosen, role) = (version, "direct")
        } else {
            let key = deployment.stickyHeader.flatMap { HTTPField.Name($0) }.flatMap { context.headers[$0] }
            guard let route = TrafficRouter.route(deployment, key: key, draw: Double.random(in: 0..<100), shadowDraw: Double.random(in: 0..<100)) else {
                throw Self.notReady(deployment)
            }
            (chosen, role, shadow) = (route.version, route.role, route.shadow)
        }
        guard let model = chosen.model else {
            throw ServingError(.unavailable, "Version '\(chosen.version)' of model '\(name)' is \(chosen.stateName)\(chosen.failure.map { ": \($0)" } ?? "").")
        }
        let result = Result { () throws(InferenceError) in try model.infer(inputs) }
        let seconds = Self.seconds(since: context.started)
        let outputs = (try? result.get()) ?? []
        let failure = result.failure.map(ServingError.init)
        notify(name, chosen.version, role: role, code: failure?.status.rawValue ?? 200, seconds: seconds, inputs: inputs, outputs: outputs, context: context)
        if let shadow { runShadow(shadow, of: name, inputs: inputs, context: context) }
        if let failure { throw failure }
        return Answer(version: chosen.version, outputs: outputs)
    }

    /// Records a request refused before it reached a model (bad body, unknown input), for metrics.
    func recordRefusal(model: String, version: String?, code: Int, context: RequestContext) {
        guard let deployment = table.deployment(model) else { return }
        notify(
            model, version ?? deployment.primary, role: version == nil ? "primary" : "direct", code: code, seconds: Self.seconds(since: context.started),
            inputs: [], outputs: [], context: context)
    }

    private func runShadow(_ shadow: ServedVersion, of name: String, inputs: [InferenceTensor], context: RequestContext) {
        guard let model = shadow.model else { return }
        guard shadowsInFlight.add(1, ordering: .relaxed).newValue <= Self.maxShadowsInFlight else {
            shadowsInFlight.subtract(1, ordering: .relaxed)
            return
        }
        Task.detached(priority: .background) { [self] in
            defer { shadowsInFlight.subtract(1, ordering: .relaxed) }
            let start = ContinuousClock.now
            let result = Result { () throws(InferenceError) in try model.infer(inputs) }
            let code = result.failure.map { ServingError($0).status.rawValue } ?? 200
            notify(name, shadow.version, role: "shadow", code: code, seconds: Self.seconds(since: start), inputs: inputs, outputs: (try? result.get()) ?? [], context: context)
        }
    }

    private func notify(_ model: String, _ version: String, role: String, code: Int, seconds: Double, inputs: [InferenceTensor], outputs: [InferenceTensor], context: RequestContext) {
        guard !observers.isEmpty else { return }
        let event = InferenceEvent(
            model: model, version: version, protocolName: context.protocolName, role: role, code: code, seconds: seconds,
            requestID: context.requestID, inputs: inputs, outputs: outputs)
        for observer in observers { observer.observe(event) }
    }

    /// 503 for a deployment with no ready version, saying which versions are loading and why others failed.
    static func notReady(_ deployment: Deployment) -> ServingError {
        let failed = deployment.versions.compactMap { version in version.failure.map { "version \(version.version) failed: \($0)" } }
        let loading = deployment.versions.filter { $0.stateName == "loading" }.map { "version \($0.version) is loading" }
        let all = loading + failed
        return ServingError(.unavailable, "Model '\(deployment.name)' has no ready version yet" + (all.isEmpty ? "." : " (" + all.joined(separator: "; ") + ")."))
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}

extension Result {
    /// The error, when this is a failure.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
