"""`ferry drift` as a pipeline step: exit status 0 (no dataset drift), 1 (drift) and 2 (usage or input error),
with a message that names the file, line and column; and the documented handling of awkward columns."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ferry_cli import drift_json, ferry


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


@pytest.fixture
def pair(tmp_path):
    rng = np.random.default_rng(7)
    ref = pd.DataFrame({"x": rng.normal(0, 1, 400), "y": rng.choice(["a", "b"], 400)})
    same = pd.DataFrame({"x": rng.normal(0, 1, 400), "y": rng.choice(["a", "b"], 400)})
    moved = pd.DataFrame({"x": rng.normal(2, 1, 400), "y": rng.choice(["a", "b"], 400, p=[0.9, 0.1])})
    paths = {}
    for name, frame in [("ref", ref), ("same", same), ("moved", moved)]:
        paths[name] = tmp_path / f"{name}.csv"
        frame.to_csv(paths[name], index=False)
    return paths


def test_exit_status_follows_the_dataset_verdict(pair, tmp_path):
    calm = ferry("drift", "--reference", pair["ref"], "--current", pair["same"])
    assert calm.status == 0, calm.stderr
    assert "No dataset drift" in calm.stdout
    drifted = ferry("drift", "--reference", pair["ref"], "--current", pair["moved"], "--json", tmp_path / "r.json",
                    "--html", tmp_path / "r.html")
    assert drifted.status == 1, drifted.stderr
    assert "Dataset drift detected" in drifted.stdout
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["dataset_drift"] is True and report["drifted_columns"] == 2
    assert (tmp_path / "r.html").read_text().lstrip().lower().startswith("<!doctype html")


def test_drift_share_decides_the_verdict(pair, tmp_path):
    # Only x moves: 1 of 2 columns drift, share 0.5, which meets the default 0.5 (>=) but not 0.6.
    rng = np.random.default_rng(8)
    half = pd.DataFrame({"x": rng.normal(2, 1, 400), "y": rng.choice(["a", "b"], 400)})
    half.to_csv(tmp_path / "half.csv", index=False)
    status, report = drift_json(pair["ref"], tmp_path / "half.csv")
    assert [c["drifted"] for c in report["columns"]] == [True, False]
    assert status == 1 and report["drift_share"] == 0.5 and report["dataset_drift"] is True
    status, report = drift_json(pair["ref"], tmp_path / "half.csv", "--drift-share", "0.6")
    assert status == 0 and report["dataset_drift"] is False


@pytest.mark.parametrize(
    "args,needle",
    [
        (["--method", "bogus"], "unknown drift method 'bogus'"),
        (["--method", "x=TVD"], "cannot test numerical column 'x'"),
        (["--threshold=-1"], "out of range"),
        (["--threshold", "x=abc"], "is not a number"),
        (["--threshold", "y=1.5"], "out of range"),
        (["--drift-share", "0"], "drift share"),
        (["--drift-share", "1.5"], "drift share"),
        (["--columns", "nope"], "column 'nope' is not in"),
        (["--method", "nope=psi"], "column 'nope' is not in"),
    ],
)
def test_bad_options_exit_2_with_a_message(pair, args, needle):
    outcome = ferry("drift", "--reference", pair["ref"], "--current", pair["same"], *args)
    assert outcome.status == 2, (outcome.status, outcome.stdout, outcome.stderr)
    assert needle in outcome.stderr, outcome.stderr


def test_missing_arguments_and_files_exit_2(pair, tmp_path):
    assert ferry("drift", "--reference", pair["ref"]).status == 2
    missing = ferry("drift", "--reference", tmp_path / "absent.csv", "--current", pair["same"])
    assert missing.status == 2 and "absent.csv" in missing.stderr


def test_columns_that_differ_between_tables(tmp_path, pair):
    other = write(tmp_path / "other.csv", "x,z\n1,2\n3,4\n")
    outcome = ferry("drift", "--reference", pair["ref"], "--current", other)
    assert outcome.status == 2
    assert "only in" in outcome.stderr and "y" in outcome.stderr and "z" in outcome.stderr and "--columns" in outcome.stderr
    shared = ferry("drift", "--reference", pair["ref"], "--current", other, "--columns", "x")
    assert shared.status in (0, 1), shared.stderr


def test_ragged_and_unterminated_lines_name_file_and_line(tmp_path, pair):
    ragged = write(tmp_path / "ragged.csv", "x,y\n1,a\n2\n3,b\n")
    outcome = ferry("drift", "--reference", pair["ref"], "--current", ragged)
    assert outcome.status == 2 and "ragged.csv:3" in outcome.stderr, outcome.stderr
    quoted = write(tmp_path / "quote.csv", 'x,y\n1,"a\n2,b\n')
    outcome = ferry("drift", "--reference", pair["ref"], "--current", quoted)
    assert outcome.status == 2 and "quote.csv" in outcome.stderr and "quote" in outcome.stderr.lower(), outcome.stderr


def test_empty_and_header_only_tables_exit_2(tmp_path, pair):
    empty = write(tmp_path / "empty.csv", "")
    outcome = ferry("drift", "--reference", pair["ref"], "--current", empty)
    assert outcome.status == 2 and "empty.csv" in outcome.stderr
    header = write(tmp_path / "header.csv", "x,y\n")
    outcome = ferry("drift", "--reference", pair["ref"], "--current", header)
    assert outcome.status == 2 and "header.csv has no rows" in outcome.stderr


def test_mixed_types_between_files_exit_2_naming_the_column(tmp_path, pair):
    texty = write(tmp_path / "texty.csv", "x,y\n" + "".join(f"v{i % 3},a\n" for i in range(50)))
    outcome = ferry("drift", "--reference", pair["ref"], "--current", texty)
    assert outcome.status == 2 and "column 'x'" in outcome.stderr and "text" in outcome.stderr, outcome.stderr


def test_schema_type_errors_name_line_and_column(tmp_path, pair):
    schema = write(tmp_path / "schema.yaml", "columns:\n  x: float\n  y: string\n")
    bad = write(tmp_path / "bad.csv", "x,y\n1.5,a\n2.5,b\noops,c\n")
    outcome = ferry("drift", "--reference", pair["ref"], "--current", bad, "--schema", schema)
    assert outcome.status == 2
    assert "bad.csv:4" in outcome.stderr and "'x'" in outcome.stderr, outcome.stderr


def test_constant_and_all_missing_columns_are_documented_not_crashes(tmp_path):
    rows = 300
    ref = pd.DataFrame({"const": [1.0] * rows, "empty": [np.nan] * rows, "x": np.arange(rows) % 7})
    cur = pd.DataFrame({"const": [1.0] * rows, "empty": [np.nan] * rows, "x": np.arange(rows) % 7})
    ref.to_csv(tmp_path / "r.csv", index=False)
    cur.to_csv(tmp_path / "c.csv", index=False)
    status, report = drift_json(tmp_path / "r.csv", tmp_path / "c.csv")
    assert status == 0
    const = next(c for c in report["columns"] if c["name"] == "const")
    assert const["drifted"] is False and const["score"] == 1.0  # a constant column is not drift (Z-test, p = 1)
    skipped = {s["name"]: s["reason"] for s in report["skipped_columns"]}
    assert "empty" in skipped and "no values" in skipped["empty"]
    # A constant reference against a different constant drifts.
    moved = pd.DataFrame({"const": [2.0] * rows, "empty": [np.nan] * rows, "x": np.arange(rows) % 7})
    moved.to_csv(tmp_path / "m.csv", index=False)
    _, report = drift_json(tmp_path / "r.csv", tmp_path / "m.csv", "--columns", "const")
    assert report["columns"][0]["drifted"] is True


def test_help_lists_methods_and_exit_statuses():
    outcome = ferry("drift", "--help")
    assert outcome.status == 0
    for word in ["--reference", "--current", "--html", "--json", "wasserstein", "Exit status"]:
        assert word in outcome.stdout


def test_prediction_logs_are_tables_too(tmp_path, pair):
    """A folder of `ferry serve` prediction logs (JSON lines) compared with itself: one column per tensor."""
    day = tmp_path / "logs" / "m" / "2026-12-01"
    day.mkdir(parents=True)
    lines = []
    for i in range(60):
        lines.append(json.dumps({
            "timestamp": f"2026-12-01T10:00:{i:02d}.000Z", "model": "m", "version": "1", "protocol": "v2",
            "request_id": str(i), "inputs": {"x": {"datatype": "FP32", "shape": [2, 1], "data": [i * 0.5, i * 0.25]}},
            "outputs": {"y": {"datatype": "INT64", "shape": [2], "data": [i % 2, (i + 1) % 2]}},
        }))
    (day / "20261201T100000Z-0000000000000001.jsonl").write_text("\n".join(lines) + "\n")
    status, report = drift_json(tmp_path / "logs", tmp_path / "logs")
    assert status == 0
    assert [c["name"] for c in report["columns"]] == ["x", "y"]
    assert report["reference"]["rows"] == 120
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    outcome = ferry("drift", "--reference", bad, "--current", tmp_path / "logs")
    assert outcome.status == 2 and "bad.jsonl:1" in outcome.stderr, outcome.stderr
