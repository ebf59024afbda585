"""Evidently itself as the reference: generated tables, a DataDriftPreset run on them, and its numbers per column.

Tables are written to CSV and read back with pandas before Evidently sees them, so Evidently and `ferry drift`
work on exactly the same values and dtypes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from evidently import Report
from evidently.legacy.calculations import stattests  # noqa: F401 (importing registers every test by name)
from evidently.legacy.calculations.stattests.registry import _registered_stat_tests
from evidently.presets import DataDriftPreset


def mixed_tables(n_ref: int, n_cur: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A reference and a current table with every column type Evidently tells apart, some columns drifted."""
    rng = np.random.default_rng(seed)

    def side(n: int, current: bool) -> pd.DataFrame:
        shift = 0.3 if current else 0.0
        with_missing = rng.normal(0, 1, n)
        with_missing[rng.random(n) < 0.1] = np.nan
        with_missing[rng.random(n) < 0.01] = np.inf
        int_missing = rng.integers(0, 50, n).astype(float)
        int_missing[rng.random(n) < 0.05] = np.nan
        levels = ["alpha", "beta", "gamma"] + (["delta"] if current else [])
        weights = [0.4, 0.3, 0.2, 0.1] if current else [0.5, 0.3, 0.2]
        texts = rng.choice(["red", "green", "blue", "cyan", "magenta"], n).astype(object)
        texts[rng.random(n) < 0.08] = np.nan
        return pd.DataFrame({
            "num_same": rng.normal(0, 1, n),
            "num_shift": rng.normal(shift, 1, n),
            "num_scale": rng.normal(0, 1.5 if current else 1.0, n),
            "num_few": rng.integers(0, 4, n) + 0.5,
            "num_two": rng.choice([0.0, 1.0], n, p=[0.6, 0.4] if current else [0.7, 0.3]),
            "num_missing": with_missing,
            "num_constant": np.full(n, 2.5),
            "int_low": rng.integers(0, 5, n),
            "int_high": rng.integers(0, 1000, n) + (40 if current else 0),
            "int_missing": int_missing,
            "cat_three": rng.choice(["a", "b", "c"], n, p=[0.5, 0.3, 0.2] if current else [0.6, 0.3, 0.1]),
            "cat_new_level": rng.choice(levels, n, p=weights),
            "cat_binary": rng.choice(["no", "yes"], n, p=[0.55, 0.45]),
            "cat_missing": texts,
            "flag": rng.choice([True, False], n),
        })

    return side(n_ref, False), side(n_cur, True)


def write_pair(folder: Path, reference: pd.DataFrame, current: pd.DataFrame, name: str) -> tuple[Path, Path]:
    ref_path, cur_path = folder / f"{name}-reference.csv", folder / f"{name}-current.csv"
    reference.to_csv(ref_path, index=False)
    current.to_csv(cur_path, index=False)
    return ref_path, cur_path


@dataclass
class EvidentlyColumn:
    method: str
    threshold: float
    score: float
    drifted: bool


@dataclass
class EvidentlyResult:
    columns: dict[str, EvidentlyColumn]
    drifted_count: int
    share: float
    dataset_drift: bool


def run_evidently(ref_path: Path, cur_path: Path, **preset) -> EvidentlyResult:
    """DataDriftPreset on the two CSV files as pandas reads them; per-column method, score and verdict."""
    reference, current = pd.read_csv(ref_path), pd.read_csv(cur_path)
    snapshot = Report([DataDriftPreset(**preset)], include_tests=True).run(current, reference)
    result = snapshot.dict()
    verdicts = {t["bound_test"]["metric_fingerprint"]: t["status"].value for t in result["tests"] if t["id"] == "drift"}
    columns = {}
    count = share = None
    for metric in result["metrics"]:
        config = metric["config"]
        if config["type"].endswith("DriftedColumnsCount"):
            count, share = metric["value"]["count"], metric["value"]["share"]
        elif config["type"].endswith("ValueDrift"):
            columns[config["column"]] = EvidentlyColumn(
                config["method"], config["threshold"], float(metric["value"]), verdicts[metric["id"]] == "FAIL")
    drift_share = preset.get("drift_share", 0.5)
    return EvidentlyResult(columns, int(count), float(share), share >= drift_share)


def display_name(method: str) -> str:
    """Evidently's display name for a method name (`ks` → `K-S p_value`), from its own registry."""
    return next(iter(_registered_stat_tests[method].values())).display_name


def close(ours: float, theirs: float) -> bool:
    """Equal to 1e-6 relative, or 1e-9 absolute (p-values near 0)."""
    return abs(ours - theirs) <= max(1e-6 * abs(theirs), 1e-9)
