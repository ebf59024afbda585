/// The drift tests Ferry computes, named as Evidently names them (`method` in its options).
public enum DriftMethod: String, Sendable, Codable, CaseIterable {
    case ks
    case chisquare
    case z
    case wasserstein
    case jensenshannon
    case psi
    case kl_div
    case hellinger
    case anderson
    case cramer_von_mises
    case mannw
    case ed
    case tvd = "TVD"

    /// How a score is compared with the threshold to call drift.
    public enum Comparison: String, Sendable, Codable {
        /// p-values where drift is `p <= threshold` (Evidently's KS and Cramér–von Mises).
        case pValueAtMost = "p_value <= threshold"
        /// p-values where drift is `p < threshold`.
        case pValueBelow = "p_value < threshold"
        /// Distances where drift is `score >= threshold`.
        case distanceAtLeast = "score >= threshold"
        /// Distances where drift is `score > threshold` (Evidently's energy distance).
        case distanceAbove = "score > threshold"

        /// Whether `score` against `threshold` means drift.
        public func isDrift(score: Double, threshold: Double) -> Bool {
            switch self {
            case .pValueAtMost: score <= threshold
            case .pValueBelow: score < threshold
            case .distanceAtLeast: score >= threshold
            case .distanceAbove: score > threshold
            }
        }

        /// Whether the score is a p-value (so it lies in [0, 1] and small means drift).
        public var isPValue: Bool { self == .pValueAtMost || self == .pValueBelow }
    }

    /// Evidently's default threshold for the method.
    public var defaultThreshold: Double {
        switch self {
        case .ks, .chisquare, .z, .mannw: 0.05
        case .wasserstein, .jensenshannon, .psi, .kl_div, .hellinger, .anderson, .cramer_von_mises, .ed, .tvd: 0.1
        }
    }

    /// How the score is compared with the threshold.
    public var comparison: Comparison {
        switch self {
        case .ks, .cramer_von_mises: .pValueAtMost
        case .chisquare, .z, .anderson, .mannw, .tvd: .pValueBelow
        case .wasserstein, .jensenshannon, .psi, .kl_div, .hellinger: .distanceAtLeast
        case .ed: .distanceAbove
        }
    }

    /// Evidently's display name for the method, as its reports show it.
    public var displayName: String {
        switch self {
        case .ks: "K-S p_value"
        case .chisquare: "chi-square p_value"
        case .z: "Z-test p_value"
        case .wasserstein: "Wasserstein distance (normed)"
        case .jensenshannon: "Jensen-Shannon distance"
        case .psi: "PSI"
        case .kl_div: "Kullback-Leibler divergence"
        case .hellinger: "Hellinger distance"
        case .anderson: "Anderson-Darling"
        case .cramer_von_mises: "Cramer-von Mises"
        case .mannw: "Mann-Whitney U-rank test"
        case .ed: "Energy-distance"
        case .tvd: "Total-Variation-Distance"
        }
    }

    /// Whether Evidently accepts the method, requested by name, for numerical columns (its registry's
    /// `allowed_feature_types`; asking for another one makes the whole report fail with
    /// `StatTestInvalidFeatureTypeError`).
    ///
    /// chisquare and z are registered for categorical columns only, yet Evidently's *default* selection
    /// still applies them to numerical columns with 3–5 and at most 2 distinct values: that path never
    /// checks this list, and their scores are defined on numerical samples too.
    public var acceptsNumerical: Bool {
        switch self {
        case .chisquare, .z, .tvd: false
        case .ks, .wasserstein, .jensenshannon, .psi, .kl_div, .hellinger, .anderson, .cramer_von_mises, .mannw, .ed: true
        }
    }
    /// Whether Evidently accepts the method, requested by name, for categorical columns.
    public var acceptsCategorical: Bool {
        switch self {
        case .chisquare, .z, .jensenshannon, .psi, .kl_div, .hellinger, .tvd: true
        case .ks, .wasserstein, .anderson, .cramer_von_mises, .mannw, .ed: false
        }
    }
}
