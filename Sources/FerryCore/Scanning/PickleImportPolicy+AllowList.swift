extension PickleImportPolicy {
    /// Globals that ordinary model files import and that are harmless to import: picklescan's
    /// `_safe_globals`, plus builtin value types, `copyreg` and codec helpers that protocols 0–2 use,
    /// NumPy, PyTorch, pandas and SciPy reconstruction functions, and the classes of the common
    /// model libraries (names starting with an uppercase letter under `sklearn`, `xgboost`,
    /// `lightgbm`, `pandas`, `torch.nn`, `numpy.dtypes`, `numpy.random`).
    ///
    /// The list only decides what is shown as unknown; it never makes a file clean when a dangerous
    /// global is present, since dangerous rules are checked first.
    public static let allowList: [String: NameRule] = [
        // picklescan's own list.
        "collections": .names(["OrderedDict", "defaultdict", "deque", "Counter"]),
        "torch": .names(torchStorageClasses.union(torchValueTypes)),
        "numpy": .names(["dtype", "ndarray"]),
        "numpy._core.multiarray": .names(["_reconstruct", "scalar"]),
        "numpy.core.multiarray": .names(["_reconstruct", "scalar"]),
        "torch._utils": .names([
            "_rebuild_tensor", "_rebuild_tensor_v2", "_rebuild_parameter", "_rebuild_parameter_with_state",
            "_rebuild_qtensor", "_rebuild_sparse_tensor", "_rebuild_device_tensor_from_numpy",
            "_rebuild_meta_tensor_no_storage", "_rebuild_wrapper_subclass",
        ]),
        // Python.
        "builtins": .names(builtinValueTypes),
        "__builtin__": .names(builtinValueTypes),
        "copyreg": .names(["_reconstructor", "__newobj__", "__newobj_ex__"]),
        "copy_reg": .names(["_reconstructor", "__newobj__", "__newobj_ex__"]),
        "_codecs": .names(["encode"]),
        "datetime": .names(["date", "datetime", "time", "timedelta", "timezone"]),
        "decimal": .names(["Decimal"]),
        // NumPy.
        "numpy._core.numeric": .names(["_frombuffer"]),
        "numpy.core.numeric": .names(["_frombuffer"]),
        "numpy.dtypes": .classNames,
        "numpy.random": .classNames,
        "numpy.random._pickle": .names(["__randomstate_ctor", "__bit_generator_ctor", "__generator_ctor"]),
        "numpy.random.bit_generator": .names(["__pyx_unpickle_SeedSequence"]),
        "numpy.ma.core": .names(["_mareconstruct"]),
        "joblib.numpy_pickle": .names(["NumpyArrayWrapper", "NDArrayWrapper"]),
        // PyTorch.
        "torch.nn": .classNames,
        "torch.storage": .names(["UntypedStorage", "TypedStorage"]),
        // Model libraries.
        "sklearn": .classNames,
        "xgboost": .classNames,
        "lightgbm": .classNames,
        // pandas and SciPy.
        "pandas": .classNames,
        "pandas._libs.internals": .names(["_unpickle_block"]),
        "pandas.core.internals.blocks": .names(["new_block"]),
        "pandas.core.indexes.base": .names(["_new_Index"]),
        "pandas._libs.tslibs.timestamps": .names(["_unpickle_timestamp"]),
        "pandas._libs.tslibs.timedeltas": .names(["_timedelta_unpickle"]),
        "pandas._libs.arrays": .names(["__pyx_unpickle_NDArrayBacked"]),
        "scipy.sparse._csr": .names(["csr_matrix", "csr_array"]),
        "scipy.sparse._csc": .names(["csc_matrix", "csc_array"]),
        "scipy.sparse._coo": .names(["coo_matrix", "coo_array"]),
        "scipy.sparse._bsr": .names(["bsr_matrix", "bsr_array"]),
        "scipy.sparse._dia": .names(["dia_matrix", "dia_array"]),
        "scipy.sparse._dok": .names(["dok_matrix", "dok_array"]),
        "scipy.sparse._lil": .names(["lil_matrix", "lil_array"]),
    ]

    private static let builtinValueTypes: Set<String> = [
        "bool", "bytearray", "bytes", "complex", "dict", "float", "frozenset", "int", "list", "object", "range", "set",
        "slice", "str", "tuple", "Ellipsis", "NotImplemented",
    ]

    private static let torchStorageClasses: Set<String> = [
        "LongStorage", "FloatStorage", "HalfStorage", "QUInt2x4Storage", "QUInt4x2Storage", "QInt32Storage", "QInt8Storage",
        "QUInt8Storage", "ComplexFloatStorage", "ComplexDoubleStorage", "DoubleStorage", "BFloat16Storage", "BoolStorage",
        "CharStorage", "ShortStorage", "IntStorage", "ByteStorage", "UntypedStorage",
    ]

    private static let torchValueTypes: Set<String> = [
        "Size", "device", "float16", "float32", "float64", "bfloat16", "int8", "int16", "int32", "int64", "uint8", "bool",
        "complex64", "complex128",
    ]
}
