/// Evidently 0.7's default test for a column (`_get_default_stattest`), from its type, the number of
/// non-missing reference values and the number of distinct non-missing values over reference ∪ current.
public enum DefaultDriftMethod {
    /// The method Evidently picks.
    ///
    /// | column | reference ≤ 1000 | reference > 1000 |
    /// |---|---|---|
    /// | numerical, distinct > 5 | KS | normed Wasserstein |
    /// | numerical, 2 < distinct ≤ 5 | chi-square | Jensen-Shannon |
    /// | numerical, distinct ≤ 2 | Z-test | Jensen-Shannon |
    /// | categorical, distinct > 2 | chi-square | Jensen-Shannon |
    /// | categorical, distinct ≤ 2 | Z-test | Jensen-Shannon |
    public static func method(type: DriftColumnType, referenceCount: Int, distinctValues: Int) -> DriftMethod {
        if referenceCount > 1000 {
            switch type {
            case .numerical: return distinctValues > 5 ? .wasserstein : .jensenshannon
            case .categorical: return .jensenshannon
            }
        }
        if type == .numerical, distinctValues > 5 { return .ks }
        return distinctValues > 2 ? .chisquare : .z
    }
}
