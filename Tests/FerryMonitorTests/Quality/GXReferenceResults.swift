// Great Expectations 1.24.1 outputs (pandas 2.3.3, SUMMARY result format) for the suites below on the frames in
// GXReferenceFrames.swift, recorded with the script below: each check was run alone (GX reorders and de-duplicates
// the checks of one suite), `batch_id`/`meta`/`id` were dropped, and GX's nested metric exception was flattened to
// its message. JSON lines are wrapped between tokens.
//
// To regenerate: save a suite's YAML to NAME.yaml and run, in a venv with great_expectations==1.24.1 and pandas<3,
// `python gx_reference.py NAME NAME.yaml`.
//
// # Runs each check of a suite alone through great_expectations 1.24.1 (pandas, SUMMARY) and prints
// # [{type, success, result, exception_message}] as JSON.
// import json, sys, warnings, logging
// warnings.filterwarnings("ignore"); logging.disable(logging.CRITICAL)
// import numpy as np, pandas as pd
// import great_expectations as gx, great_expectations.expectations as gxe
// from ruamel.yaml import YAML
//
// nan = np.nan
// FRAMES = {
//     "people": pd.DataFrame({
//         "id": [1, 2, 3, 4, 5, 6, 7, 8, 9, 9],
//         "age": [34.0, 51.0, nan, 29.0, 130.0, 45.0, -1.0, 38.0, nan, 62.0],
//         "plan": ["free", "pro", "team", "gold", "pro", nan, "free", "gold", "gold", "enterprise"],
//         "email": ["a@x.io", "b@x.io", "bad", "c@x.io", nan, "d@@x", "e@x.io", "f@x.io", "g@x.io", "h@x.io"],
//         "active": [True, False, True, True, False, True, True, True, False, True],
//         "score": [0.5, 0.25, 0.75, 1.0, 0.5, 0.125, 0.5, 0.875, 0.375, 0.625],
//         "flag": pd.Series([True, nan, False, True, True, nan, False, True, True, True], dtype=object),
//     }),
//     "many": pd.DataFrame({
//         "letter": list("zyxzyxwvzzabcabcdeffgghhk") + ["ok"] * 5,
//         "gaps": [nan] * 25 + [1.0, 2.0, 3.0, 4.0, 5.0],
//     }),
//     "empty": pd.DataFrame({"x": pd.Series([], dtype=float)}),
// }
//
// def camel(name):
//     return "".join(part.capitalize() for part in name.split("_"))
//
// def main(frame_name, suite_path):
//     suite = YAML(typ="safe").load(open(suite_path))
//     ctx = gx.get_context(mode="ephemeral")
//     batch = ctx.data_sources.add_pandas("p").add_dataframe_asset("a").add_batch_definition_whole_dataframe("b")
//     out = []
//     for n, check in enumerate(suite["checks"]):
//         (type_, kwargs), = check.items()
//         kwargs = dict(kwargs or {})
//         if "type" in kwargs: kwargs["type_"] = kwargs.pop("type")
//         s = ctx.suites.add(gx.ExpectationSuite(name=f"s{n}"))
//         s.add_expectation(getattr(gxe, camel(type_))(**kwargs))
//         vd = ctx.validation_definitions.add(gx.ValidationDefinition(name=f"v{n}", data=batch, suite=s))
//         r = vd.run(batch_parameters={"dataframe": FRAMES[frame_name]}).to_json_dict()["results"][0]
//         info = r["exception_info"]
//         if "raised_exception" not in info:  # GX nests metric errors under a metric id
//             info = next(iter(info.values()))
//         out.append({"type": type_, "success": r["success"], "result": r["result"],
//                     "exception_message": info["exception_message"] if info["raised_exception"] else None})
//     print(json.dumps(out))
//
// main(sys.argv[1], sys.argv[2])

/// Recorded GX results, one JSON array per suite, in suite order.
enum GXReference {
    /// The `people` suite, as given to GX.
    static let peopleSuite = #"""
        name: people
        checks:
          - expect_column_to_exist: {column: age}
          - expect_column_to_exist: {column: height}
          - expect_column_to_exist: {column: plan, column_index: 2}
          - expect_column_to_exist: {column: plan, column_index: -5}
          - expect_column_values_to_not_be_null: {column: age}
          - expect_column_values_to_not_be_null: {column: plan, mostly: 0.9}
          - expect_column_values_to_not_be_null: {column: id}
          - expect_column_values_to_be_between: {column: age, min_value: 0, max_value: 120}
          - expect_column_values_to_be_between: {column: age, min_value: 0, max_value: 120, mostly: 0.75}
          - expect_column_values_to_be_between: {column: age, min_value: 0, max_value: 120, mostly: 0.76}
          - expect_column_values_to_be_between: {column: score, min_value: 0.125, max_value: 1.0, strict_min: true, strict_max: true}
          - expect_column_values_to_be_between: {column: id, max_value: 8}
          - expect_column_values_to_be_in_set: {column: plan, value_set: [free, pro, team]}
          - expect_column_values_to_be_in_set: {column: id, value_set: [1, 2.0, 3, 9]}
          - expect_column_values_to_be_in_set: {column: active, value_set: [true]}
          - expect_column_values_to_be_in_set: {column: flag, value_set: [true]}
          - expect_column_values_to_be_in_set: {column: score, value_set: [0.5, 1]}
          - expect_column_values_to_be_unique: {column: id}
          - expect_column_values_to_be_unique: {column: plan}
          - expect_column_values_to_be_unique: {column: score, mostly: 0.8}
          - expect_column_values_to_match_regex: {column: email, regex: "^[^@]+@[^@]+$"}
          - expect_column_values_to_match_regex: {column: email, regex: "x\\.io"}
          - expect_column_values_to_match_regex: {column: age, regex: "^[0-9]+\\.0$"}
          - expect_column_values_to_match_regex: {column: id, regex: "^[1-8]$"}
          - expect_column_values_to_match_regex: {column: active, regex: "^True$"}
          - expect_column_values_to_be_of_type: {column: id, type_: int64}
          - expect_column_values_to_be_of_type: {column: id, type_: float}
          - expect_column_values_to_be_of_type: {column: age, type_: float64}
          - expect_column_values_to_be_of_type: {column: active, type_: bool}
          - expect_column_values_to_be_of_type: {column: plan, type_: str}
          - expect_column_values_to_be_of_type: {column: plan, type_: int}
          - expect_column_values_to_be_of_type: {column: plan, type_: object}
          - expect_column_values_to_be_of_type: {column: flag, type_: bool}
          - expect_column_values_to_be_of_type: {column: flag, type_: int}
          - expect_column_values_to_be_of_type: {column: flag, type_: str}
          - expect_column_values_to_be_of_type: {column: height, type_: int64}
          - expect_column_mean_to_be_between: {column: age, min_value: 40, max_value: 50}
          - expect_column_mean_to_be_between: {column: score, min_value: 0.55, strict_min: true}
          - expect_column_median_to_be_between: {column: age, min_value: 40, max_value: 42}
          - expect_column_median_to_be_between: {column: id, min_value: 5, max_value: 6}
          - expect_column_min_to_be_between: {column: age, min_value: 0}
          - expect_column_min_to_be_between: {column: id, min_value: 1, max_value: 1}
          - expect_column_max_to_be_between: {column: age, max_value: 130, strict_max: true}
          - expect_column_max_to_be_between: {column: score, max_value: 1}
          - expect_column_stdev_to_be_between: {column: age, min_value: 30, max_value: 50}
          - expect_column_stdev_to_be_between: {column: id, max_value: 2.5}
          - expect_column_mean_to_be_between: {column: height, min_value: 1}
          - expect_column_values_to_be_between: {column: height, min_value: 1}
          - expect_table_row_count_to_be_between: {min_value: 10, max_value: 10}
          - expect_table_row_count_to_be_between: {min_value: 10, strict_min: true}
          - expect_table_columns_to_match_set: {column_set: [id, age, plan, email, active, score, flag]}
          - expect_table_columns_to_match_set: {column_set: [id, age, plan, height]}
          - expect_table_columns_to_match_set: {column_set: [id, age, plan], exact_match: false}
          - expect_table_columns_to_match_set: {column_set: [id, age, plan, height], exact_match: false}
        """#

    /// GX's results for `peopleSuite` on `GXReferenceFrames.people`.
    static let peopleResults = #"""
        [
        {"type": "expect_column_to_exist", "success": true, "result": {}, "exception_message": null},
        {"type": "expect_column_to_exist", "success": false, "result": {}, "exception_message": null},
        {"type": "expect_column_to_exist", "success": true, "result": {}, "exception_message": null},
        {"type": "expect_column_to_exist", "success": true, "result": {}, "exception_message": null},
        {"type": "expect_column_values_to_not_be_null", "success": false, "result": {"element_count": 10, "unexpected_count": 2,
            "unexpected_percent": 20.0, "partial_unexpected_list": [null, null], "partial_unexpected_counts": [{"value": null,
            "count": 1}, {"value": null, "count": 1}], "partial_unexpected_index_list": [2, 8]}, "exception_message": null},
        {"type": "expect_column_values_to_not_be_null", "success": true, "result": {"element_count": 10, "unexpected_count": 1,
            "unexpected_percent": 10.0, "partial_unexpected_list": [null], "partial_unexpected_counts": [{"value": null,
            "count": 1}], "partial_unexpected_index_list": [5]}, "exception_message": null},
        {"type": "expect_column_values_to_not_be_null", "success": true, "result": {"element_count": 10, "unexpected_count": 0,
            "unexpected_percent": 0.0, "partial_unexpected_list": [], "partial_unexpected_counts": [], "partial_unexpected_index_list": []},
            "exception_message": null},
        {"type": "expect_column_values_to_be_between", "success": false, "result": {"element_count": 10, "unexpected_count": 2,
            "unexpected_percent": 25.0, "partial_unexpected_list": [130.0, -1.0], "missing_count": 2, "missing_percent": 20.0,
            "unexpected_percent_total": 20.0, "unexpected_percent_nonmissing": 25.0, "partial_unexpected_counts": [{"value": -1.0,
            "count": 1}, {"value": 130.0, "count": 1}], "partial_unexpected_index_list": [4, 6]}, "exception_message": null},
        {"type": "expect_column_values_to_be_between", "success": true, "result": {"element_count": 10, "unexpected_count": 2,
            "unexpected_percent": 25.0, "partial_unexpected_list": [130.0, -1.0], "missing_count": 2, "missing_percent": 20.0,
            "unexpected_percent_total": 20.0, "unexpected_percent_nonmissing": 25.0, "partial_unexpected_counts": [{"value": -1.0,
            "count": 1}, {"value": 130.0, "count": 1}], "partial_unexpected_index_list": [4, 6]}, "exception_message": null},
        {"type": "expect_column_values_to_be_between", "success": false, "result": {"element_count": 10, "unexpected_count": 2,
            "unexpected_percent": 25.0, "partial_unexpected_list": [130.0, -1.0], "missing_count": 2, "missing_percent": 20.0,
            "unexpected_percent_total": 20.0, "unexpected_percent_nonmissing": 25.0, "partial_unexpected_counts": [{"value": -1.0,
            "count": 1}, {"value": 130.0, "count": 1}], "partial_unexpected_index_list": [4, 6]}, "exception_message": null},
        {"type": "expect_column_values_to_be_between", "success": false, "result": {"element_count": 10, "unexpected_count": 2,
            "unexpected_percent": 20.0, "partial_unexpected_list": [1.0, 0.125], "missing_count": 0, "missing_percent": 0.0,
            "unexpected_percent_total": 20.0, "unexpected_percent_nonmissing": 20.0, "partial_unexpected_counts": [{"value": 0.125,
            "count": 1}, {"value": 1.0, "count": 1}], "partial_unexpected_index_list": [3, 5]}, "exception_message": null},
        {"type": "expect_column_values_to_be_between", "success": false, "result": {"element_count": 10, "unexpected_count": 2,
            "unexpected_percent": 20.0, "partial_unexpected_list": [9, 9], "missing_count": 0, "missing_percent": 0.0,
            "unexpected_percent_total": 20.0, "unexpected_percent_nonmissing": 20.0, "partial_unexpected_counts": [{"value": 9,
            "count": 2}], "partial_unexpected_index_list": [8, 9]}, "exception_message": null},
        {"type": "expect_column_values_to_be_in_set", "success": false, "result": {"element_count": 10, "unexpected_count": 4,
            "unexpected_percent": 44.44444444444444, "partial_unexpected_list": ["gold", "gold", "gold", "enterprise"],
            "missing_count": 1, "missing_percent": 10.0, "unexpected_percent_total": 40.0, "unexpected_percent_nonmissing": 44.44444444444444,
            "partial_unexpected_counts": [{"value": "gold", "count": 3}, {"value": "enterprise", "count": 1}],
            "partial_unexpected_index_list": [3, 7, 8, 9]}, "exception_message": null},
        {"type": "expect_column_values_to_be_in_set", "success": false, "result": {"element_count": 10, "unexpected_count": 5,
            "unexpected_percent": 50.0, "partial_unexpected_list": [4, 5, 6, 7, 8], "missing_count": 0, "missing_percent": 0.0,
            "unexpected_percent_total": 50.0, "unexpected_percent_nonmissing": 50.0, "partial_unexpected_counts": [{"value": 4,
            "count": 1}, {"value": 5, "count": 1}, {"value": 6, "count": 1}, {"value": 7, "count": 1}, {"value": 8,
            "count": 1}], "partial_unexpected_index_list": [3, 4, 5, 6, 7]}, "exception_message": null},
        {"type": "expect_column_values_to_be_in_set", "success": false, "result": {"element_count": 10, "unexpected_count": 3,
            "unexpected_percent": 30.0, "partial_unexpected_list": [false, false, false], "missing_count": 0,
            "missing_percent": 0.0, "unexpected_percent_total": 30.0, "unexpected_percent_nonmissing": 30.0, "partial_unexpected_counts": [{"value": false,
            "count": 3}], "partial_unexpected_index_list": [1, 4, 8]}, "exception_message": null},
        {"type": "expect_column_values_to_be_in_set", "success": false, "result": {"element_count": 10, "unexpected_count": 2,
            "unexpected_percent": 25.0, "partial_unexpected_list": [false, false], "missing_count": 2, "missing_percent": 20.0,
            "unexpected_percent_total": 20.0, "unexpected_percent_nonmissing": 25.0, "partial_unexpected_counts": [{"value": false,
            "count": 2}], "partial_unexpected_index_list": [2, 6]}, "exception_message": null},
        {"type": "expect_column_values_to_be_in_set", "success": false, "result": {"element_count": 10, "unexpected_count": 6,
            "unexpected_percent": 60.0, "partial_unexpected_list": [0.25, 0.75, 0.125, 0.875, 0.375, 0.625], "missing_count": 0,
            "missing_percent": 0.0, "unexpected_percent_total": 60.0, "unexpected_percent_nonmissing": 60.0, "partial_unexpected_counts": [{"value": 0.125,
            "count": 1}, {"value": 0.25, "count": 1}, {"value": 0.375, "count": 1}, {"value": 0.625, "count": 1},
            {"value": 0.75, "count": 1}, {"value": 0.875, "count": 1}], "partial_unexpected_index_list": [1, 2,
            5, 7, 8, 9]}, "exception_message": null},
        {"type": "expect_column_values_to_be_unique", "success": false, "result": {"element_count": 10, "unexpected_count": 2,
            "unexpected_percent": 20.0, "partial_unexpected_list": [9, 9], "missing_count": 0, "missing_percent": 0.0,
            "unexpected_percent_total": 20.0, "unexpected_percent_nonmissing": 20.0, "partial_unexpected_counts": [{"value": 9,
            "count": 2}], "partial_unexpected_index_list": [8, 9]}, "exception_message": null},
        {"type": "expect_column_values_to_be_unique", "success": false, "result": {"element_count": 10, "unexpected_count": 7,
            "unexpected_percent": 77.77777777777779, "partial_unexpected_list": ["free", "pro", "gold", "pro",
            "free", "gold", "gold"], "missing_count": 1, "missing_percent": 10.0, "unexpected_percent_total": 70.0,
            "unexpected_percent_nonmissing": 77.77777777777779, "partial_unexpected_counts": [{"value": "gold",
            "count": 3}, {"value": "free", "count": 2}, {"value": "pro", "count": 2}], "partial_unexpected_index_list": [0,
            1, 3, 4, 6, 7, 8]}, "exception_message": null},
        {"type": "expect_column_values_to_be_unique", "success": false, "result": {"element_count": 10, "unexpected_count": 3,
            "unexpected_percent": 30.0, "partial_unexpected_list": [0.5, 0.5, 0.5], "missing_count": 0, "missing_percent": 0.0,
            "unexpected_percent_total": 30.0, "unexpected_percent_nonmissing": 30.0, "partial_unexpected_counts": [{"value": 0.5,
            "count": 3}], "partial_unexpected_index_list": [0, 4, 6]}, "exception_message": null},
        {"type": "expect_column_values_to_match_regex", "success": false, "result": {"element_count": 10, "unexpected_count": 2,
            "unexpected_percent": 22.22222222222222, "partial_unexpected_list": ["bad", "d@@x"], "missing_count": 1,
            "missing_percent": 10.0, "unexpected_percent_total": 20.0, "unexpected_percent_nonmissing": 22.22222222222222,
            "partial_unexpected_counts": [{"value": "bad", "count": 1}, {"value": "d@@x", "count": 1}], "partial_unexpected_index_list": [2,
            5]}, "exception_message": null},
        {"type": "expect_column_values_to_match_regex", "success": false, "result": {"element_count": 10, "unexpected_count": 2,
            "unexpected_percent": 22.22222222222222, "partial_unexpected_list": ["bad", "d@@x"], "missing_count": 1,
            "missing_percent": 10.0, "unexpected_percent_total": 20.0, "unexpected_percent_nonmissing": 22.22222222222222,
            "partial_unexpected_counts": [{"value": "bad", "count": 1}, {"value": "d@@x", "count": 1}], "partial_unexpected_index_list": [2,
            5]}, "exception_message": null},
        {"type": "expect_column_values_to_match_regex", "success": false, "result": {"element_count": 10, "unexpected_count": 1,
            "unexpected_percent": 12.5, "partial_unexpected_list": [-1.0], "missing_count": 2, "missing_percent": 20.0,
            "unexpected_percent_total": 10.0, "unexpected_percent_nonmissing": 12.5, "partial_unexpected_counts": [{"value": -1.0,
            "count": 1}], "partial_unexpected_index_list": [6]}, "exception_message": null},
        {"type": "expect_column_values_to_match_regex", "success": false, "result": {"element_count": 10, "unexpected_count": 2,
            "unexpected_percent": 20.0, "partial_unexpected_list": [9, 9], "missing_count": 0, "missing_percent": 0.0,
            "unexpected_percent_total": 20.0, "unexpected_percent_nonmissing": 20.0, "partial_unexpected_counts": [{"value": 9,
            "count": 2}], "partial_unexpected_index_list": [8, 9]}, "exception_message": null},
        {"type": "expect_column_values_to_match_regex", "success": false, "result": {"element_count": 10, "unexpected_count": 3,
            "unexpected_percent": 30.0, "partial_unexpected_list": [false, false, false], "missing_count": 0,
            "missing_percent": 0.0, "unexpected_percent_total": 30.0, "unexpected_percent_nonmissing": 30.0, "partial_unexpected_counts": [{"value": false,
            "count": 3}], "partial_unexpected_index_list": [1, 4, 8]}, "exception_message": null},
        {"type": "expect_column_values_to_be_of_type", "success": true, "result": {"observed_value": "int64"},
            "exception_message": null},
        {"type": "expect_column_values_to_be_of_type", "success": false, "result": {"observed_value": "int64"},
            "exception_message": null},
        {"type": "expect_column_values_to_be_of_type", "success": true, "result": {"observed_value": "float64"},
            "exception_message": null},
        {"type": "expect_column_values_to_be_of_type", "success": true, "result": {"observed_value": "bool"},
            "exception_message": null},
        {"type": "expect_column_values_to_be_of_type", "success": true, "result": {"element_count": 10, "unexpected_count": 0,
            "unexpected_percent": 0.0, "partial_unexpected_list": [], "missing_count": 1, "missing_percent": 10.0,
            "unexpected_percent_total": 0.0, "unexpected_percent_nonmissing": 0.0, "partial_unexpected_counts": [],
            "partial_unexpected_index_list": []}, "exception_message": null},
        {"type": "expect_column_values_to_be_of_type", "success": false, "result": {"element_count": 10, "unexpected_count": 9,
            "unexpected_percent": 100.0, "partial_unexpected_list": ["free", "pro", "team", "gold", "pro", "free",
            "gold", "gold", "enterprise"], "missing_count": 1, "missing_percent": 10.0, "unexpected_percent_total": 90.0,
            "unexpected_percent_nonmissing": 100.0, "partial_unexpected_counts": [{"value": "gold", "count": 3},
            {"value": "free", "count": 2}, {"value": "pro", "count": 2}, {"value": "enterprise", "count": 1},
            {"value": "team", "count": 1}], "partial_unexpected_index_list": [0, 1, 2, 3, 4, 6, 7, 8, 9]}, "exception_message": null},
        {"type": "expect_column_values_to_be_of_type", "success": true, "result": {"observed_value": "object_"},
            "exception_message": null},
        {"type": "expect_column_values_to_be_of_type", "success": true, "result": {"element_count": 10, "unexpected_count": 0,
            "unexpected_percent": 0.0, "partial_unexpected_list": [], "missing_count": 2, "missing_percent": 20.0,
            "unexpected_percent_total": 0.0, "unexpected_percent_nonmissing": 0.0, "partial_unexpected_counts": [],
            "partial_unexpected_index_list": []}, "exception_message": null},
        {"type": "expect_column_values_to_be_of_type", "success": true, "result": {"element_count": 10, "unexpected_count": 0,
            "unexpected_percent": 0.0, "partial_unexpected_list": [], "missing_count": 2, "missing_percent": 20.0,
            "unexpected_percent_total": 0.0, "unexpected_percent_nonmissing": 0.0, "partial_unexpected_counts": [],
            "partial_unexpected_index_list": []}, "exception_message": null},
        {"type": "expect_column_values_to_be_of_type", "success": false, "result": {"element_count": 10, "unexpected_count": 8,
            "unexpected_percent": 100.0, "partial_unexpected_list": [true, false, true, true, false, true, true,
            true], "missing_count": 2, "missing_percent": 20.0, "unexpected_percent_total": 80.0, "unexpected_percent_nonmissing": 100.0,
            "partial_unexpected_counts": [{"value": true, "count": 6}, {"value": false, "count": 2}], "partial_unexpected_index_list": [0,
            2, 3, 4, 6, 7, 8, 9]}, "exception_message": null},
        {"type": "expect_column_values_to_be_of_type", "success": false, "result": {}, "exception_message": "list index out of range"},
        {"type": "expect_column_mean_to_be_between", "success": true, "result": {"observed_value": 48.5}, "exception_message": null},
        {"type": "expect_column_mean_to_be_between", "success": false, "result": {"observed_value": 0.55}, "exception_message": null},
        {"type": "expect_column_median_to_be_between", "success": true, "result": {"observed_value": 41.5}, "exception_message": null},
        {"type": "expect_column_median_to_be_between", "success": true, "result": {"observed_value": 5.5}, "exception_message": null},
        {"type": "expect_column_min_to_be_between", "success": false, "result": {"observed_value": -1.0}, "exception_message": null},
        {"type": "expect_column_min_to_be_between", "success": true, "result": {"observed_value": 1}, "exception_message": null},
        {"type": "expect_column_max_to_be_between", "success": false, "result": {"observed_value": 130.0}, "exception_message": null},
        {"type": "expect_column_max_to_be_between", "success": true, "result": {"observed_value": 1.0}, "exception_message": null},
        {"type": "expect_column_stdev_to_be_between", "success": true, "result": {"observed_value": 37.785106665381875},
            "exception_message": null},
        {"type": "expect_column_stdev_to_be_between", "success": false, "result": {"observed_value": 2.875181153713043},
            "exception_message": null},
        {"type": "expect_column_mean_to_be_between", "success": false, "result": {}, "exception_message": "Error: The column \"height\" in BatchData does not exist."},
        {"type": "expect_column_values_to_be_between", "success": false, "result": {}, "exception_message": "Error: The column \"height\" in BatchData does not exist."},
        {"type": "expect_table_row_count_to_be_between", "success": true, "result": {"observed_value": 10}, "exception_message": null},
        {"type": "expect_table_row_count_to_be_between", "success": false, "result": {"observed_value": 10}, "exception_message": null},
        {"type": "expect_table_columns_to_match_set", "success": true, "result": {"observed_value": ["active",
            "age", "email", "flag", "id", "plan", "score"]}, "exception_message": null},
        {"type": "expect_table_columns_to_match_set", "success": false, "result": {"observed_value": ["active",
            "age", "email", "flag", "id", "plan", "score"], "details": {"mismatched": {"unexpected": ["active",
            "email", "flag", "score"], "missing": ["height"]}}}, "exception_message": null},
        {"type": "expect_table_columns_to_match_set", "success": true, "result": {"observed_value": ["active",
            "age", "email", "flag", "id", "plan", "score"], "details": {"mismatched": {"unexpected": ["active",
            "email", "flag", "score"]}}}, "exception_message": null},
        {"type": "expect_table_columns_to_match_set", "success": false, "result": {"observed_value": ["active",
            "age", "email", "flag", "id", "plan", "score"], "details": {"mismatched": {"unexpected": ["active",
            "email", "flag", "score"], "missing": ["height"]}}}, "exception_message": null}
        ]
        """#

    /// The `many` suite, as given to GX.
    static let manySuite = #"""
        name: many
        checks:
          - expect_column_values_to_be_in_set: {column: letter, value_set: [ok]}
          - expect_column_values_to_not_be_null: {column: gaps}
          - expect_column_values_to_be_between: {column: gaps, min_value: 2, max_value: 4}
          - expect_column_values_to_be_unique: {column: letter}
        """#

    /// GX's results for `manySuite` on `GXReferenceFrames.many`.
    static let manyResults = #"""
        [
        {"type": "expect_column_values_to_be_in_set", "success": false, "result": {"element_count": 30, "unexpected_count": 25,
            "unexpected_percent": 83.33333333333334, "partial_unexpected_list": ["z", "y", "x", "z", "y", "x",
            "w", "v", "z", "z", "a", "b", "c", "a", "b", "c", "d", "e", "f", "f"], "missing_count": 0, "missing_percent": 0.0,
            "unexpected_percent_total": 83.33333333333334, "unexpected_percent_nonmissing": 83.33333333333334,
            "partial_unexpected_counts": [{"value": "z", "count": 4}, {"value": "a", "count": 2}, {"value": "b",
            "count": 2}, {"value": "c", "count": 2}, {"value": "f", "count": 2}, {"value": "x", "count": 2}, {"value": "y",
            "count": 2}, {"value": "d", "count": 1}, {"value": "e", "count": 1}, {"value": "v", "count": 1}, {"value": "w",
            "count": 1}], "partial_unexpected_index_list": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
            15, 16, 17, 18, 19]}, "exception_message": null},
        {"type": "expect_column_values_to_not_be_null", "success": false, "result": {"element_count": 30, "unexpected_count": 25,
            "unexpected_percent": 83.33333333333334, "partial_unexpected_list": [null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null], "partial_unexpected_counts": [{"value": null,
            "count": 1}, {"value": null, "count": 1}, {"value": null, "count": 1}, {"value": null, "count": 1},
            {"value": null, "count": 1}, {"value": null, "count": 1}, {"value": null, "count": 1}, {"value": null,
            "count": 1}, {"value": null, "count": 1}, {"value": null, "count": 1}, {"value": null, "count": 1},
            {"value": null, "count": 1}, {"value": null, "count": 1}, {"value": null, "count": 1}, {"value": null,
            "count": 1}, {"value": null, "count": 1}, {"value": null, "count": 1}, {"value": null, "count": 1},
            {"value": null, "count": 1}, {"value": null, "count": 1}], "partial_unexpected_index_list": [0, 1,
            2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]}, "exception_message": null},
        {"type": "expect_column_values_to_be_between", "success": false, "result": {"element_count": 30, "unexpected_count": 2,
            "unexpected_percent": 40.0, "partial_unexpected_list": [1.0, 5.0], "missing_count": 25, "missing_percent": 83.33333333333334,
            "unexpected_percent_total": 6.666666666666667, "unexpected_percent_nonmissing": 40.0, "partial_unexpected_counts": [{"value": 1.0,
            "count": 1}, {"value": 5.0, "count": 1}], "partial_unexpected_index_list": [25, 29]}, "exception_message": null},
        {"type": "expect_column_values_to_be_unique", "success": false, "result": {"element_count": 30, "unexpected_count": 25,
            "unexpected_percent": 83.33333333333334, "partial_unexpected_list": ["z", "y", "x", "z", "y", "x",
            "z", "z", "a", "b", "c", "a", "b", "c", "f", "f", "g", "g", "h", "h"], "missing_count": 0, "missing_percent": 0.0,
            "unexpected_percent_total": 83.33333333333334, "unexpected_percent_nonmissing": 83.33333333333334,
            "partial_unexpected_counts": [{"value": "z", "count": 4}, {"value": "a", "count": 2}, {"value": "b",
            "count": 2}, {"value": "c", "count": 2}, {"value": "f", "count": 2}, {"value": "g", "count": 2}, {"value": "h",
            "count": 2}, {"value": "x", "count": 2}, {"value": "y", "count": 2}], "partial_unexpected_index_list": [0,
            1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 18, 19, 20, 21, 22, 23]}, "exception_message": null}
        ]
        """#

    /// The `empty` suite, as given to GX.
    static let emptySuite = #"""
        name: empty
        checks:
          - expect_column_values_to_not_be_null: {column: x}
          - expect_column_values_to_be_between: {column: x, min_value: 0}
          - expect_column_mean_to_be_between: {column: x, min_value: 0}
          - expect_column_stdev_to_be_between: {column: x, max_value: 1}
          - expect_table_row_count_to_be_between: {max_value: 0}
        """#

    /// GX's results for `emptySuite` on `GXReferenceFrames.empty`.
    static let emptyResults = #"""
        [
        {"type": "expect_column_values_to_not_be_null", "success": true, "result": {"element_count": 0, "unexpected_count": 0,
            "unexpected_percent": null, "partial_unexpected_list": [], "partial_unexpected_counts": [], "partial_unexpected_index_list": []},
            "exception_message": null},
        {"type": "expect_column_values_to_be_between", "success": true, "result": {"element_count": 0, "unexpected_count": 0,
            "unexpected_percent": null, "partial_unexpected_list": [], "missing_count": 0, "missing_percent": null,
            "unexpected_percent_total": null, "unexpected_percent_nonmissing": null, "partial_unexpected_counts": [],
            "partial_unexpected_index_list": []}, "exception_message": null},
        {"type": "expect_column_mean_to_be_between", "success": false, "result": {"observed_value": null}, "exception_message": null},
        {"type": "expect_column_stdev_to_be_between", "success": false, "result": {"observed_value": null}, "exception_message": null},
        {"type": "expect_table_row_count_to_be_between", "success": true, "result": {"observed_value": 0}, "exception_message": null}
        ]
        """#

}
