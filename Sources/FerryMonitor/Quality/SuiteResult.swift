import Foundation

/// The outcome of running a ``QualitySuite`` on a table, shaped like a Great Expectations 1.x validation
/// result in the SUMMARY result format (`success`, `results`, `statistics`, `suite_name`).
public struct SuiteResult: Sendable, Equatable, Codable {
    /// Whether every check passed.
    public let success: Bool
    /// One result per check, in suite order.
    public let results: [ExpectationResult]
    /// Counts of evaluated, passed and failed checks.
    public let statistics: SuiteStatistics
    /// The suite's name.
    public let suiteName: String

    /// Makes a suite result from its check results; `success` and the statistics follow from them.
    public init(suiteName: String, results: [ExpectationResult]) {
        self.suiteName = suiteName
        self.results = results
        self.success = results.allSatisfy(\.success)
        self.statistics = SuiteStatistics(results: results)
    }

    /// The results that failed.
    public var failures: [ExpectationResult] { results.filter { !$0.success } }

    /// The result as GX-style JSON. Infinite statistics are written as the strings `"Infinity"` /
    /// `"-Infinity"` (JSON has no infinity; Python writes a bare `Infinity`).
    public func jsonData(prettyPrinted: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = prettyPrinted ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(self)
    }

    enum CodingKeys: String, CodingKey {
        case success, results, statistics
        case suiteName = "suite_name"
    }
}

/// GX's suite `statistics`.
public struct SuiteStatistics: Sendable, Equatable, Codable {
    /// How many checks ran.
    public let evaluatedExpectations: Int
    /// How many passed.
    public let successfulExpectations: Int
    /// How many failed.
    public let unsuccessfulExpectations: Int
    /// Passed ÷ evaluated × 100; nil (JSON null) for an empty suite, as in GX.
    public let successPercent: Double?

    /// Counts `results`.
    public init(results: [ExpectationResult]) {
        evaluatedExpectations = results.count
        successfulExpectations = results.count { $0.success }
        unsuccessfulExpectations = evaluatedExpectations - successfulExpectations
        successPercent = evaluatedExpectations > 0 ? Double(successfulExpectations) / Double(evaluatedExpectations) * 100 : nil
    }

    enum CodingKeys: String, CodingKey {
        case evaluatedExpectations = "evaluated_expectations"
        case successfulExpectations = "successful_expectations"
        case unsuccessfulExpectations = "unsuccessful_expectations"
        case successPercent = "success_percent"
    }

    /// Writes all four keys, `success_percent` as null for an empty suite.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(evaluatedExpectations, forKey: .evaluatedExpectations)
        try container.encode(successfulExpectations, forKey: .successfulExpectations)
        try container.encode(unsuccessfulExpectations, forKey: .unsuccessfulExpectations)
        try container.encode(successPercent, forKey: .successPercent)
    }
}

/// The result of one check: GX's `ExpectationValidationResult`.
public struct ExpectationResult: Sendable, Equatable, Codable {
    /// Whether the check passed.
    public let success: Bool
    /// The check's type and parameters.
    public let expectationConfig: ExpectationConfig
    /// What was measured.
    public let result: ExpectationOutcome
    /// Whether the check could not be evaluated (a missing column, a text column for a numeric check).
    public let exceptionInfo: ExceptionInfo

    /// Makes a result.
    public init(success: Bool, expectationConfig: ExpectationConfig, result: ExpectationOutcome, exceptionInfo: ExceptionInfo = .none) {
        self.success = success
        self.expectationConfig = expectationConfig
        self.result = result
        self.exceptionInfo = exceptionInfo
    }

    enum CodingKeys: String, CodingKey {
        case success, result
        case expectationConfig = "expectation_config"
        case exceptionInfo = "exception_info"
    }
}

/// GX's `expectation_config`: the expectation type and its kwargs.
public struct ExpectationConfig: Sendable, Equatable, Codable {
    /// The expectation type, e.g. `expect_column_values_to_be_between`.
    public let type: String
    /// Its parameters.
    public let kwargs: ExpectationKwargs

    /// Makes a config.
    public init(type: String, kwargs: ExpectationKwargs) {
        self.type = type
        self.kwargs = kwargs
    }
}

/// GX's `exception_info`: set when a check raised instead of measuring.
public struct ExceptionInfo: Sendable, Equatable, Codable {
    /// Whether the check raised.
    public let raisedException: Bool
    /// What went wrong (nil when nothing did).
    public let exceptionMessage: String?

    /// No exception.
    public static let none = ExceptionInfo(raisedException: false, exceptionMessage: nil)

    /// An exception with this message.
    public static func raised(_ message: String) -> ExceptionInfo {
        ExceptionInfo(raisedException: true, exceptionMessage: message)
    }

    /// Makes exception info.
    public init(raisedException: Bool, exceptionMessage: String?) {
        self.raisedException = raisedException
        self.exceptionMessage = exceptionMessage
    }

    enum CodingKeys: String, CodingKey {
        case raisedException = "raised_exception"
        case exceptionTraceback = "exception_traceback"
        case exceptionMessage = "exception_message"
    }

    /// Reads `raised_exception` and `exception_message`; the traceback is ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        raisedException = try container.decode(Bool.self, forKey: .raisedException)
        exceptionMessage = try container.decodeIfPresent(String.self, forKey: .exceptionMessage)
    }

    /// Writes all three GX keys; `exception_traceback` is always null (there is no Python traceback).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(raisedException, forKey: .raisedException)
        try container.encodeNil(forKey: .exceptionTraceback)
        try container.encode(exceptionMessage, forKey: .exceptionMessage)
    }
}
