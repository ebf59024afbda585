"""`ferry drift` against Evidently 0.7's DataDriftPreset on the same CSV files: per column the same method,
threshold, score (1e-6 relative or 1e-9 absolute) and verdict, and the same dataset verdict."""

from __future__ import annotations

import pytest

from evidently_reference import close, display_name, mixed_tables, run_evidently, write_pair
from ferry_cli import drift_json

NUMERICAL_ONLY = ["ks", "wasserstein", "anderson", "cramer_von_mises", "mannw", "ed"]
BINNED = ["psi", "kl_div", "jensenshannon", "hellinger"]
CATEGORICAL = ["cat_three", "cat_new_level", "cat_binary", "cat_missing", "int_low", "flag"]
NUMERICAL = ["num_same", "num_shift", "num_scale", "num_missing", "int_high", "int_missing", "num_few"]


def compare(report: dict, evidently, expect_columns: set[str] | None = None) -> None:
    ours = {column["name"]: column for column in report["columns"]}
    assert set(ours) == (expect_columns or set(evidently.columns)), (set(ours), set(evidently.columns))
    mismatches = []
    for name, theirs in evidently.columns.items():
        column = ours[name]
        # Evidently's config keeps a requested method's name, and gives an auto-selected one its display name.
        if theirs.method not in (column["method"], display_name(column["method"])):
            mismatches.append(f"{name}: method {column['method']} vs {theirs.method}")
            continue
        if not close(column["threshold"], theirs.threshold):
            mismatches.append(f"{name}: threshold {column['threshold']} vs {theirs.threshold}")
        if not close(column["score"], theirs.score):
            mismatches.append(f"{name} ({column['method']}): score {column['score']!r} vs {theirs.score!r}")
        if column["drifted"] != theirs.drifted:
            mismatches.append(f"{name} ({column['method']}): drifted {column['drifted']} vs {theirs.drifted}")
    assert not mismatches, "\n".join(mismatches)
    assert report["drifted_columns"] == evidently.drifted_count
    assert close(report["drift_share"], evidently.share)
    assert report["dataset_drift"] == evidently.dataset_drift


@pytest.mark.parametrize(
    "n_ref,n_cur,seed",
    [(500, 500, 1), (300, 800, 2), (1000, 1000, 3), (1001, 900, 4), (3000, 2000, 5), (20000, 15000, 6)],
)
def test_default_preset_matches_evidently(tmp_path, n_ref, n_cur, seed):
    """Default test selection at each size regime: KS / chi-square / Z below 1001 reference rows, Wasserstein and
    Jensen-Shannon above, with missing values, infinities, constant, integer and boolean columns."""
    reference, current = mixed_tables(n_ref, n_cur, seed)
    ref_path, cur_path = write_pair(tmp_path, reference, current, f"mixed-{seed}")
    status, report = drift_json(ref_path, cur_path)
    evidently = run_evidently(ref_path, cur_path)
    compare(report, evidently)
    assert status == (1 if evidently.dataset_drift else 0)


@pytest.mark.parametrize("method", NUMERICAL_ONLY + BINNED)
@pytest.mark.parametrize("n", [400, 6000])
def test_numerical_methods_match_evidently(tmp_path, method, n):
    reference, current = mixed_tables(n, n + 137, 10 + n)
    ref_path, cur_path = write_pair(tmp_path, reference, current, f"num-{method}")
    _, report = drift_json(ref_path, cur_path, "--columns", ",".join(NUMERICAL), "--method", method)
    compare(report, run_evidently(ref_path, cur_path, columns=NUMERICAL, method=method))


@pytest.mark.parametrize("method", ["chisquare", "z", "TVD"] + BINNED)
def test_categorical_methods_match_evidently(tmp_path, method):
    reference, current = mixed_tables(600, 450, 21)
    ref_path, cur_path = write_pair(tmp_path, reference, current, f"cat-{method}")
    _, report = drift_json(ref_path, cur_path, "--columns", ",".join(CATEGORICAL), "--method", method)
    compare(report, run_evidently(ref_path, cur_path, columns=CATEGORICAL, method=method))


def test_per_column_and_per_type_overrides_match_evidently(tmp_path):
    reference, current = mixed_tables(2500, 2500, 31)
    ref_path, cur_path = write_pair(tmp_path, reference, current, "overrides")
    _, report = drift_json(
        ref_path, cur_path, "--num-method", "ks", "--cat-method", "psi", "--method", "num_shift=anderson",
        "--threshold", "num_shift=0.01", "--num-threshold", "0.2", "--cat-threshold", "0.05", "--drift-share", "0.3",
    )
    evidently = run_evidently(
        ref_path, cur_path, num_method="ks", cat_method="psi", per_column_method={"num_shift": "anderson"},
        per_column_threshold={"num_shift": 0.01}, num_threshold=0.2, cat_threshold=0.05, drift_share=0.3,
    )
    compare(report, evidently)
    assert report["drift_share_threshold"] == 0.3


def test_golden_numerical_sequences(tmp_path):
    """The reference's deterministic golden inputs (r = i/100, c = 1.1 r + 0.5) through the CLI."""
    import pandas as pd

    for n, method in [(500, None), (2000, None), (500, "psi"), (2000, "kl_div")]:
        r = pd.DataFrame({"x": [i / 100 for i in range(n)]})
        c = pd.DataFrame({"x": [1.1 * (i / 100) + 0.5 for i in range(n)]})
        ref_path, cur_path = write_pair(tmp_path, r, c, f"golden-{n}-{method}")
        extra = ("--method", method) if method else ()
        _, report = drift_json(ref_path, cur_path, *extra)
        compare(report, run_evidently(ref_path, cur_path, **({"method": method} if method else {})))
