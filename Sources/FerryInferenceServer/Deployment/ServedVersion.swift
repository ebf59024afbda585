import FerryServing

/// One version of a served model: where it came from and whether it is loading, ready or failed.
public struct ServedVersion: Sendable {
    public enum State: Sendable {
        case loading
        case ready(ServableModel)
        /// Loading failed; the reason is what model status reports.
        case failed(String)
    }

    /// The version's label (`3`, `v2`, ...), unique within its deployment.
    public let version: String
    public let source: ModelSource
    public var state: State

    public init(version: String, source: ModelSource, state: State = .loading) {
        self.version = version
        self.source = source
        self.state = state
    }

    /// The runnable model, once loaded.
    public var model: ServableModel? {
        if case .ready(let model) = state { return model }
        return nil
    }

    public var isReady: Bool { model != nil }

    /// `loading`, `ready` or `failed`.
    public var stateName: String {
        switch state {
        case .loading: "loading"
        case .ready: "ready"
        case .failed: "failed"
        }
    }

    /// Why loading failed, when it did.
    public var failure: String? {
        if case .failed(let reason) = state { return reason }
        return nil
    }
}
