"""Benchmarks/drift: `ferry drift` and Evidently's DataDriftPreset on the same generated tables, side by side.

Each side runs as its own process under /usr/bin/time -v, from the same CSV files, and writes its HTML report:
Evidently reads the files with pandas, runs Report([DataDriftPreset()]) and saves the HTML; Ferry runs
`ferry drift --json --html`. The figures are whole-process wall time (reading the CSV included) and peak RSS,
plus Evidently's report.run alone, and whether every column's verdict (and the dataset's) agrees.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

EVIDENTLY_SIDE = r'''
import json, sys, time
import pandas as pd
from evidently import Report
from evidently.presets import DataDriftPreset
ref_path, cur_path, html_path, out_path = sys.argv[1:5]
t0 = time.perf_counter()
reference, current = pd.read_csv(ref_path), pd.read_csv(cur_path)
t1 = time.perf_counter()
snapshot = Report([DataDriftPreset()], include_tests=True).run(current, reference)
t2 = time.perf_counter()
snapshot.save_html(html_path)
t3 = time.perf_counter()
result = snapshot.dict()
verdicts = {t["bound_test"]["metric_fingerprint"]: t["status"].value for t in result["tests"] if t["id"] == "drift"}
columns, dataset = {}, None
for metric in result["metrics"]:
    config = metric["config"]
    if config["type"].endswith("ValueDrift"):
        columns[config["column"]] = {"method": config["method"], "score": float(metric["value"]),
                                     "drifted": verdicts[metric["id"]] == "FAIL"}
    elif config["type"].endswith("DriftedColumnsCount"):
        dataset = metric["value"]["share"] >= 0.5
json.dump({"read_s": t1 - t0, "run_s": t2 - t1, "html_s": t3 - t2, "columns": columns, "dataset_drift": dataset},
          open(out_path, "w"))
'''


def generate(rows: int, folder: Path) -> tuple[Path, Path]:
    """The reference's A2 setup: 20 float columns (10 shifted by 0.3 sigma) and 5 string columns, numpy seed 0."""
    rng = np.random.default_rng(0)
    levels = [3, 8, 20, 2, 50]

    def table(current: bool) -> pd.DataFrame:
        data = {}
        for i in range(20):
            shift = 0.3 if current and i < 10 else 0.0
            data[f"num_{i}"] = rng.normal(shift, 1.0, rows)
        for i, count in enumerate(levels):
            weights = rng.dirichlet(np.ones(count)) if current and i % 2 == 0 else np.full(count, 1 / count)
            data[f"cat_{i}"] = rng.choice([f"level_{k}" for k in range(count)], rows, p=weights)
        return pd.DataFrame(data)

    ref_path, cur_path = folder / f"reference-{rows}.csv", folder / f"current-{rows}.csv"
    table(False).to_csv(ref_path, index=False)
    table(True).to_csv(cur_path, index=False)
    return ref_path, cur_path


def timed(command: list[str]) -> tuple[float, float, str]:
    """Runs `command` under /usr/bin/time -v: (wall seconds, peak RSS in MB, stdout)."""
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{command[0]} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    return wall, peak_kb / 1024, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ferry", required=True)
    parser.add_argument("--rows", type=int, action="append", help="rows per table (repeatable); default 200000 and 1000000")
    parser.add_argument("--json", help="also write the figures here")
    parser.add_argument("--workdir", help="keep the generated tables here (default: a temporary folder)")
    args = parser.parse_args()
    sizes = args.rows or [200_000, 1_000_000]
    from evidently.legacy.calculations import stattests  # noqa: F401 (registers every test by name)
    from evidently.legacy.calculations.stattests.registry import _registered_stat_tests

    folder = Path(args.workdir or tempfile.mkdtemp(prefix="ferry-drift-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    figures = []
    for rows in sizes:
        print(f"[bench] generating {rows:,} rows per table in {folder}", file=sys.stderr)
        ref_path, cur_path = generate(rows, folder)
        size_mb = (ref_path.stat().st_size + cur_path.stat().st_size) / 1e6
        print(f"[bench] ferry drift on {size_mb:.0f} MB of CSV", file=sys.stderr)
        ferry_json = folder / f"ferry-{rows}.json"
        ferry_wall, ferry_rss, _ = timed([args.ferry, "drift", "--reference", str(ref_path), "--current", str(cur_path),
                                          "--json", str(ferry_json), "--html", str(folder / f"ferry-{rows}.html"), "--quiet"])
        print("[bench] Evidently DataDriftPreset (this takes a while)", file=sys.stderr)
        evidently_out = folder / f"evidently-{rows}.json"
        evidently_wall, evidently_rss, _ = timed([sys.executable, "-c", EVIDENTLY_SIDE, str(ref_path), str(cur_path),
                                                  str(folder / f"evidently-{rows}.html"), str(evidently_out)])
        ours = json.loads(ferry_json.read_text())
        theirs = json.loads(evidently_out.read_text())
        disagreements = []
        for column in ours["columns"]:
            other = theirs["columns"][column["name"]]
            if next(iter(_registered_stat_tests[column["method"]].values())).display_name != other["method"] or column["drifted"] != other["drifted"]:
                disagreements.append(column["name"])
        agree = not disagreements and len(ours["columns"]) == len(theirs["columns"]) and ours["dataset_drift"] == theirs["dataset_drift"]
        figures.append({
            "rows": rows, "csv_mb": round(size_mb, 1),
            "ferry_wall_s": round(ferry_wall, 2), "ferry_peak_mb": round(ferry_rss),
            "evidently_wall_s": round(evidently_wall, 2), "evidently_run_s": round(theirs["run_s"], 2),
            "evidently_peak_mb": round(evidently_rss),
            "speedup_wall": round(evidently_wall / ferry_wall, 1), "speedup_run": round(theirs["run_s"] / ferry_wall, 1),
            "memory_ratio": round(ferry_rss / evidently_rss, 3),
            "drifted_columns": sum(c["drifted"] for c in ours["columns"]), "columns": len(ours["columns"]),
            "verdicts_agree": agree, "disagreements": disagreements,
        })
    print()
    print("| rows per table | CSV | Evidently wall (report.run) | Evidently peak RSS | ferry drift wall | ferry peak RSS | speed-up (wall / run) | memory | verdicts |")
    print("|---|---|---|---|---|---|---|---|---|")
    for f in figures:
        print(f"| {f['rows']:,} | {f['csv_mb']:.0f} MB | {f['evidently_wall_s']:.1f} s ({f['evidently_run_s']:.1f} s) | "
              f"{f['evidently_peak_mb']:,} MB | {f['ferry_wall_s']:.2f} s | {f['ferry_peak_mb']:,} MB | "
              f"{f['speedup_wall']}× / {f['speedup_run']}× | {f['memory_ratio']:.2f}× | "
              f"{'all ' + str(f['columns']) + ' agree' if f['verdicts_agree'] else 'DIFFER: ' + ', '.join(f['disagreements'])} "
              f"({f['drifted_columns']} drifted) |")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
