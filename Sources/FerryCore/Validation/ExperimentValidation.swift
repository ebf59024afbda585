/// MLflow's rules for experiment names and tags.
public enum ExperimentValidation {
    /// Names are 1 to 500 characters.
    public static func validateName(_ name: String) throws {
        if name.isEmpty {
            throw FerryError.invalidParameter("Invalid experiment name: '\(name)'")
        }
        if name.count > Limits.maxExperimentNameLength {
            throw FerryError.invalidParameter(Messages.exceedsMaximumLength("name", Limits.maxExperimentNameLength))
        }
    }

    /// Tag keys follow the key syntax; keys ≤250 and values ≤20000 characters.
    public static func validateTag(_ tag: KeyValue) throws {
        try KeyValidation.validate(tag.key, path: "key")
        try ValueLimits.check(tag.key, limit: Limits.maxExperimentTagKeyLength, path: "key")
        try ValueLimits.check(tag.value, limit: Limits.maxExperimentTagValueLength, path: "value")
    }

    /// Writes need an active experiment.
    public static func requireActive(_ experiment: Experiment) throws {
        guard experiment.lifecycleStage == .active else {
            throw FerryError.invalidParameter(
                "The experiment \(experiment.experimentID) must be in the 'active' state. Current state is \(experiment.lifecycleStage.rawValue).")
        }
    }
}
