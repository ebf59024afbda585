/// Decides, for each global a pickle imports, whether importing it is dangerous, known to be safe,
/// or neither.
///
/// A policy holds two tables from module to ``NameRule``: `dangerous` and `safe`. A global is
/// classified in this order, as picklescan does:
/// 1. a global whose module or name could not be determined (``PickleGlobal/isUnresolved``) is dangerous;
/// 2. when `dangerous` has a rule for the global's module, that rule decides; when it has none, the
///    global is dangerous if a parent package has a rule that covers submodules (``NameRule/anyName``),
///    so `os.path.join` is dangerous because of `os`;
/// 3. the same two steps against `safe`;
/// 4. otherwise the global is unknown.
///
/// Only dangerous globals make a file unsafe; the `safe` table only keeps familiar globals out of the
/// list of unknown ones that people review.
public struct PickleImportPolicy: Sendable {
    /// The class a policy gives a global.
    public enum Classification: String, Sendable, Equatable {
        /// Importing it can run code, touch files or the network: the file is unsafe.
        case dangerous
        /// A well-known harmless import (a container type, array reconstruction, a model class).
        case safe
        /// Neither; listed for review but does not make the file unsafe.
        case unknown
    }

    /// Which names of a module a table entry covers.
    public enum NameRule: Sendable, Equatable {
        /// Every name, in the module and in all its submodules (picklescan's `"*"`).
        case anyName
        /// Exactly these names (dotted for nested attributes), in the module only.
        case names(Set<String>)
        /// Names that start with an uppercase letter, by convention classes, in the module and all its
        /// submodules. Meant for the `safe` table (a library's model classes).
        case classNames

        /// Whether the rule covers `name` in the module it is registered for.
        func covers(_ name: String) -> Bool {
            switch self {
            case .anyName: true
            case .names(let names): names.contains(name)
            case .classNames: name.first?.isUppercase ?? false
            }
        }

        /// Whether the rule also applies to submodules of its module.
        var coversSubmodules: Bool {
            switch self {
            case .anyName, .classNames: true
            case .names: false
            }
        }
    }

    /// Module to rule: imports that make a file unsafe.
    public var dangerous: [String: NameRule]
    /// Module to rule: imports known to be harmless.
    public var safe: [String: NameRule]

    /// A policy with the given tables.
    public init(dangerous: [String: NameRule], safe: [String: NameRule]) {
        self.dangerous = dangerous
        self.safe = safe
    }

    /// The class of `global` under this policy.
    public func classify(_ global: PickleGlobal) -> Classification {
        if global.isUnresolved { return .dangerous }
        if Self.matches(global, in: dangerous) { return .dangerous }
        if Self.matches(global, in: safe) { return .safe }
        return .unknown
    }

    /// The module's own rule when it has one; otherwise any parent package's rule that covers submodules.
    private static func matches(_ global: PickleGlobal, in table: [String: NameRule]) -> Bool {
        if let rule = table[global.module] { return rule.covers(global.name) }
        var parent = Substring(global.module)
        while let dot = parent.lastIndex(of: ".") {
            parent = parent[..<dot]
            if let rule = table[String(parent)], rule.coversSubmodules, rule.covers(global.name) { return true }
        }
        return false
    }
}
