"""ONNX files as the converters write them, for Ferry's model loader and runtime.

`python compat/onnx_fixtures.py DIR` writes one `.onnx` file per model family into DIR, converted with skl2onnx,
onnxmltools (LightGBM, XGBoost) and torch.onnx from models fitted on small generated data, and a `manifest.json`
listing each file with its family, IR version, operator sets and operators (as onnx itself reads them), sample
inputs (one entry per graph input: float32 with NaN written as null, or strings) and onnxruntime's outputs for
them. A ZipMap output (a list of {label: probability}) is written as a float32 [N, C] tensor in the order of the
ZipMap node's class labels, the form Ferry serves. scripts/test runs it and points FERRY_TEST_ONNX_DIR at DIR.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import lightgbm
import numpy as np
import onnx
import onnx.helper
import onnxruntime
import pandas as pd
import torch
import xgboost
from onnxmltools import convert_lightgbm, convert_xgboost
from onnxmltools.convert.common.data_types import FloatTensorType
from skl2onnx import to_onnx
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import (
    ExtraTreesClassifier, ExtraTreesRegressor, GradientBoostingClassifier, GradientBoostingRegressor,
    HistGradientBoostingClassifier, HistGradientBoostingRegressor, RandomForestClassifier, RandomForestRegressor,
)
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, OrdinalEncoder, StandardScaler
from sklearn.tree import DecisionTreeClassifier

ROWS = 400
SAMPLE_ROWS = 64
FEATURES = 6
NO_ZIPMAP = {"zipmap": False}


def _data(classes: int = 2, missing: bool = False, seed: int = 7):
    """Features, class labels and a regression target; with `missing`, about 10% of the cells are NaN."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(ROWS, FEATURES)).astype(np.float32)
    signal = x[:, 0] + 0.5 * x[:, 1] - 0.75 * x[:, 2] * x[:, 3]
    y = (signal > 0).astype(np.int64) if classes == 2 else np.digitize(signal, np.quantile(signal, [1 / 3, 2 / 3]))
    target = (signal * 3 + 0.25 * x[:, 4] + 1.5).astype(np.float32)
    if missing:
        x[rng.random(x.shape) < 0.1] = np.nan
    return x, y, target


@contextlib.contextmanager
def _numpy_int_attributes():
    """skl2onnx 1.20 with sklearn 1.9.1 passes np.uint32 attribute values for HistGradientBoosting, which
    onnx.helper.make_attribute refuses ("Unable to create node"); turn numpy scalars into Python ones."""
    original = onnx.helper.make_attribute

    def scalar(value):
        if isinstance(value, (bool, np.bool_)):
            return int(value)
        return value.item() if isinstance(value, np.generic) else value

    def plain(value):
        if isinstance(value, np.generic):
            return scalar(value)
        if isinstance(value, (list, tuple)) or (isinstance(value, np.ndarray) and value.dtype == object):
            return [scalar(v) for v in value]
        return value

    def patched(key, value, *args, **kwargs):
        return original(key, plain(value), *args, **kwargs)

    onnx.helper.make_attribute = patched
    try:
        yield
    finally:
        onnx.helper.make_attribute = original


def _sklearn(model, x, options=None):
    final = model.steps[-1][1] if isinstance(model, Pipeline) else model
    with _numpy_int_attributes():
        return to_onnx(model, x[:1], options={id(final): options} if options else None)


def _sklearn_families():
    x, y, target = _data()
    x3, y3, _ = _data(classes=3)
    xm, ym, target_m = _data(missing=True)
    xm3, ym3, _ = _data(classes=3, missing=True)
    labels = np.array(["cat", "dog", "eel"])[y3]
    trees = {"n_estimators": 12, "random_state": 0}
    yield "logistic_binary_zipmap", LogisticRegression().fit(x, y), x, None
    yield "logistic_binary", LogisticRegression().fit(x, y), x, NO_ZIPMAP
    yield "logistic_multinomial", LogisticRegression().fit(x3, y3), x3, NO_ZIPMAP
    yield "logistic_string_labels_zipmap", LogisticRegression().fit(x3, labels), x3, None
    yield "linear_regression", LinearRegression().fit(x, target), x, None
    yield "ridge", Ridge().fit(x, target), x, None
    yield "pipeline_scaler_logistic", Pipeline([("scale", StandardScaler()), ("model", LogisticRegression())]).fit(x, y), x, NO_ZIPMAP
    yield "pipeline_minmax_ridge", Pipeline([("scale", MinMaxScaler()), ("model", Ridge())]).fit(x, target), x, None
    yield "pipeline_imputer_scaler_logistic", Pipeline([
        ("impute", SimpleImputer()), ("scale", StandardScaler()), ("model", LogisticRegression())]).fit(xm, ym), xm, NO_ZIPMAP
    yield "pipeline_imputer_minmax_tree", Pipeline([
        ("impute", SimpleImputer(strategy="median")), ("scale", MinMaxScaler()),
        ("model", DecisionTreeClassifier(max_depth=8, random_state=0))]).fit(xm3, ym3), xm3, NO_ZIPMAP
    yield "random_forest_classifier", RandomForestClassifier(**trees).fit(x, y), x, NO_ZIPMAP
    yield "random_forest_classifier_zipmap", RandomForestClassifier(max_depth=10, **trees).fit(x3, y3), x3, None
    yield "random_forest_regressor", RandomForestRegressor(**trees).fit(x, target), x, None
    yield "extra_trees_classifier", ExtraTreesClassifier(**trees).fit(x3, y3), x3, NO_ZIPMAP
    yield "extra_trees_regressor", ExtraTreesRegressor(**trees).fit(x, target), x, None
    yield "gradient_boosting_classifier", GradientBoostingClassifier(max_depth=5, **trees).fit(x3, y3), x3, NO_ZIPMAP
    yield "gradient_boosting_binary", GradientBoostingClassifier(max_depth=5, **trees).fit(x, y), x, NO_ZIPMAP
    yield "gradient_boosting_regressor", GradientBoostingRegressor(max_depth=5, **trees).fit(x, target), x, None
    yield "hist_gradient_boosting_classifier", HistGradientBoostingClassifier(max_iter=20, random_state=0).fit(xm3, ym3), xm3, NO_ZIPMAP
    yield "hist_gradient_boosting_binary", HistGradientBoostingClassifier(max_iter=20, random_state=0).fit(xm, ym), xm, NO_ZIPMAP
    yield "hist_gradient_boosting_regressor", HistGradientBoostingRegressor(max_iter=20, random_state=0).fit(xm, target_m), xm, None
    yield "mlp_classifier", MLPClassifier(hidden_layer_sizes=(16, 8), max_iter=400, random_state=0).fit(x3, y3), x3, NO_ZIPMAP
    yield "mlp_classifier_binary", MLPClassifier(hidden_layer_sizes=(8,), max_iter=400, random_state=0).fit(x, y), x, NO_ZIPMAP
    yield "mlp_regressor", MLPRegressor(hidden_layer_sizes=(16,), max_iter=600, random_state=0).fit(x, target), x, None


def _boosted_families():
    """LightGBM and XGBoost through onnxmltools; both learn NaN directions, so their samples hold NaN."""
    xm, ym, target_m = _data(missing=True)
    xm3, ym3, _ = _data(classes=3, missing=True)
    types = [("input", FloatTensorType([None, FEATURES]))]
    gbm = {"n_estimators": 20, "num_leaves": 15, "min_child_samples": 5, "random_state": 0, "verbose": -1}
    binary = lightgbm.LGBMClassifier(**gbm).fit(xm, ym)
    yield "lightgbm_classifier_zipmap", convert_lightgbm(binary, initial_types=types), xm
    yield "lightgbm_classifier", convert_lightgbm(lightgbm.LGBMClassifier(**gbm).fit(xm3, ym3), initial_types=types, zipmap=False), xm3
    yield "lightgbm_regressor", convert_lightgbm(lightgbm.LGBMRegressor(**gbm).fit(xm, target_m), initial_types=types), xm
    xgb = {"n_estimators": 20, "max_depth": 5, "random_state": 0}
    yield "xgboost_classifier", convert_xgboost(xgboost.XGBClassifier(**xgb).fit(xm3, ym3), initial_types=types), xm3
    yield "xgboost_binary", convert_xgboost(xgboost.XGBClassifier(**xgb).fit(xm, ym), initial_types=types), xm
    yield "xgboost_regressor", convert_xgboost(xgboost.XGBRegressor(**xgb).fit(xm, target_m), initial_types=types), xm


def _torch_mlp(directory: Path):
    """A small torch MLP (Linear-ReLU-Linear-ReLU-Linear-Softmax) trained briefly, exported with torch.onnx."""
    x, _, _ = _data(classes=3)
    _, y3, _ = _data(classes=3)
    torch.manual_seed(0)
    net = torch.nn.Sequential(
        torch.nn.Linear(FEATURES, 16), torch.nn.ReLU(), torch.nn.Linear(16, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3),
        torch.nn.Softmax(dim=1))
    optimiser = torch.optim.Adam(net.parameters(), lr=0.01)
    features, classes = torch.from_numpy(x), torch.from_numpy(y3)
    for _ in range(100):
        optimiser.zero_grad()
        torch.nn.functional.nll_loss(torch.log(net(features) + 1e-9), classes).backward()
        optimiser.step()
    path = directory / "torch_mlp.onnx"
    torch.onnx.export(net.eval(), (features[:2],), str(path), input_names=["x"], output_names=["probs"],
                      dynamic_axes={"x": {0: "batch"}, "probs": {0: "batch"}}, opset_version=17, dynamo=False)
    return onnx.load(str(path)), x


def _frame_families():
    """ColumnTransformers over a DataFrame: one graph input per column, float32 and string."""
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({
        "a": rng.normal(size=ROWS).astype(np.float32), "b": rng.normal(size=ROWS).astype(np.float32),
        "colour": rng.choice(["red", "green", "blue"], size=ROWS), "size": rng.choice(["S", "M", "L", "XL"], size=ROWS),
    })
    y = ((frame["a"] > 0) ^ (frame["colour"] == "red")).astype(np.int64).to_numpy()
    target = (frame["a"] * 2 + frame["size"].map({"S": 0, "M": 1, "L": 2, "XL": 3})).astype(np.float32).to_numpy()
    sample = frame.iloc[:SAMPLE_ROWS].copy()
    onehot = Pipeline([
        ("columns", ColumnTransformer([("num", StandardScaler(), ["a", "b"]),
                                       ("cat", OneHotEncoder(handle_unknown="ignore"), ["colour", "size"])])),
        ("model", LogisticRegression()),
    ]).fit(frame, y)
    unknown = sample.copy()
    unknown.loc[unknown.index[:4], "colour"] = "purple"  # an unknown category encodes as all zeros
    yield "column_transformer_onehot", to_onnx(onehot, frame[:1], options={id(onehot.steps[-1][1]): NO_ZIPMAP}), unknown
    ordinal = Pipeline([
        ("columns", ColumnTransformer([("num", MinMaxScaler(), ["a", "b"]), ("cat", OrdinalEncoder(), ["colour", "size"])])),
        ("model", RandomForestRegressor(n_estimators=8, max_depth=6, random_state=0)),
    ]).fit(frame, target)
    yield "column_transformer_ordinal", to_onnx(ordinal, frame[:1]), sample


def _tree_thresholds(onx) -> list[tuple[int, float]]:
    """(feature, threshold) of the tree nodes in a graph, to plant exact threshold values in sample rows."""
    found = []
    for node in onx.graph.node:
        attributes = {a.name: a for a in node.attribute}
        if "nodes_featureids" in attributes and "nodes_values" in attributes:
            modes = [m.decode() for m in attributes["nodes_modes"].strings]
            found += [(f, v) for f, v, m in zip(attributes["nodes_featureids"].ints, attributes["nodes_values"].floats, modes)
                      if m != "LEAF"]
    return found


def _sample_rows(onx, x):
    """The first SAMPLE_ROWS rows, with a cell of every fourth row set exactly to one of the model's thresholds."""
    rows = x[:SAMPLE_ROWS].copy()
    thresholds = _tree_thresholds(onx)
    rng = np.random.default_rng(11)
    for row in range(0, SAMPLE_ROWS, 4) if thresholds else []:
        feature, value = thresholds[rng.integers(len(thresholds))]
        rows[row, feature] = value
    return rows


def build_fixtures(directory: Path) -> list[dict]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for family, model, x, options in _sklearn_families():
        onx = _sklearn(model, x, options)
        written.append(_save(directory, family, onx, {"X": _sample_rows(onx, x)}))
    for family, onx, x in _boosted_families():
        written.append(_save(directory, family, onx, {"input": _sample_rows(onx, x)}))
    onx, x = _torch_mlp(directory)
    written.append(_save(directory, "torch_mlp", onx, {"x": x[:SAMPLE_ROWS]}))
    for family, onx, frame in _frame_families():
        columns = {name: frame[[name]].to_numpy() for name in frame.columns}
        written.append(_save(directory, family, onx, columns))
    (directory / "manifest.json").write_text(json.dumps(written, indent=1))
    return written


def _save(directory: Path, family: str, onx, inputs: dict) -> dict:
    path = directory / f"{family}.onnx"
    path.write_bytes(onx.SerializeToString())
    loaded = onnx.load(str(path))
    initializers = {t.name for t in loaded.graph.initializer}
    return {
        "file": path.name,
        "family": family,
        "ir_version": loaded.ir_version,
        "opsets": {(o.domain or "ai.onnx"): o.version for o in loaded.opset_import},
        "operators": sorted({(n.domain + "." if n.domain and n.domain != "ai.onnx" else "") + n.op_type for n in loaded.graph.node}),
        "inputs": [i.name for i in loaded.graph.input if i.name not in initializers],
        "outputs": [o.name for o in loaded.graph.output],
        **_reference_run(path, loaded, inputs),
    }


def _tensor(value) -> dict:
    """A tensor for the manifest: shape, dtype ("float32", "int64", "string") and flat values (NaN as null)."""
    value = np.asarray(value)
    if value.dtype.kind in "OUS":
        return {"shape": list(value.shape), "dtype": "string", "values": [str(v) for v in value.ravel()]}
    if value.dtype.kind == "f":
        return {"shape": list(value.shape), "dtype": str(value.dtype), "values": [None if np.isnan(v) else float(v) for v in value.ravel()]}
    return {"shape": list(value.shape), "dtype": str(value.dtype), "values": [int(v) for v in value.ravel()]}


def _reference_run(path: Path, loaded, inputs: dict) -> dict:
    """onnxruntime's outputs for `inputs` (numeric columns as float32, others as strings); ZipMap becomes [N, C]."""
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # LightGBM's label is declared [1] but is [N]; onnxruntime warns on each run
    session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    feed = {}
    for declared in session.get_inputs():
        value = np.asarray(inputs[declared.name])
        feed[declared.name] = value.astype(object if declared.type == "tensor(string)" else np.float32)
    results = session.run(None, feed)
    expected, class_labels = {}, {}
    for declared, value in zip(session.get_outputs(), results):
        if isinstance(value, list):
            labels = _zipmap_labels(loaded, declared.name)
            expected[declared.name] = _tensor(np.array([[row[label] for label in labels] for row in value], dtype=np.float32))
            class_labels[declared.name] = [str(label) for label in labels]
        else:
            expected[declared.name] = _tensor(value)
    return {"samples": {name: _tensor(value) for name, value in feed.items()}, "expected": expected, "class_labels": class_labels}


def _zipmap_labels(loaded, output: str) -> list:
    """The class labels of the ZipMap node writing `output`, in its order (the columns Ferry serves)."""
    zipmap = next(n for n in loaded.graph.node if n.op_type == "ZipMap" and output in n.output)
    attributes = {a.name: a for a in zipmap.attribute}
    if "classlabels_int64s" in attributes:
        return list(attributes["classlabels_int64s"].ints)
    return [s.decode() for s in attributes["classlabels_strings"].strings]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: onnx_fixtures.py DIR", file=sys.stderr)
        sys.exit(2)
    for entry in build_fixtures(Path(sys.argv[1])):
        print(f"{entry['file']}: IR {entry['ir_version']}, {entry['opsets']}, {', '.join(entry['operators'])}")
