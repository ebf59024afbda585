@testable import FerryCore
import Testing

@Suite("Pickle import policy")
struct PickleImportPolicyTests {
    private let policy = PickleImportPolicy.standard

    private func classify(_ module: String, _ name: String) -> PickleImportPolicy.Classification {
        policy.classify(PickleGlobal(module: module, name: name))
    }

    @Test("picklescan's dangerous globals", arguments: [
        ("os", "system"), ("posix", "system"), ("nt", "system"), ("subprocess", "Popen"), ("sys", "modules"),
        ("socket", "create_connection"), ("runpy", "_run_code"), ("shutil", "rmtree"), ("pty", "spawn"),
        ("webbrowser", "open"), ("builtins", "eval"), ("builtins", "exec"), ("__builtin__", "getattr"),
        ("builtins", "breakpoint"), ("pickle", "loads"), ("_pickle", "loads"), ("pdb", "run"), ("bdb", "Bdb"),
        ("asyncio", "subprocess"), ("httplib", "HTTPSConnection"), ("requests.api", "get"), ("aiohttp", "request"),
        ("operator", "attrgetter"), ("_operator", "methodcaller"), ("functools", "partial"), ("torch.serialization", "load"),
        ("cloudpickle.cloudpickle", "_make_function"), ("types", "CodeType"), ("code", "InteractiveInterpreter.runcode"),
        ("numpy.testing._private.utils", "runstring"), ("uuid", "_get_command_stdout"),
    ])
    func dangerous(module: String, name: String) {
        #expect(classify(module, name) == .dangerous)
    }

    @Test("A wildcard entry covers submodules; a named entry does not")
    func parents() {
        #expect(classify("os.path", "join") == .dangerous)
        #expect(classify("aiohttp.client", "ClientSession") == .dangerous)
        #expect(classify("numpy.f2py.crackfortran", "getlincoef") == .dangerous)
        #expect(classify("builtins.sub", "eval") == .unknown)
        #expect(classify("builtins", "print") == .unknown)
        #expect(classify("operator", "add") == .unknown)
        #expect(classify("functools", "reduce") == .unknown)
    }

    @Test("Ferry's additions to picklescan's list", arguments: [
        ("builtins", "__import__"), ("__builtin__", "execfile"), ("http.client", "HTTPConnection"),
        ("torch.hub", "load"), ("marshal", "loads"), ("types", "FunctionType"),
    ])
    func additions(module: String, name: String) {
        #expect(classify(module, name) == .dangerous)
        #expect(PickleImportPolicy.standard.dangerous["types"] == .names(["CodeType", "FunctionType"]))
    }

    @Test("Unresolved globals are dangerous")
    func unresolved() {
        #expect(classify("unknown", "system") == .dangerous)
        #expect(classify("collections", "unknown") == .dangerous)
    }

    @Test("The allow list", arguments: [
        ("collections", "OrderedDict"), ("numpy", "dtype"), ("numpy.core.multiarray", "_reconstruct"),
        ("numpy._core.multiarray", "_reconstruct"), ("numpy._core.numeric", "_frombuffer"), ("torch._utils", "_rebuild_tensor_v2"),
        ("torch", "FloatStorage"), ("copyreg", "_reconstructor"), ("copy_reg", "_reconstructor"), ("builtins", "set"),
        ("sklearn.linear_model._logistic", "LogisticRegression"), ("xgboost.sklearn", "XGBClassifier"),
        ("pandas.core.frame", "DataFrame"), ("scipy.sparse._csr", "csr_matrix"), ("numpy.dtypes", "Float64DType"),
    ])
    func safe(module: String, name: String) {
        #expect(classify(module, name) == .safe)
    }

    @Test("Everything else is unknown")
    func unknown() {
        #expect(classify("sklearn.utils", "some_function") == .unknown)
        #expect(classify("mypackage.models", "Net") == .unknown)
        #expect(classify("numpy", "load") == .unknown)
    }

    @Test("Dangerous rules win over the allow list")
    func precedence() {
        let custom = PickleImportPolicy(dangerous: ["sklearn.evil": .anyName], safe: ["sklearn": .classNames])
        #expect(custom.classify(PickleGlobal(module: "sklearn.evil", name: "Payload")) == .dangerous)
        #expect(custom.classify(PickleGlobal(module: "sklearn.good", name: "Model")) == .safe)
    }
}
