"""`ferry check` as a pipeline step: a YAML suite of Great Expectations' checks over a CSV file, exit status 0 when
every check passes, 1 when one fails, 2 for a bad suite or table; results in GX's SUMMARY shape."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ferry_cli import ferry

SUITE = """\
name: customers
checks:
  - expect_column_to_exist: {column: age}
  - expect_table_columns_to_match_set: {column_set: [id, age, plan, email, score], exact_match: true}
  - expect_column_values_to_not_be_null: {column: age, mostly: 0.9}
  - expect_column_values_to_be_between: {column: age, min_value: 0, max_value: 120}
  - expect_column_values_to_be_in_set: {column: plan, value_set: [free, pro, team]}
  - expect_column_values_to_be_unique: {column: id}
  - expect_column_values_to_match_regex: {column: email, regex: "^[^@]+@[^@]+$"}
  - expect_table_row_count_to_be_between: {min_value: 100, max_value: 10000}
  - expect_column_mean_to_be_between: {column: score, min_value: 0.4, max_value: 0.6}
  - expect_column_stdev_to_be_between: {column: score, min_value: 0.2, max_value: 0.4}
"""


def table(rows: int = 500, *, bad_ages: int = 0, bad_plan: bool = False, duplicate_id: bool = False) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    ages = rng.integers(18, 90, rows).astype(float)
    ages[:bad_ages] = 150
    ages[rows - 10:] = np.nan  # 2% missing: within mostly 0.9
    plans = rng.choice(["free", "pro", "team"], rows).astype(object)
    if bad_plan:
        plans[5] = "enterprise"
    ids = np.arange(rows)
    if duplicate_id:
        ids[7] = ids[8]
    return pd.DataFrame({
        "id": ids, "age": ages, "plan": plans,
        "email": [f"user{i}@example.com" for i in range(rows)], "score": rng.random(rows),
    })


@pytest.fixture
def suite(tmp_path) -> Path:
    path = tmp_path / "suite.yaml"
    path.write_text(SUITE)
    return path


def test_a_clean_table_passes_every_check(tmp_path, suite):
    data = tmp_path / "good.csv"
    table().to_csv(data, index=False)
    outcome = ferry("check", "--suite", suite, data, "--json", tmp_path / "out.json")
    assert outcome.status == 0, outcome.stdout + outcome.stderr
    assert "customers: 10 of 10 checks passed" in outcome.stdout
    results = json.loads((tmp_path / "out.json").read_text())
    assert results["success"] is True
    assert results["statistics"] == {"evaluated_expectations": 10, "successful_expectations": 10,
                                     "unsuccessful_expectations": 0, "success_percent": 100.0}
    nulls = results["results"][2]
    assert nulls["expectation_config"]["type"] == "expect_column_values_to_not_be_null"
    assert nulls["result"]["unexpected_count"] == 10 and nulls["result"]["element_count"] == 500


def test_a_failed_check_exits_1_with_gx_summary_details(tmp_path, suite):
    data = tmp_path / "bad.csv"
    table(bad_ages=3, bad_plan=True, duplicate_id=True).to_csv(data, index=False)
    outcome = ferry("check", "--suite", suite, data, "--json", "-")
    assert outcome.status == 1, outcome.stderr
    results = outcome.json()
    assert results["success"] is False
    by_type = {r["expectation_config"]["type"]: r for r in results["results"]}
    between = by_type["expect_column_values_to_be_between"]
    assert between["success"] is False
    assert between["result"]["unexpected_count"] == 3
    assert between["result"]["partial_unexpected_list"] == [150.0, 150.0, 150.0]
    assert between["result"]["partial_unexpected_counts"] == [{"value": 150.0, "count": 3}]
    assert between["result"]["partial_unexpected_index_list"] == [0, 1, 2]
    assert between["result"]["unexpected_percent"] == pytest.approx(3 / 490 * 100)
    in_set = by_type["expect_column_values_to_be_in_set"]
    assert in_set["success"] is False and in_set["result"]["partial_unexpected_list"] == ["enterprise"]
    unique = by_type["expect_column_values_to_be_unique"]
    assert unique["success"] is False and unique["result"]["unexpected_count"] == 2
    assert results["statistics"]["unsuccessful_expectations"] == 3


def test_aggregate_checks_report_the_observed_value(tmp_path):
    data = tmp_path / "d.csv"
    pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0, 10.0]}).to_csv(data, index=False)
    suite = tmp_path / "s.yaml"
    suite.write_text("name: stats\nchecks:\n"
                     "  - expect_column_median_to_be_between: {column: x, min_value: 2, max_value: 3}\n"
                     "  - expect_column_max_to_be_between: {column: x, max_value: 5}\n")
    outcome = ferry("check", "--suite", suite, data, "--json", "-")
    assert outcome.status == 1
    median, maximum = outcome.json()["results"]
    assert median["success"] is True and median["result"]["observed_value"] == 3.0
    assert maximum["success"] is False and maximum["result"]["observed_value"] == 10.0


@pytest.mark.parametrize(
    "suite_text,needle",
    [
        ("name: s\nchecks:\n  - expect_the_moon: {column: x}\n", "unknown check type 'expect_the_moon'"),
        ("name: s\nchecks:\n  - expect_column_values_to_be_between: {column: x, min_value: 5, max_value: 1}\n", "min_value"),
        ("name: s\nchecks:\n  - expect_column_values_to_not_be_null: {column: x, mostly: 1.5}\n", "mostly"),
        ("name: s\nchecks:\n  - expect_column_values_to_not_be_null: {colum: x}\n", "colum"),
        ("name: s\nchecks: [\n", "YAML"),
    ],
)
def test_a_bad_suite_exits_2_with_a_message(tmp_path, suite_text, needle):
    data = tmp_path / "d.csv"
    data.write_text("x\n1\n")
    suite = tmp_path / "s.yaml"
    suite.write_text(suite_text)
    outcome = ferry("check", "--suite", suite, data)
    assert outcome.status == 2, (outcome.status, outcome.stdout, outcome.stderr)
    assert needle in outcome.stderr and "s.yaml" in outcome.stderr, outcome.stderr


def test_a_bad_table_or_missing_file_exits_2(tmp_path, suite):
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("id,age\n1,2\n3\n")
    outcome = ferry("check", "--suite", suite, ragged)
    assert outcome.status == 2 and "ragged.csv:3" in outcome.stderr
    assert ferry("check", "--suite", tmp_path / "none.yaml", ragged).status == 2
    assert ferry("check", "--suite", suite).status == 2


def test_a_missing_column_is_a_failed_check_not_a_crash(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("x\n1\n2\n")
    suite = tmp_path / "s.yaml"
    suite.write_text("name: s\nchecks:\n  - expect_column_values_to_be_unique: {column: nope}\n")
    outcome = ferry("check", "--suite", suite, data, "--json", "-")
    assert outcome.status == 1
    result = outcome.json()["results"][0]
    assert result["success"] is False and result["exception_info"]["raised_exception"] is True
