extension PickleImportPolicy {
    /// Ferry's default: picklescan's dangerous globals plus ``ferryDangerousAdditions``, and the
    /// ``allowList`` of familiar harmless globals.
    public static let standard = PickleImportPolicy(
        dangerous: picklescanDangerousGlobals.merging(ferryDangerousAdditions) { picklescan, ferry in
            guard case .names(let first) = picklescan, case .names(let second) = ferry else { return .anyName }
            return .names(first.union(second))
        },
        safe: allowList
    )

    /// The dangerous globals of picklescan 1.0.5 (`_unsafe_globals` in `picklescan/scanner.py`), entry
    /// for entry: `"*"` is ``NameRule/anyName``. Where picklescan writes a single name as a plain string
    /// (`functools`, `torch._inductor.codecache`, `torch.serialization`) Python tests it as a
    /// substring; here it is matched exactly.
    public static let picklescanDangerousGlobals: [String: NameRule] = [
        "__builtin__": .names(["eval", "compile", "getattr", "apply", "exec", "open", "breakpoint"]),
        "builtins": .names(["eval", "compile", "getattr", "apply", "exec", "open", "breakpoint"]),
        "cloudpickle.cloudpickle": .names([
            "_builtin_type", "_make_function", "_function_setstate", "_make_cell", "_make_empty_cell", "subimport",
        ]),
        "types": .names(["CodeType"]),
        "aiohttp": .anyName,
        "asyncio": .anyName,
        "bdb": .anyName,
        "commands": .anyName,
        "ctypes": .anyName,
        "functools": .names(["partial"]),
        "httplib": .anyName,
        "logging": .names(["FileHandler"]),
        "_io": .names(["FileIO"]),
        "numpy.f2py": .anyName,
        "numpy.testing._private.utils": .anyName,
        "nt": .anyName,
        "posix": .anyName,
        "_operator": .names(["attrgetter", "itemgetter", "methodcaller"]),
        "operator": .names(["attrgetter", "itemgetter", "methodcaller"]),
        "os": .anyName,
        "requests.api": .anyName,
        "runpy": .anyName,
        "shutil": .anyName,
        "socket": .anyName,
        "ssl": .anyName,
        "subprocess": .anyName,
        "sys": .anyName,
        "code": .names(["InteractiveInterpreter.runcode"]),
        "cProfile": .anyName,
        "distutils.file_util": .anyName,
        "doctest": .names(["debug_script"]),
        "ensurepip": .names(["_run_pip"]),
        "idlelib.autocomplete": .names(["AutoComplete.get_entity", "AutoComplete.fetch_completions"]),
        "idlelib.calltip": .names(["Calltip.fetch_tip", "get_entity"]),
        "idlelib.debugobj": .names(["ObjectTreeItem.SetText"]),
        "idlelib.pyshell": .names(["ModifiedInterpreter.runcode", "ModifiedInterpreter.runcommand"]),
        "idlelib.run": .names(["Executive.runcode"]),
        "imaplib": .names(["IMAP4_stream"]),
        "lib2to3.pgen2.grammar": .names(["Grammar.loads"]),
        "lib2to3.pgen2.pgen": .names(["ParserGenerator.make_label"]),
        "pdb": .anyName,
        "pickle": .anyName,
        "_pickle": .anyName,
        "pip": .anyName,
        "pkgutil": .names(["resolve_name"]),
        "pty": .anyName,
        "profile": .anyName,
        "pydoc": .anyName,
        "test": .anyName,
        "timeit": .anyName,
        "torch._dynamo.guards": .names(["GuardBuilder.get"]),
        "torch._inductor.codecache": .names(["compile_file"]),
        "torch.fx.experimental.symbolic_shapes": .names(["ShapeEnv.evaluate_guards_expression"]),
        "torch.jit.unsupported_tensor_ops": .names(["execWrapper"]),
        "torch.serialization": .names(["load"]),
        "torch.utils._config_module": .names(["ConfigModule.load_config"]),
        "torch.utils.bottleneck.__main__": .names(["run_cprofile", "run_autograd_prof"]),
        "torch.utils.collect_env": .names(["run"]),
        "torch.utils.data.datapipes.utils.decoder": .names(["basichandlers"]),
        "trace": .names(["Trace.run", "Trace.runctx"]),
        "urllib.request": .anyName,
        "uuid": .anyName,
        "venv": .anyName,
        "webbrowser": .anyName,
        "_osx_support": .anyName,
        "_aix_support": .anyName,
        "_pyrepl": .anyName,
    ]

    /// Globals Ferry treats as dangerous beyond picklescan's list, each a direct way to run code or
    /// reach the network that picklescan does not name:
    /// - `__import__` and Python 2's `execfile` in the builtins;
    /// - `http.client`, the Python 3 name of `httplib`;
    /// - `torch.hub` loaders, which download and run `hubconf.py` or load remote pickles;
    /// - `marshal.loads`/`load` and `types.FunctionType`, which together build a function from bytecode.
    public static let ferryDangerousAdditions: [String: NameRule] = [
        "__builtin__": .names(["__import__", "execfile"]),
        "builtins": .names(["__import__", "execfile"]),
        "http.client": .anyName,
        "torch.hub": .names(["load", "load_state_dict_from_url", "download_url_to_file"]),
        "marshal": .names(["loads", "load"]),
        "types": .names(["FunctionType"]),
    ]
}
