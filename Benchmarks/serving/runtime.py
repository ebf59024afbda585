"""In-process runtime benchmark: Ferry's native ONNX runtime (`ServableModel.infer`, through the ferry-serving-bench
executable) against onnxruntime's `InferenceSession.run`, on the same files and the same rows, in one run.

Trains LogisticRegression, RandomForest (100 trees) and LightGBM (100 trees) on make_classification(5000, 20),
converts them with ZipMap off (skl2onnx, onnxmltools), then for each model:
  - onnxruntime, CPU provider, intra_op_num_threads=1: 500 warm-up calls, 20,000 timed single-row calls (wall time
    with perf_counter_ns, calling-thread CPU time with thread_time_ns; best p50 of 3 repeats), and rows/s over
    repeated 1000-row calls;
  - ferry-serving-bench on the same file and rows, with the same loops (its clocks: CLOCK_MONOTONIC and
    CLOCK_THREAD_CPUTIME_ID);
  - checks both give the same outputs for the batch (labels exactly, probabilities to 1e-5 relative);
and prints a table with Ferry/onnxruntime ratios. Usage: python runtime.py --bench PATH [--json OUT.json].
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lightgbm
import numpy as np
import onnxruntime
from onnxmltools import convert_lightgbm
from onnxmltools.convert.common.data_types import FloatTensorType
from skl2onnx import to_onnx
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression

FEATURES = 20


def build_models(directory: Path) -> tuple[dict[str, Path], np.ndarray]:
    x, y = make_classification(n_samples=5000, n_features=FEATURES, random_state=0)
    x = x.astype(np.float32)
    no_zipmap = {"zipmap": False}
    logistic = LogisticRegression(max_iter=1000).fit(x, y)
    forest = RandomForestClassifier(n_estimators=100, random_state=0, n_jobs=1).fit(x, y)
    gbm = lightgbm.LGBMClassifier(n_estimators=100, random_state=0, verbose=-1).fit(x, y)
    files = {
        "LogisticRegression (20 features)": to_onnx(logistic, x[:1], options={id(logistic): no_zipmap}),
        "RandomForest (100 trees)": to_onnx(forest, x[:1], options={id(forest): no_zipmap}),
        "LightGBM (100 trees)": convert_lightgbm(gbm, initial_types=[("X", FloatTensorType([None, FEATURES]))], zipmap=False),
    }
    paths = {}
    for index, (name, onx) in enumerate(files.items()):
        paths[name] = directory / f"model{index}.onnx"
        paths[name].write_bytes(onx.SerializeToString())
    return paths, x


def measure_onnxruntime(path: Path, rows: np.ndarray, args) -> tuple[dict, list]:
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # the LightGBM label is declared [1] but is [N]: onnxruntime warns on every batch
    session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    singles = [rows[i:i + 1] for i in range(len(rows))]
    for call in range(args.warmup):
        session.run(None, {name: singles[call % len(singles)]})
    best = None
    for _ in range(args.repeats):
        wall, cpu = [], []
        for call in range(args.calls):
            feed = {name: singles[call % len(singles)]}
            cpu_start = time.thread_time_ns()
            wall_start = time.perf_counter_ns()
            session.run(None, feed)
            wall_end = time.perf_counter_ns()
            cpu_end = time.thread_time_ns()
            wall.append((wall_end - wall_start) / 1000)
            cpu.append((cpu_end - cpu_start) / 1000)
        figures = {"p50_wall_us": _percentile(wall, 0.5), "p99_wall_us": _percentile(wall, 0.99), "p50_cpu_us": _percentile(cpu, 0.5)}
        if best is None or figures["p50_wall_us"] < best["p50_wall_us"]:
            best = figures
    batch = {name: rows[:args.batch]}
    for _ in range(3):
        session.run(None, batch)
    start, calls = time.perf_counter(), 0
    while time.perf_counter() - start < args.batch_seconds:
        session.run(None, batch)
        calls += 1
    best["batch_rows_per_s"] = calls * args.batch / (time.perf_counter() - start)
    names = [o.name for o in session.get_outputs()]
    return best, dict(zip(names, session.run(None, batch)))


def measure_ferry(path: Path, rows_file: Path, outputs_file: Path, args) -> dict:
    command = [args.bench, str(path), str(rows_file), str(FEATURES), "--warmup", str(args.warmup), "--calls", str(args.calls),
               "--batch", str(args.batch), "--repeats", str(args.repeats), "--batch-seconds", str(args.batch_seconds),
               "--outputs", str(outputs_file)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"ferry-serving-bench failed: {result.stderr.strip()}")
    return json.loads(result.stdout)


def same_outputs(expected: dict, outputs_file: Path) -> str | None:
    """None when Ferry's batch outputs equal onnxruntime's, otherwise the first difference."""
    actual = json.loads(outputs_file.read_text())
    for name, want in expected.items():
        if name not in actual:
            return f"no output {name}"
        got = np.array(actual[name]["values"]).reshape(actual[name]["shape"])
        if got.shape != want.shape:
            return f"{name}: shape {got.shape}, onnxruntime {want.shape}"
        if want.dtype.kind in "iu":
            if not np.array_equal(got, want):
                return f"{name}: {int((got != want).sum())} labels differ"
        elif not np.allclose(got, want, rtol=1e-5, atol=1e-6):
            return f"{name}: largest difference {np.abs(got - want).max()}"
    return None


def _percentile(values: list, fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def report(results: list[dict]) -> None:
    header = ("model", "ORT p50 µs", "Ferry p50 µs", "ratio", "ORT CPU µs", "Ferry CPU µs", "ORT p99 µs", "Ferry p99 µs",
              "ORT batch rows/s", "Ferry batch rows/s", "ratio", "outputs")
    lines = []
    for r in results:
        ort, ferry = r["onnxruntime"], r["ferry"]
        lines.append((
            r["model"], f"{ort['p50_wall_us']:.1f}", f"{ferry['p50_wall_us']:.2f}", f"{ferry['p50_wall_us'] / ort['p50_wall_us']:.2f}×",
            f"{ort['p50_cpu_us']:.1f}", f"{ferry['p50_cpu_us']:.2f}", f"{ort['p99_wall_us']:.1f}", f"{ferry['p99_wall_us']:.1f}",
            f"{ort['batch_rows_per_s']:,.0f}", f"{ferry['batch_rows_per_s']:,.0f}",
            f"{ferry['batch_rows_per_s'] / ort['batch_rows_per_s']:.2f}×", r["outputs"]))
    widths = [max(len(str(row[i])) for row in [header, *lines]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *lines]:
        print(" | ".join(str(cell).ljust(width) for cell, width in zip(row, widths)))
    print("\nratio: Ferry / onnxruntime (latency: lower is better; batch throughput: higher is better)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", required=True, help="the ferry-serving-bench executable (release build)")
    parser.add_argument("--warmup", type=int, default=500)
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--batch-seconds", type=float, default=2.0)
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ferry-runtime-bench-") as work:
        directory = Path(work)
        paths, rows = build_models(directory)
        rows_file = directory / "rows.f32"
        rows_file.write_bytes(rows.astype("<f4").tobytes())
        results = []
        for name, path in paths.items():
            ort, expected = measure_onnxruntime(path, rows, args)
            outputs_file = directory / f"{path.stem}-outputs.json"
            ferry = measure_ferry(path, rows_file, outputs_file, args)
            difference = same_outputs(expected, outputs_file)
            results.append({"model": name, "onnxruntime": ort, "ferry": ferry, "outputs": "equal" if difference is None else difference})
            print(f"measured {name}", file=sys.stderr)
    print(f"onnxruntime {onnxruntime.__version__}, one thread; {args.calls} single-row calls after {args.warmup} warm-up, "
          f"best p50 of {args.repeats}; batch of {args.batch} rows for {args.batch_seconds} s\n")
    report(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0 if all(r["outputs"] == "equal" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
