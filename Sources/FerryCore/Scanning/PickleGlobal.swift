/// A global that a pickle stream imports: a module and a name in it (dotted for nested attributes).
///
/// Unpickling a global imports `module` and looks `name` up in it; the object found is then usually
/// called. Which globals a stream imports is therefore what decides whether loading it is safe.
public struct PickleGlobal: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The module, e.g. `os` or `sklearn.linear_model._logistic`.
    public let module: String
    /// The name in the module, e.g. `system` or `LogisticRegression`.
    public let name: String

    /// A global named by its module and name.
    public init(module: String, name: String) {
        self.module = module
        self.name = name
    }

    /// What stands for a module or name that could not be determined without running the stream
    /// (a `STACK_GLOBAL` whose operands are computed); spelled `unknown`, as picklescan spells it.
    public static let unresolvedPart = "unknown"

    /// Whether the module or the name could not be determined.
    public var isUnresolved: Bool { module == Self.unresolvedPart || name == Self.unresolvedPart }

    /// `module.name`, e.g. `os.system`.
    public var description: String { "\(module).\(name)" }

    /// Orders by module, then by name.
    public static func < (lhs: PickleGlobal, rhs: PickleGlobal) -> Bool {
        (lhs.module, lhs.name) < (rhs.module, rhs.name)
    }
}
