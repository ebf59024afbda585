import Foundation
import Testing

@testable import FerryServing

/// Files written by skl2onnx, onnxmltools and torch.onnx (`compat/onnx_fixtures.py`): each loads as the onnx
/// package reads it, and Ferry's runtime gives onnxruntime's outputs for the sample inputs.
@Suite("ONNX files from the converters")
struct ConverterFilesTests {
    typealias Entry = ConverterFixtures.Entry

    /// The families the fixture set must hold: every converter output Ferry promises to run.
    static let requiredFamilies: Set<String> = [
        "logistic_binary", "logistic_binary_zipmap", "logistic_multinomial", "logistic_string_labels_zipmap", "linear_regression", "ridge",
        "pipeline_scaler_logistic", "pipeline_minmax_ridge", "pipeline_imputer_scaler_logistic", "pipeline_imputer_minmax_tree",
        "column_transformer_onehot", "column_transformer_ordinal", "random_forest_classifier", "random_forest_classifier_zipmap",
        "random_forest_regressor", "extra_trees_classifier", "extra_trees_regressor", "gradient_boosting_classifier",
        "gradient_boosting_binary", "gradient_boosting_regressor", "hist_gradient_boosting_classifier", "hist_gradient_boosting_binary",
        "hist_gradient_boosting_regressor", "mlp_classifier", "mlp_classifier_binary", "mlp_regressor", "lightgbm_classifier",
        "lightgbm_classifier_zipmap", "lightgbm_regressor", "xgboost_classifier", "xgboost_binary", "xgboost_regressor", "torch_mlp",
    ]

    @Test("The fixture set holds every family when scripts/test asks for it")
    func fixturesArePresent() {
        guard ConverterFixtures.directory != nil else { return }
        #expect(!ConverterFixtures.manifestIsUnreadable, "manifest.json is missing or does not decode")
        let families = Set(ConverterFixtures.entries.map(\.family))
        #expect(Self.requiredFamilies.subtracting(families).isEmpty, "missing: \(Self.requiredFamilies.subtracting(families).sorted())")
    }

    @Test("Each converter file loads as onnx reads it", arguments: ConverterFixtures.entries)
    func loads(_ entry: Entry) throws {
        let model = try ModelLoader.load(try entry.bytes)
        #expect(model.irVersion == entry.ir_version)
        #expect(model.opsets == entry.opsets)
        #expect(Set(model.nodes.map(\.qualifiedName)) == Set(entry.operators))
        #expect(model.inputs.map(\.name) == entry.inputs)
        #expect(model.outputs.map(\.name) == entry.outputs)
    }

    @Test("Every family gives onnxruntime's outputs through the graph executor", arguments: ConverterFixtures.entries)
    func matchesOnnxRuntime(_ entry: Entry) throws {
        let executor = try GraphExecutor(model: try ModelLoader.load(try entry.bytes))
        let outputs = try executor.run(entry.samples.mapValues(\.tensor))
        #expect(Set(entry.expected.keys) == Set(entry.outputs))
        for (name, expected) in entry.expected {
            let actual = try #require(outputs[name], "no output \(name)")
            let difference = ConverterFixtures.difference(actual, expected)
            #expect(difference == nil, "\(entry.family) \(name): \(difference ?? "")")
        }
    }

    @Test("Samples hold NaN for the families that handle missing values", arguments: ConverterFixtures.entries.filter {
        $0.family.hasPrefix("hist_") || $0.family.hasPrefix("lightgbm") || $0.family.contains("imputer")
    })
    func missingValuesAreExercised(_ entry: Entry) {
        let hasNaN = entry.samples.values.contains { if case .numbers(let values) = $0.values { values.contains(where: \.isNaN) } else { false } }
        #expect(hasNaN)
    }
}
