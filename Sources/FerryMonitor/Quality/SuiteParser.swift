import Yams

/// Turns suite YAML into a validated ``QualitySuite``, with errors that name the line, the check and the key.
struct SuiteParser {
    let source: String

    private static let topLevelKeys = ["name", "checks"]

    func parse(_ text: String) throws(QualitySuiteError) -> QualitySuite {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw QualitySuiteError(source: source, line: Self.line(of: error), message: "not valid YAML: \(Self.problem(of: error))")
        } catch {
            throw QualitySuiteError(source: source, message: "not valid YAML: \(error)")
        }
        guard let root, case .mapping(let mapping) = root else {
            throw QualitySuiteError(source: source, line: root?.mark?.line, message: "a suite is a mapping with keys 'name' and 'checks'")
        }
        let entries = try keyedEntries(mapping, context: nil)
        for entry in entries where !Self.topLevelKeys.contains(entry.key) {
            throw QualitySuiteError(
                source: source, line: entry.line, key: entry.key,
                message: "unknown key '\(entry.key)'; valid keys: \(Self.topLevelKeys.joined(separator: ", "))")
        }
        guard let nameEntry = entries.first(where: { $0.key == "name" }) else {
            throw QualitySuiteError(source: source, line: root.mark?.line, key: "name", message: "missing required key 'name'")
        }
        guard case .scalar = nameEntry.node, let name = nameEntry.node.string, !name.isEmpty else {
            throw QualitySuiteError(source: source, line: nameEntry.line, key: "name", message: "'name' must be non-empty text")
        }
        guard let checksEntry = entries.first(where: { $0.key == "checks" }) else {
            throw QualitySuiteError(source: source, line: root.mark?.line, key: "checks", message: "missing required key 'checks'")
        }
        guard case .sequence(let sequence) = checksEntry.node else {
            throw QualitySuiteError(
                source: source, line: checksEntry.line, key: "checks", message: "'checks' must be a list of one-key mappings")
        }
        var checks: [QualityCheck] = []
        for (index, node) in sequence.enumerated() {
            checks.append(try parseCheck(node, index: index))
        }
        return QualitySuite(validatedName: name, checks: checks)
    }

    private func parseCheck(_ node: Node, index: Int) throws(QualitySuiteError) -> QualityCheck {
        let context = CheckContext(source: source, index: index, type: nil, line: node.mark?.line)
        guard case .mapping(let mapping) = node, mapping.count == 1, let (typeNode, argumentsNode) = mapping.first,
            let type = typeNode.string
        else {
            throw context.error(
                line: node.mark?.line,
                "a check is a one-key mapping from its type to its parameters, e.g. "
                    + "'- expect_column_values_to_not_be_null: {column: age}'")
        }
        guard let kind = CheckKind(rawValue: type) else {
            throw context.error(
                line: typeNode.mark?.line, key: type,
                "unknown check type '\(type)'; valid types: \(CheckKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let typed = CheckContext(source: source, index: index, type: type, line: typeNode.mark?.line)
        let pairs: [KeyedNode]
        switch argumentsNode {
        case .mapping(let arguments):
            pairs = try keyedEntries(arguments, context: typed)
        case .scalar where argumentsNode.tagName == .null:
            pairs = []
        default:
            throw typed.error(line: argumentsNode.mark?.line, "parameters must be a mapping, e.g. {column: age}")
        }
        let arguments = try CheckArguments(pairs: pairs, validKeys: kind.validKeys, aliases: kind.keyAliases, context: typed)
        let check = try kind.build(from: arguments)
        do {
            try check.validate()
        } catch {
            throw typed.error(line: arguments.line(of: error.key) ?? argumentsNode.mark?.line, key: error.key, error.message)
        }
        return check
    }

    /// The mapping's entries with text keys, rejecting non-text and repeated keys.
    private func keyedEntries(_ mapping: Node.Mapping, context: CheckContext?) throws(QualitySuiteError) -> [KeyedNode] {
        var entries: [KeyedNode] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar = keyNode, let key = keyNode.string else {
                throw error(context, line: keyNode.mark?.line, key: nil, "keys must be text")
            }
            if entries.contains(where: { $0.key == key }) {
                throw error(context, line: keyNode.mark?.line, key: key, "key '\(key)' appears twice")
            }
            entries.append(KeyedNode(key: key, node: valueNode, line: keyNode.mark?.line))
        }
        return entries
    }

    private func error(_ context: CheckContext?, line: Int?, key: String?, _ message: String) -> QualitySuiteError {
        if let context { return context.error(line: line, key: key, message) }
        return QualitySuiteError(source: source, line: line, key: key, message: message)
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            if let context { "\(context.text) \(problem)" } else { problem }
        default: "\(error)"
        }
    }
}

/// A mapping entry with a text key, and the key's line.
struct KeyedNode {
    let key: String
    let node: Node
    let line: Int?
}

/// Which check an error is about, and the check's line for errors not on a line of their own.
struct CheckContext {
    let source: String
    let index: Int
    let type: String?
    let line: Int?

    func error(line: Int?, key: String? = nil, _ message: String) -> QualitySuiteError {
        QualitySuiteError(source: source, line: line ?? self.line, checkIndex: index, checkType: type, key: key, message: message)
    }
}
