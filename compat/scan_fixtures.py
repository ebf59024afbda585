"""A corpus of pickle-based model files, safe and malicious, with picklescan's verdict on each.

Ferry scans the pickle files among a model version's artifacts (FerryCore/Scanning) and must reach
the same verdict as picklescan, the scanner the Python ecosystem uses. `build_fixtures(directory)`
writes the corpus and returns one `Fixture` per file, whose expectations were computed by running
picklescan's own API (`picklescan.scanner.scan_file_path`) on the file just written.

Malicious files are only ever written, never loaded: their payloads are emitted as opcodes by a
pickler that names the dangerous callable without importing or calling it.

Needs numpy, scikit-learn, joblib, cloudpickle and picklescan (see requirements.txt); not pytest.
"""

from __future__ import annotations

import _compat_pickle
import io
import pickle
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Fixture:
    """One file of the corpus and what picklescan says about it."""

    #: Where the file was written.
    path: Path
    #: Whether picklescan reports at least one dangerous import.
    expected_unsafe: bool
    #: The dangerous imports picklescan reports, as "module.name".
    dangerous_globals: set[str] = field(default_factory=set)


# --- emitting globals without importing them ---------------------------------------------------


class GlobalRef:
    """Stands for the global `module.name` in a pickle; pickling it writes the import, nothing more."""

    def __init__(self, module: str, name: str):
        self.module = module
        self.name = name

    def __call__(self, *args, **kwargs):
        # pickle requires a reduce function to be callable; this one only names a global.
        raise RuntimeError(f"{self.module}.{self.name} is a name, never called")


class Call:
    """Pickles as a call of `function` (a GlobalRef) with `args`, as `__reduce__` would produce."""

    def __init__(self, function: GlobalRef, args: tuple):
        self.function = function
        self.args = args

    def __reduce__(self):
        return (self.function, self.args)


class StoragePlaceholder:
    """A tensor storage, pickled as a persistent id the way `torch.save` writes it."""

    def __init__(self, key: str, numel: int):
        self.key = key
        self.numel = numel


class _Pickler(pickle._Pickler):
    """The pure-Python pickler, taught to write `GlobalRef`s as GLOBAL or STACK_GLOBAL opcodes exactly
    as `save_global` would for a real object, and `StoragePlaceholder`s as torch persistent ids."""

    dispatch = dict(pickle._Pickler.dispatch)

    def _save_global_ref(self, ref: GlobalRef):
        module, name = ref.module, ref.name
        if self.proto >= 4:
            self.save(module)
            self.save(name)
            self.write(pickle.STACK_GLOBAL)
        else:
            if self.proto < 3 and self.fix_imports:
                if (module, name) in _compat_pickle.REVERSE_NAME_MAPPING:
                    module, name = _compat_pickle.REVERSE_NAME_MAPPING[(module, name)]
                elif module in _compat_pickle.REVERSE_IMPORT_MAPPING:
                    module = _compat_pickle.REVERSE_IMPORT_MAPPING[module]
            self.write(pickle.GLOBAL + module.encode("utf-8") + b"\n" + name.encode("utf-8") + b"\n")
        self.memoize(ref)

    dispatch[GlobalRef] = _save_global_ref

    def persistent_id(self, obj):
        if isinstance(obj, StoragePlaceholder):
            return ("storage", GlobalRef("torch", "FloatStorage"), obj.key, "cpu", obj.numel)
        return None


def dumps(obj, protocol: int) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=protocol).dump(obj)
    return buffer.getvalue()


# --- payloads ------------------------------------------------------------------------------------

#: (module, name, arguments): callables whose import picklescan flags. Never called here.
MALICIOUS_CALLS = [
    ("os", "system", ("echo pwned",)),
    ("subprocess", "Popen", (["echo", "pwned"],)),
    ("builtins", "eval", ("1 + 1",)),
    ("builtins", "exec", ("pass",)),
    ("socket", "create_connection", (("127.0.0.1", 9),)),
    ("runpy", "_run_code", ("pass", {})),
    ("posix", "system", ("echo pwned",)),
]


def _torch_state_dict() -> OrderedDict:
    """A `state_dict` as `torch.save` pickles it: tensors rebuilt by `torch._utils._rebuild_tensor_v2`."""
    rebuild = GlobalRef("torch._utils", "_rebuild_tensor_v2")
    weight = Call(rebuild, (StoragePlaceholder("0", 4), 0, (2, 2), (2, 1), False, OrderedDict()))
    bias = Call(rebuild, (StoragePlaceholder("1", 2), 0, (2,), (1,), False, OrderedDict()))
    return OrderedDict([("linear.weight", weight), ("linear.bias", bias)])


def _torch_zip(path: Path, data_pkl: bytes, compression: int) -> None:
    """A file in the layout `torch.save` writes: `archive/data.pkl`, `archive/version`, storages."""
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        archive.writestr("archive/data.pkl", data_pkl)
        archive.writestr("archive/byteorder", "little")
        archive.writestr("archive/data/0", bytes(range(16)))
        archive.writestr("archive/data/1", bytes(8))
        archive.writestr("archive/version", "3\n")


def _legacy_torch(objects: list) -> bytes:
    """The pre-1.6 `torch.save` format: magic number, protocol, system info, object, storage keys."""
    magic = 0x1950A86A20F9469CFC6C
    system_info = {"protocol_version": 1001, "little_endian": True, "type_sizes": {"short": 2, "int": 4, "long": 4}}
    parts = [dumps(magic, 2), dumps(1001, 2), dumps(system_info, 2)]
    parts += [dumps(obj, 2) for obj in objects]
    parts.append(dumps(["0", "1"], 2))
    return b"".join(parts) + bytes(range(24))


# --- the corpus ----------------------------------------------------------------------------------


def _write_safe(directory: Path) -> list[Path]:
    import cloudpickle
    import joblib
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    safe = directory / "safe"
    safe.mkdir(parents=True, exist_ok=True)
    rng = np.random.RandomState(0)
    features = rng.rand(60, 4)
    model = LogisticRegression().fit(features, (features[:, 0] > 0.5).astype(int))
    written = []

    def write(name: str, data: bytes) -> None:
        (safe / name).write_bytes(data)
        written.append(safe / name)

    write("logreg.pkl", pickle.dumps(model))
    write("logreg_cloudpickle.pkl", cloudpickle.dumps(model))
    joblib.dump(model, safe / "logreg.joblib")
    written.append(safe / "logreg.joblib")

    arrays = {"weights": rng.rand(8, 3), "labels": np.arange(5, dtype=np.int64), "flags": np.array([True, False])}
    for protocol in (0, 2, 4, 5):
        write(f"arrays_p{protocol}.pkl", pickle.dumps(arrays, protocol=protocol))

    state = dumps(_torch_state_dict(), 2)
    _torch_zip(safe / "model_stored.pt", state, zipfile.ZIP_STORED)
    _torch_zip(safe / "model_deflated.pt", state, zipfile.ZIP_DEFLATED)
    written += [safe / "model_stored.pt", safe / "model_deflated.pt"]
    write("legacy.pt", _legacy_torch([_torch_state_dict()]))

    np.save(safe / "floats.npy", rng.rand(4, 4))
    np.save(safe / "objects.npy", np.array([{"a": 1}, [1, 2], "text"], dtype=object), allow_pickle=True)
    np.savez_compressed(safe / "mixed.npz", floats=rng.rand(3), objects=np.array([(1, 2), None], dtype=object))
    written += [safe / "floats.npy", safe / "objects.npy", safe / "mixed.npz"]

    write("truncated.pkl", pickle.dumps(arrays, protocol=4)[:-40])
    write("not_a_pickle.pkl", b"this is plain text, not a pickle\n")
    return written


def _write_malicious(directory: Path) -> list[Path]:
    import numpy as np

    bad = directory / "malicious"
    bad.mkdir(parents=True, exist_ok=True)
    written = []

    def write(name: str, data: bytes) -> None:
        (bad / name).write_bytes(data)
        written.append(bad / name)

    for module, name, args in MALICIOUS_CALLS:
        payload = Call(GlobalRef(module, name), args)
        for protocol in (0, 2, 4):
            write(f"{module}_{name}_p{protocol}.pkl", dumps({"model": payload}, protocol))

    for module, name, args in (("os", "system", ("echo pwned",)), ("builtins", "exec", ("pass",))):
        state = _torch_state_dict()
        state["hook"] = Call(GlobalRef(module, name), args)
        data = dumps(state, 2)
        _torch_zip(bad / f"torch_{module}_{name}_stored.pt", data, zipfile.ZIP_STORED)
        _torch_zip(bad / f"torch_{module}_{name}_deflated.pt", data, zipfile.ZIP_DEFLATED)
        written += [bad / f"torch_{module}_{name}_stored.pt", bad / f"torch_{module}_{name}_deflated.pt"]

    safe_first = pickle.dumps({"weights": np.arange(6.0)}, protocol=4)
    write("concatenated.pkl", safe_first + dumps(Call(GlobalRef("os", "system"), ("echo pwned",)), 4))
    # Two imports from one module at protocol 4: the second "os" is fetched from the memo (BINGET).
    write("memo_p4.pkl", dumps([Call(GlobalRef("os", "getcwd"), ()), Call(GlobalRef("os", "system"), ("echo",))], 4))
    write("legacy.pt", _legacy_torch([{"model": Call(GlobalRef("posix", "system"), ("echo pwned",))}]))
    write("truncated.pkl", dumps({"model": Call(GlobalRef("subprocess", "Popen"), (["echo"],)), "pad": "x" * 64}, 4)[:-30])

    payload = dumps({"model": Call(GlobalRef("os", "system"), ("echo pwned",))}, 4)
    with zipfile.ZipFile(bad / "bundle.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", "nothing to see")
        archive.writestr("nested/payload.pkl", payload)
    written.append(bad / "bundle.zip")
    return written


def picklescan_verdict(path: Path) -> tuple[bool, set[str]]:
    """Runs picklescan on `path`: whether it is unsafe, and the dangerous globals it names."""
    from picklescan.scanner import SafetyLevel, scan_file_path

    result = scan_file_path(str(path))
    dangerous = {f"{g.module}.{g.name}" for g in result.globals if g.safety == SafetyLevel.Dangerous}
    return result.issues_count > 0, dangerous


def build_fixtures(directory) -> list[Fixture]:
    """Writes the corpus under `directory` (subfolders `safe/` and `malicious/`) and returns each
    file with picklescan's verdict on it."""
    directory = Path(directory)
    fixtures = []
    for path in _write_safe(directory) + _write_malicious(directory):
        unsafe, dangerous = picklescan_verdict(path)
        fixtures.append(Fixture(path=path, expected_unsafe=unsafe, dangerous_globals=dangerous))
    return fixtures


if __name__ == "__main__":
    import sys
    import tempfile

    target = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="scan-fixtures-")
    for fixture in build_fixtures(target):
        print(f"{'UNSAFE' if fixture.expected_unsafe else 'clean ':6} {fixture.path} {sorted(fixture.dangerous_globals)}")
