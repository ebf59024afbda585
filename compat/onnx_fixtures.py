"""ONNX files as the converters write them, for Ferry's model loader (and, later, its runtime).

`python compat/onnx_fixtures.py DIR` writes one `.onnx` file per model family into DIR, converted with
skl2onnx from models fitted on small generated data, and a `manifest.json` listing each file with its
family, IR version, operator sets and operators (as onnx itself reads them), plus sample input rows and
onnxruntime's outputs for them. scripts/test runs it and points FERRY_TEST_ONNX_DIR at DIR for the Swift suite.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
from skl2onnx import to_onnx
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier, RandomForestRegressor
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, StandardScaler


def _data(rows: int = 200, features: int = 4, classes: int = 2, seed: int = 7):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(rows, features)).astype(np.float32)
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(np.int64) if classes == 2 else rng.integers(0, classes, rows)
    return x, y


def _families():
    x, y = _data()
    x3, y3 = _data(classes=3)
    target = (x @ np.array([1.5, -2.0, 0.5, 0.0], dtype=np.float32) + 0.25).astype(np.float32)
    no_zipmap = {"zipmap": False}
    yield "logistic_binary_zipmap", LogisticRegression().fit(x, y), x, None
    yield "logistic_binary", LogisticRegression().fit(x, y), x, no_zipmap
    yield "logistic_multinomial", LogisticRegression().fit(x3, y3), x3, no_zipmap
    yield "linear_regression", LinearRegression().fit(x, target), x, None
    yield "ridge", Ridge().fit(x, target), x, None
    yield "pipeline_scaler_logistic", Pipeline([("scale", StandardScaler()), ("model", LogisticRegression())]).fit(x, y), x, no_zipmap
    yield "pipeline_minmax_ridge", Pipeline([("scale", MinMaxScaler()), ("model", Ridge())]).fit(x, target), x, None
    yield "random_forest_classifier", RandomForestClassifier(n_estimators=10, max_depth=4, random_state=0).fit(x, y), x, no_zipmap
    yield "random_forest_regressor", RandomForestRegressor(n_estimators=10, max_depth=4, random_state=0).fit(x, target), x, None
    yield "gradient_boosting_classifier", GradientBoostingClassifier(n_estimators=10, random_state=0).fit(x3, y3), x3, no_zipmap
    yield "mlp_classifier", MLPClassifier(hidden_layer_sizes=(8,), max_iter=300, random_state=0).fit(x3, y3), x3, no_zipmap


def _column_transformer():
    rng = np.random.default_rng(3)
    numeric = rng.normal(size=(120, 2)).astype(np.float32)
    colour = rng.choice(["red", "green", "blue"], size=(120, 1))
    y = (numeric[:, 0] > 0).astype(np.int64)
    import pandas as pd

    frame = pd.DataFrame({"a": numeric[:, 0], "b": numeric[:, 1], "colour": colour[:, 0]})
    model = Pipeline([
        ("columns", ColumnTransformer([("num", StandardScaler(), ["a", "b"]), ("cat", OneHotEncoder(), ["colour"])])),
        ("model", LogisticRegression()),
    ]).fit(frame, y)
    return model, frame


def build_fixtures(directory: Path) -> list[dict]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for family, model, x, options in _families():
        onx = to_onnx(model, x[:1], options={id(model if not isinstance(model, Pipeline) else model.steps[-1][1]): options} if options else None)
        written.append(_save(directory, family, onx, x[:16]))
    model, frame = _column_transformer()
    written.append(_save(directory, "column_transformer_onehot", to_onnx(model, frame[:1], options={id(model.steps[-1][1]): {"zipmap": False}})))
    (directory / "manifest.json").write_text(json.dumps(written, indent=2))
    return written


def _save(directory: Path, family: str, onx, sample=None) -> dict:
    path = directory / f"{family}.onnx"
    path.write_bytes(onx.SerializeToString())
    loaded = onnx.load(str(path))
    return {
        "file": path.name,
        "family": family,
        "ir_version": loaded.ir_version,
        "opsets": {(o.domain or "ai.onnx"): o.version for o in loaded.opset_import},
        "operators": sorted({(n.domain + "." if n.domain and n.domain != "ai.onnx" else "") + n.op_type for n in loaded.graph.node}),
        "inputs": [i.name for i in loaded.graph.input if i.name not in {t.name for t in loaded.graph.initializer}],
        "outputs": [o.name for o in loaded.graph.output],
        **(_reference_run(path, sample) if sample is not None else {}),
    }


def _reference_run(path: Path, sample) -> dict:
    """Sample rows (one float32 input) and onnxruntime's tensor outputs for them, as nested lists."""
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]
    results = session.run(None, {session.get_inputs()[0].name: sample.astype(np.float32)})
    expected = {}
    for name, value in zip(names, results):
        if isinstance(value, np.ndarray):
            expected[name] = {"shape": list(value.shape), "dtype": str(value.dtype), "values": value.ravel().tolist()}
    return {"sample": {"shape": list(sample.shape), "values": sample.astype(np.float32).ravel().tolist()}, "expected": expected}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: onnx_fixtures.py DIR", file=sys.stderr)
        sys.exit(2)
    for entry in build_fixtures(Path(sys.argv[1])):
        print(f"{entry['file']}: IR {entry['ir_version']}, {entry['opsets']}, {', '.join(entry['operators'])}")
