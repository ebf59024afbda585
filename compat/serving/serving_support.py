"""Helpers for the serving suite: a `ferry serve` process, the fixture manifest, request builders for
both protocols, comparison with onnxruntime's outputs, and tiny ONNX graphs for the datatype paths.

Nothing here knows Ferry's internals: the suite talks to the server only over HTTP, with tritonclient and
`requests`, the way users do.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import onnx
import onnx.helper as oh
import pytest
import requests

from support import ServerProcess, ferry_binary, free_port

# --------------------------------------------------------------------------------------------
# The fixture manifest (compat/onnx_fixtures.py)
# --------------------------------------------------------------------------------------------


def fixture_dir() -> Path:
    """The folder of converter-written ONNX files (FERRY_TEST_ONNX_DIR; the conftest sets it)."""
    return Path(os.environ["FERRY_TEST_ONNX_DIR"])


def manifest() -> list[dict]:
    path = fixture_dir() / "manifest.json"
    return json.loads(path.read_text()) if path.exists() else []


def entry(family: str) -> dict:
    found = [e for e in manifest() if e["family"] == family]
    if not found:
        pytest.skip(f"the fixture manifest has no family {family!r}")
    return found[0]


def model_path(family: str) -> Path:
    return fixture_dir() / entry(family)["file"]


def to_array(tensor: dict) -> np.ndarray:
    """A manifest tensor ({shape, dtype, values}, NaN written as null) as a numpy array."""
    if tensor["dtype"] == "string":
        return np.array(tensor["values"], dtype=object).reshape(tensor["shape"])
    values = [np.nan if v is None else v for v in tensor["values"]]
    return np.array(values, dtype=tensor["dtype"]).reshape(tensor["shape"])


def samples(item: dict) -> dict[str, np.ndarray]:
    """The sample inputs of a manifest entry, in graph-input order."""
    return {name: to_array(item["samples"][name]) for name in item["inputs"]}


def expected(item: dict) -> dict[str, np.ndarray]:
    """onnxruntime's outputs for the samples (ZipMap already as a float32 [N, C] matrix)."""
    return {name: to_array(item["expected"][name]) for name in item["outputs"]}


# --------------------------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------------------------

#: The allowance the Swift converter tests use: 1e-5 relative, with a 1e-6 floor near zero.
RELATIVE = 1e-5
ABSOLUTE = 1e-6


def _plain(values) -> np.ndarray:
    array = np.asarray(values)
    if array.dtype.kind in "OSU":
        return np.array([v.decode() if isinstance(v, bytes) else str(v) for v in array.ravel()], dtype=object).reshape(array.shape)
    return array


def assert_same(what: str, got, want: np.ndarray) -> None:
    """`got` equals onnxruntime's `want`: labels (integers, strings) exactly, floats within the allowance."""
    got = _plain(got)
    assert list(got.shape) == list(want.shape), f"{what}: shape {list(got.shape)}, onnxruntime {list(want.shape)}"
    if want.dtype.kind == "f":
        got = got.astype(np.float64)
        close = np.isclose(got, want, rtol=RELATIVE, atol=ABSOLUTE, equal_nan=True)
        if not close.all():
            index = np.argwhere(~close)[0]
            raise AssertionError(f"{what}: {(~close).sum()} values differ; first at {index.tolist()}: "
                                 f"{got[tuple(index)]} vs onnxruntime {want[tuple(index)]}")
        return
    mismatch = [i for i, (a, b) in enumerate(zip(got.ravel().tolist(), want.ravel().tolist())) if a != b]
    assert not mismatch, f"{what}: {len(mismatch)} labels differ; first at {mismatch[0]}: {got.ravel()[mismatch[0]]!r} vs {want.ravel()[mismatch[0]]!r}"


def mlflow_predictions(want: np.ndarray) -> np.ndarray:
    """What MLflow scoring returns for the model's first output: a flat list for [N] or [N, 1], else rows."""
    return want.reshape(-1) if want.ndim == 2 and want.shape[1] == 1 else want


# --------------------------------------------------------------------------------------------
# MLflow scoring bodies
# --------------------------------------------------------------------------------------------


def _cell(value):
    """A JSON cell: NaN as null (what pandas writes for a missing value), numpy scalars as Python ones."""
    if isinstance(value, (float, np.floating)) and np.isnan(value):
        return None
    return value.item() if isinstance(value, np.generic) else value


def table(item: dict) -> tuple[list[str], list[list]]:
    """The samples as a table: one column per input column (f0..fK for a single matrix input)."""
    inputs = samples(item)
    if len(inputs) == 1:
        (matrix,) = inputs.values()
        matrix = matrix.reshape(len(matrix), -1)
        return [f"f{i}" for i in range(matrix.shape[1])], [[_cell(v) for v in row] for row in matrix]
    columns = list(inputs)
    rows = [[_cell(inputs[c].reshape(-1)[r]) for c in columns] for r in range(len(next(iter(inputs.values()))))]
    return columns, rows


def scoring_json(item: dict, form: str) -> dict:
    """The samples in one of MLflow's JSON input formats."""
    columns, rows = table(item)
    records = [dict(zip(columns, row)) for row in rows]
    inputs = samples(item)
    if form == "dataframe_split":
        return {"dataframe_split": {"columns": columns, "data": rows}}
    if form == "dataframe_records":
        return {"dataframe_records": records}
    if form == "instances":
        return {"instances": rows if len(inputs) == 1 else records}
    if form == "inputs":
        if len(inputs) == 1:
            return {"inputs": {name: [[_cell(v) for v in row] for row in value] for name, value in inputs.items()}}
        return {"inputs": {name: [_cell(v) for v in value.reshape(-1)] for name, value in inputs.items()}}
    raise ValueError(form)


def scoring_csv(item: dict) -> bytes:
    """The samples as CSV with a header row; a missing value is an empty field, as pandas writes it."""
    columns, rows = table(item)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else (repr(v) if isinstance(v, float) else v) for v in row])
    return out.getvalue().encode()


SCORING_FORMATS = ["dataframe_split", "dataframe_records", "instances", "inputs", "csv"]


def score(base_url: str, item: dict, form: str, model: str | None = None, session=requests) -> requests.Response:
    """POST the samples to /invocations (or /models/MODEL/invocations) in format `form`."""
    url = base_url + (f"/models/{model}/invocations" if model else "/invocations")
    if form == "csv":
        return session.post(url, data=scoring_csv(item), headers={"Content-Type": "text/csv"}, timeout=60)
    return session.post(url, json=scoring_json(item, form), timeout=60)


# --------------------------------------------------------------------------------------------
# OIP v2 with tritonclient, and raw
# --------------------------------------------------------------------------------------------


def triton_client(base_url: str):
    import tritonclient.http as triton

    return triton.InferenceServerClient(base_url.removeprefix("http://"), network_timeout=60.0, connection_timeout=60.0)


def triton_infer(base_url: str, model: str, inputs: dict[str, np.ndarray], binary: bool, outputs: list[str] | None = None,
                 datatypes: dict[str, str] | None = None, request_id: str = ""):
    """One tritonclient infer: binary mode as tritonclient defaults to it (binary inputs, no outputs
    listed), or JSON only (`binary_data=False` on every input and output)."""
    import tritonclient.http as triton
    from tritonclient.utils import np_to_triton_dtype

    tensors = []
    for name, value in inputs.items():
        value = np.asarray(value)
        datatype = (datatypes or {}).get(name) or ("BYTES" if value.dtype == object else np_to_triton_dtype(value.dtype))
        tensor = triton.InferInput(name, list(value.shape), datatype)
        tensor.set_data_from_numpy(value, binary_data=binary)
        tensors.append(tensor)
    requested = None
    if outputs is not None or not binary:
        names = outputs if outputs is not None else [o["name"] for o in triton_client(base_url).get_model_metadata(model)["outputs"]]
        requested = [triton.InferRequestedOutput(name, binary_data=binary) for name in names]
    with triton_client(base_url) as client:
        return client.infer(model, tensors, outputs=requested, request_id=request_id)


def oip_tensor(name: str, value: np.ndarray, datatype: str = "FP32", flat: bool = True) -> dict:
    value = np.asarray(value)
    data = [_json_number(v) for v in value.reshape(-1)] if flat else _nested(value)
    return {"name": name, "shape": list(value.shape), "datatype": datatype, "data": data}


def _json_number(value):
    return value.item() if isinstance(value, np.generic) else value


def _nested(value: np.ndarray):
    return [_nested(v) for v in value] if value.ndim > 1 else [_json_number(v) for v in value]


def infer_url(base_url: str, model: str, version: str | None = None) -> str:
    return f"{base_url}/v2/models/{model}" + (f"/versions/{version}" if version else "") + "/infer"


def oip_error(response: requests.Response, status: int, *mentions: str) -> str:
    """Asserts an OIP error: status, body {"error": message} naming each of `mentions`; returns the message."""
    assert response.status_code == status, f"want {status}, got {response.status_code}: {response.text[:500]}"
    body = response.json()
    assert isinstance(body, dict) and isinstance(body.get("error"), str) and body["error"], body
    for mention in mentions:
        assert mention.lower() in body["error"].lower(), f"the message should mention {mention!r}: {body['error']}"
    return body["error"]


def mlflow_error(response: requests.Response, status: int, code: str, *mentions: str) -> str:
    """Asserts an MLflow scoring error: status, body {"error_code": code, "message": ...}; returns the message."""
    assert response.status_code == status, f"want {status}, got {response.status_code}: {response.text[:500]}"
    body = response.json()
    assert body.get("error_code") == code, body
    assert isinstance(body.get("message"), str) and body["message"], body
    for mention in mentions:
        assert mention.lower() in body["message"].lower(), f"the message should mention {mention!r}: {body['message']}"
    return body["message"]


def binary_request(header: dict, payload: bytes, header_length: int | None = None) -> tuple[bytes, dict[str, str]]:
    """A binary-extension body (JSON header, then raw bytes) and its headers; `header_length` overrides IHCL."""
    text = json.dumps(header).encode()
    length = len(text) if header_length is None else header_length
    return text + payload, {"Inference-Header-Content-Length": str(length), "Content-Type": "application/octet-stream"}


def split_binary_response(response: requests.Response) -> tuple[dict, bytes]:
    """A binary-extension response: its JSON header and the bytes after it."""
    length = int(response.headers["Inference-Header-Content-Length"])
    return json.loads(response.content[:length]), response.content[length:]


# --------------------------------------------------------------------------------------------
# Tiny ONNX graphs (protocol paths, not converters)
# --------------------------------------------------------------------------------------------

#: The inputs of `datatypes_model`: name -> (ONNX element type, shape, OIP datatype).
DATATYPE_INPUTS = {
    "f64": (onnx.TensorProto.DOUBLE, ["N", 2], "FP64"),
    "i64": (onnx.TensorProto.INT64, ["N"], "INT64"),
    "i32": (onnx.TensorProto.INT32, ["N"], "INT32"),
    "flag": (onnx.TensorProto.BOOL, ["N"], "BOOL"),
    "text": (onnx.TensorProto.STRING, ["N"], "BYTES"),
}


def datatypes_model(path: Path) -> Path:
    """Identity of an FP64, INT64, INT32, BOOL and BYTES input each, plus INT64 cast to FP32."""
    inputs = [oh.make_tensor_value_info(name, kind, shape) for name, (kind, shape, _) in DATATYPE_INPUTS.items()]
    outputs = [oh.make_tensor_value_info(f"{name}_out", kind, shape) for name, (kind, shape, _) in DATATYPE_INPUTS.items()]
    outputs.append(oh.make_tensor_value_info("i64_as_float", onnx.TensorProto.FLOAT, ["N"]))
    nodes = [oh.make_node("Identity", [name], [f"{name}_out"]) for name in DATATYPE_INPUTS]
    nodes.append(oh.make_node("Cast", ["i64"], ["i64_as_float"], to=onnx.TensorProto.FLOAT))
    return _save(path, oh.make_graph(nodes, "datatypes", inputs, outputs))


def unsupported_operator_model(path: Path) -> Path:
    """A valid ONNX graph whose operator (Det, a matrix determinant) no tabular converter writes."""
    graph = oh.make_graph(
        [oh.make_node("Det", ["x"], ["y"])], "unsupported",
        [oh.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [2, 2])], [oh.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [])])
    return _save(path, graph)


def _save(path: Path, graph) -> Path:
    model = oh.make_model(graph, opset_imports=[oh.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path.write_bytes(model.SerializeToString())
    return path


def datatype_samples() -> dict[str, np.ndarray]:
    """Two rows for `datatypes_model`, with values that a wrong width or sign would change."""
    return {
        "f64": np.array([[0.1, -2.5e300], [1 / 3, 7.0]], dtype=np.float64),
        "i64": np.array([2**53 + 1, -(2**40)], dtype=np.int64),
        "i32": np.array([-(2**31), 2**31 - 1], dtype=np.int32),
        "flag": np.array([True, False]),
        "text": np.array(["héllo", ""], dtype=object),
    }


# --------------------------------------------------------------------------------------------
# `ferry serve`
# --------------------------------------------------------------------------------------------


@dataclass
class ServeProcess(ServerProcess):
    """One `ferry serve MODEL...` started by this suite on a free 127.0.0.1 port, stopped by its PID.

    `start()` returns once the server is live and every model in `names` has finished loading (ready,
    or failed: metadata answers 503 with a reason that is not "loading")."""

    kind: str = "serve"
    backend_uri: str = ""
    artifacts_destination: str = ""
    workdir: Path = field(default_factory=lambda: Path(tempfile.gettempdir()))
    models: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)

    def command(self) -> list[str]:
        binary = ferry_binary()
        if not binary.exists():
            pytest.exit(f"ferry binary not found at {binary}; build it or set FERRY_BIN", returncode=3)
        return [str(binary), "serve", *self.models, "--host", "127.0.0.1", "--port", str(self.port), *self.options]

    def start(self, timeout: float = 180.0) -> "ServeProcess":
        self.port = self.port or free_port()
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.log_path = self.workdir / f"serve-{self.port}-{uuid.uuid4().hex[:6]}.log"
        self._log_file = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            self.command(), cwd=self.workdir, env={**os.environ, **self.extra_env}, stdin=subprocess.DEVNULL,
            stdout=self._log_file, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        pending = list(self.names)
        live = False
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._fail(f"ferry serve exited with status {self.process.returncode} during startup")
            try:
                live = live or requests.get(self.url + "/v2/health/live", timeout=2).status_code == 200
                pending = [name for name in pending if live and self._loading(name)]
                if live and not pending:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self.stop()
        self._fail(f"ferry serve was not live with {pending or 'its models'} loaded within {timeout:.0f}s")
        return self

    def _loading(self, name: str) -> bool:
        response = requests.get(f"{self.url}/v2/models/{name}", timeout=5)
        return response.status_code == 503 and "is loading" in response.text


def serve(workdir: Path, *models: str, names: list[str] | None = None, options: list[str] | None = None,
          env: dict[str, str] | None = None) -> ServeProcess:
    """Starts `ferry serve MODELS...`; `names` are the served names to wait for (default: NAME of NAME=...)."""
    waited = names if names is not None else [m.split("=", 1)[0] for m in models if "=" in m and not m.startswith("models:/")]
    return ServeProcess(workdir=workdir, models=list(models), names=waited, options=list(options or []), extra_env=dict(env or {})).start()
