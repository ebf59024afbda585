"""Rollouts of `ferry serve --deployment`: the canary split (random and sticky), promote and roll back with
the `ferry deployments` CLI while requests keep flowing, and a shadow that never changes an answer.

Three scikit-learn linear regressions converted with skl2onnx differ only in their intercept (1, 100 and
10000), so every answer says which model produced it. Everything is bounded: fixed request counts, and
the background sender stops within seconds.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import requests

import serving_support as s
from support import ferry_binary

FEATURES = 3
WEIGHTS = np.array([0.5, -1.0, 2.0])
INTERCEPTS = {"a": 1.0, "b": 100.0, "c": 10000.0}
ROW = [1.0, 2.0, 3.0]
BASE = float(np.dot(WEIGHTS, ROW))  # a model's answer is BASE + its intercept
TOKEN = "rollout-secret"


def _linear_model(path: Path, intercept: float) -> Path:
    from skl2onnx import to_onnx
    from sklearn.linear_model import LinearRegression

    x = np.random.default_rng(3).normal(size=(50, FEATURES)).astype(np.float32)
    model = LinearRegression().fit(x, x @ WEIGHTS + intercept)
    path.write_bytes(to_onnx(model, x[:1], target_opset=15).SerializeToString())
    return path


@pytest.fixture(scope="module")
def rollout(work_dir, start_server):
    """A server with deployment churn: primary a.onnx (version 1), canary b.onnx (version 2) at 30%,
    sticky by x-user-id; admin API guarded by a token. Returns (url, models folder)."""
    folder = work_dir / "rollouts"
    (folder / "models").mkdir(parents=True)
    for name, intercept in INTERCEPTS.items():
        _linear_model(folder / "models" / f"{name}.onnx", intercept)
    deploy = folder / "deploy.yaml"
    deploy.write_text(
        "deployments:\n"
        "  - name: churn\n"
        "    primary: {model: models/a.onnx, version: 1}\n"  # relative to the file's folder
        "    canary: {model: models/b.onnx, version: 2, percent: 30}\n"
        "    sticky_header: x-user-id\n")
    server = start_server(names=["churn"], options=["--deployment", str(deploy), "--admin-token", TOKEN])
    return server.url, folder / "models"


def infer(url: str, headers: dict | None = None, version: str | None = None, session=requests) -> tuple[int, str | None, float | None]:
    """(status, model_version, value) of one OIP inference of ROW."""
    body = {"inputs": [s.oip_tensor(_input_name(url), np.array([ROW], dtype=np.float32))]}
    response = session.post(s.infer_url(url, "churn", version), json=body, headers=headers or {}, timeout=30)
    if response.status_code != 200:
        return response.status_code, None, None
    answer = response.json()
    return 200, answer.get("model_version"), float(answer["outputs"][0]["data"][0])


_INPUT_NAMES: dict[str, str] = {}


def _input_name(url: str) -> str:
    if url not in _INPUT_NAMES:
        _INPUT_NAMES[url] = requests.get(f"{url}/v2/models/churn", timeout=10).json()["inputs"][0]["name"]
    return _INPUT_NAMES[url]


def value_of(model: str) -> float:
    return BASE + INTERCEPTS[model]


def cli(url: str, *arguments: str, token: str | None = TOKEN, check: bool = True) -> subprocess.CompletedProcess:
    """Runs `ferry deployments ARGUMENTS --server URL`, with the admin token in the environment."""
    env = {k: v for k, v in os.environ.items() if k != "FERRY_SERVE_ADMIN_TOKEN"}
    if token:
        env["FERRY_SERVE_ADMIN_TOKEN"] = token
    done = subprocess.run([str(ferry_binary()), "deployments", *arguments, "--server", url], env=env,
                          capture_output=True, text=True, timeout=120)
    if check:
        assert done.returncode == 0, f"ferry deployments {' '.join(arguments)}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def deployment(url: str) -> dict:
    return json.loads(cli(url, "show", "churn", "--json").stdout)


def test_the_deployment_file_is_served_with_its_roles(rollout):
    url, models = rollout
    churn = deployment(url)
    assert churn["primary"] == "1"
    assert churn["canary"] == {"version": "2", "percent": 30}
    assert churn["sticky_header"] == "x-user-id"
    assert churn["ready"] is True
    sources = {v["version"]: v["source"] for v in churn["versions"]}
    assert Path(sources["1"]).resolve() == (models / "a.onnx").resolve()
    listing = cli(url, "list").stdout
    assert "churn" in listing and "2 (30%)" in listing
    # Each version can be called directly.
    assert infer(url, version="1")[1:] == ("1", pytest.approx(value_of("a"), rel=1e-5))
    assert infer(url, version="2")[1:] == ("2", pytest.approx(value_of("b"), rel=1e-5))


def test_the_canary_takes_about_its_percent(rollout):
    url, _ = rollout
    answers = []
    with requests.Session() as session:
        for _ in range(400):
            status, version, value = infer(url, session=session)
            assert status == 200
            assert value == pytest.approx(value_of("b" if version == "2" else "a"), rel=1e-5)
            answers.append(version)
    canary = answers.count("2")
    # 30% of 400 is 120, standard deviation about 9.
    assert 80 <= canary <= 160, f"the canary answered {canary} of 400"


def test_a_sticky_header_keeps_each_caller_on_one_version(rollout):
    url, _ = rollout
    sides = set()
    with requests.Session() as session:
        for user in range(40):
            versions = {infer(url, {"x-user-id": f"user-{user}"}, session=session)[1] for _ in range(5)}
            assert len(versions) == 1, f"user-{user} was answered by versions {versions}"
            sides |= versions
    assert sides == {"1", "2"}, "with 30% some of 40 users should land on each side"


class Sender(threading.Thread):
    """Sends inferences one after another until stopped; records every status."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url = url
        self.statuses: list[int] = []
        self.values: list[float] = []
        self.halt = threading.Event()

    def run(self):
        deadline = time.monotonic() + 120
        with requests.Session() as session:
            while not self.halt.is_set() and time.monotonic() < deadline:
                try:
                    status, _, value = infer(self.url, session=session)
                except requests.RequestException as error:
                    status, value = -1, None
                    print(f"request failed: {error}")
                self.statuses.append(status)
                if value is not None:
                    self.values.append(value)

    def stop(self):
        self.halt.set()
        self.join(timeout=30)


def test_promote_and_rollback_with_the_cli_drop_no_request(rollout):
    url, models = rollout
    sender = Sender(url)
    sender.start()
    try:
        time.sleep(0.3)
        cli(url, "traffic", "churn", "60")
        promoted = cli(url, "promote", "churn").stdout
        assert re.search(r"^Previous +1$", promoted, re.MULTILINE), promoted
        assert deployment(url)["primary"] == "2"
        time.sleep(0.3)
        rolled_back = deployment_after(url, "rollback", "churn")
        assert rolled_back["primary"] == "1" and rolled_back["previous"] is None
        # A fresh canary from a file, waited for, then promoted and rolled back again.
        added = json.loads(cli(url, "canary", "churn", str(models / "b.onnx"), "--version", "2", "--percent", "30", "--wait", "--json").stdout)
        assert added["canary"] == {"version": "2", "percent": 30}
        cli(url, "promote", "churn")
        time.sleep(0.3)
        cli(url, "rollback", "churn")
        cli(url, "canary", "churn", str(models / "b.onnx"), "--version", "2", "--percent", "30", "--wait")
    finally:
        sender.stop()
    assert len(sender.statuses) >= 20, f"only {len(sender.statuses)} requests were sent"
    assert set(sender.statuses) == {200}, f"statuses seen: {sorted(set(sender.statuses))}"
    unexpected = [v for v in sender.values if not any(abs(v - value_of(m)) < 1e-3 for m in ("a", "b"))]
    assert not unexpected, f"answers from neither model: {unexpected[:5]}"


def deployment_after(url: str, *arguments: str) -> dict:
    return json.loads(cli(url, *arguments, "--json").stdout)


def test_the_admin_api_needs_the_token(rollout):
    url, _ = rollout
    refused = cli(url, "list", token=None, check=False)
    assert refused.returncode == 1
    assert "Authorization: Bearer" in refused.stderr and "--token" in refused.stderr
    assert requests.get(f"{url}/admin/deployments", headers={"Authorization": "Bearer wrong"}, timeout=10).status_code == 401
    assert cli(url, "list", "--token", TOKEN, token=None).returncode == 0
    # Inference needs no token.
    assert infer(url)[0] == 200


def test_cli_errors_are_one_clear_line(rollout):
    url, _ = rollout
    missing = cli(url, "promote", "nope", check=False)
    assert missing.returncode == 1
    assert missing.stderr.startswith("Error: No deployment named 'nope'")
    unknown = cli(url, "traffic", "nope", "10", check=False)
    assert unknown.returncode == 1 and "No deployment named 'nope'" in unknown.stderr
    bad = cli(url, "traffic", "churn", "150", check=False)
    assert bad.returncode != 0 and "0 to 100" in bad.stderr
    unreachable = cli("http://127.0.0.1:9", "list", check=False)
    assert unreachable.returncode == 1 and "Could not reach the inference server at http://127.0.0.1:9" in unreachable.stderr


def test_a_shadow_never_changes_an_answer(rollout):
    url, models = rollout
    cli(url, "traffic", "churn", "0")
    added = json.loads(cli(url, "shadow", "churn", str(models / "c.onnx"), "--version", "9", "--percent", "100", "--wait", "--json").stdout)
    assert added["shadow"] == {"version": "9", "percent": 100}
    try:
        with requests.Session() as session:
            for _ in range(30):
                status, version, value = infer(url, session=session)
                assert (status, version) == (200, "1")
                assert value == pytest.approx(value_of("a"), rel=1e-5)
        # The shadow is a version of its own, callable directly.
        assert infer(url, version="9")[2] == pytest.approx(value_of("c"), rel=1e-5)
    finally:
        removed = json.loads(cli(url, "shadow", "churn", "--remove", "--json").stdout)
    assert removed["shadow"] is None
    assert "9" not in {v["version"] for v in removed["versions"]}


def test_a_shadow_has_metrics_of_its_own(rollout):
    url, models = rollout
    if requests.get(f"{url}/metrics", timeout=10).status_code == 404:
        pytest.skip("this build of ferry serve does not export /metrics")
    cli(url, "shadow", "churn", str(models / "c.onnx"), "--version", "8", "--wait")
    try:
        for _ in range(10):
            assert infer(url)[0] == 200
        deadline = time.monotonic() + 10  # the copies run in the background
        while True:
            text = requests.get(f"{url}/metrics", timeout=10).text
            lines = [line for line in text.splitlines() if 'role="shadow"' in line and 'version="8"' in line and "_total" in line]
            if lines or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert lines, "the shadow's copies should be counted under role=\"shadow\""
    finally:
        cli(url, "shadow", "churn", "--remove")
