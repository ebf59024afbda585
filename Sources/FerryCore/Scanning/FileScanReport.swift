/// What scanning one artifact file found.
public struct FileScanReport: Sendable, Equatable {
    /// The file's path as given to the scanner (for a model version, relative to its artifact root).
    public let path: String
    /// Imports the policy calls dangerous, sorted and without repeats. Any makes the file unsafe.
    public let dangerous: [PickleGlobal]
    /// Imports the policy neither allows nor calls dangerous, sorted and without repeats; listed for
    /// review, they do not make the file unsafe.
    public let unknown: [PickleGlobal]
    /// Why parts of the file could not be read (a truncated stream, an unknown opcode, an unsupported
    /// zip member), each prefixed with the zip member it concerns, if any. Imports found before an
    /// error still count.
    public let errors: [String]

    /// A report with the given findings; the lists are sorted and de-duplicated.
    public init(path: String, dangerous: [PickleGlobal] = [], unknown: [PickleGlobal] = [], errors: [String] = []) {
        self.path = path
        self.dangerous = Array(Set(dangerous)).sorted()
        self.unknown = Array(Set(unknown)).sorted()
        self.errors = errors
    }

    /// A report that sorts `globals` with `policy`; globals the policy calls safe are left out.
    init(path: String, globals: Set<PickleGlobal>, errors: [String], policy: PickleImportPolicy) {
        var dangerous: [PickleGlobal] = []
        var unknown: [PickleGlobal] = []
        for global in globals {
            switch policy.classify(global) {
            case .dangerous: dangerous.append(global)
            case .unknown: unknown.append(global)
            case .safe: break
            }
        }
        self.init(path: path, dangerous: dangerous, unknown: unknown, errors: errors)
    }

    /// Whether the file imports anything dangerous.
    public var isUnsafe: Bool { !dangerous.isEmpty }
}
