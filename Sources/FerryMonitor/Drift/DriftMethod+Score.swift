extension DriftMethod {
    /// The method's score on a sample (a p-value or a distance, as Evidently reports it).
    ///
    /// `integerDtype` says both sides hold integers as pandas stores them (no missing values): numpy widens
    /// histogram bins narrower than 1 for integer arrays, so the binned methods bin such columns differently.
    /// The caller has checked that the method accepts the sample's column type.
    public func score(_ sample: DriftSample, integerDtype: Bool = false) -> Double {
        switch self {
        case .ks: KolmogorovSmirnovTest.score(sample)
        case .chisquare: ChiSquareTest.score(sample)
        case .z: ProportionsZTest.score(sample)
        case .wasserstein: NormedWasserstein.score(sample)
        case .jensenshannon: JensenShannonDistance.score(sample, integerDtype: integerDtype)
        case .psi: PopulationStabilityIndex.score(sample, integerDtype: integerDtype)
        case .kl_div: KullbackLeibler.score(sample, integerDtype: integerDtype)
        case .hellinger: HellingerDistance.score(sample, integerDtype: integerDtype)
        case .anderson: AndersonDarlingTest.score(sample)
        case .cramer_von_mises: CramerVonMisesTest.score(sample)
        case .mannw: MannWhitneyTest.score(sample)
        case .ed: EnergyDistance.score(sample)
        case .tvd: TotalVariationTest.score(sample)
        }
    }

    /// Whether the method can test a column of this type.
    public func accepts(_ type: DriftColumnType) -> Bool {
        switch type {
        case .numerical: acceptsNumerical
        case .categorical: acceptsCategorical
        }
    }

    /// The method named `name` (Evidently's names, case-insensitive), or an error listing them.
    public static func named(_ name: String) throws(DriftError) -> DriftMethod {
        if let method = allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) { return method }
        let known = allCases.map(\.rawValue).joined(separator: ", ")
        throw DriftError("unknown drift method '\(name)': use one of \(known)")
    }
}
