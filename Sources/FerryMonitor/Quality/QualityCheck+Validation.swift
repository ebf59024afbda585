/// A parameter problem in one check: the key at fault (when one is) and what is wrong.
struct CheckProblem: Error, Equatable {
    let key: String?
    let message: String
}

extension QualityCheck {
    /// Checks the parameters the way GX's pydantic models do, plus what GX only finds at run time
    /// (`min_value` above `max_value`) or never (an empty `value_set`, a regex that does not compile).
    func validate() throws(CheckProblem) {
        if let column, column.isEmpty { throw CheckProblem(key: "column", message: "column is empty; name a column") }
        if let mostly, !(mostly > 0 && mostly <= 1) {
            throw CheckProblem(key: "mostly", message: "mostly must be in (0, 1], got \(PythonNumberText.float(mostly))")
        }
        switch self {
        case .columnValuesBetween(_, let bounds, _):
            if bounds.minValue == nil && bounds.maxValue == nil {
                throw CheckProblem(key: "min_value", message: "min_value and max_value cannot both be null; give at least one")
            }
            try Self.validate(bounds)
        case .columnStatisticBetween(_, _, let bounds), .tableRowCountBetween(let bounds):
            try Self.validate(bounds)
        case .columnValuesInSet(_, let valueSet, _):
            if valueSet.isEmpty { throw CheckProblem(key: "value_set", message: "value_set is empty; list at least one value") }
            if valueSet.contains(where: { if case .array = $0 { true } else { false } }) {
                throw CheckProblem(key: "value_set", message: "value_set must list scalars (numbers, text, booleans), not lists")
            }
        case .columnValuesMatchRegex(_, let regex, _):
            do {
                _ = try SearchPattern(regex)
            } catch {
                throw CheckProblem(key: "regex", message: "regex \"\(regex)\" does not compile: \(error)")
            }
        case .columnToExist, .columnValuesOfType, .columnValuesNotNull, .columnValuesUnique, .tableColumnsMatchSet:
            break
        }
    }

    private static func validate(_ bounds: QualityBounds) throws(CheckProblem) {
        for (key, bound) in [("min_value", bounds.minValue), ("max_value", bounds.maxValue)] {
            if let bound, bound.isNaN { throw CheckProblem(key: key, message: "\(key) must be a number, got NaN") }
        }
        if let minValue = bounds.minValue, let maxValue = bounds.maxValue, minValue > maxValue {
            throw CheckProblem(
                key: "min_value",
                message: "min_value (\(PythonNumberText.float(minValue))) is greater than max_value (\(PythonNumberText.float(maxValue)))")
        }
    }
}
