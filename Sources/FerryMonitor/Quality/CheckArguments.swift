import Yams

/// One check's parameters from YAML, read by key with errors that name the check and the key.
struct CheckArguments {
    private let entries: [String: KeyedNode]
    private let context: CheckContext

    /// Takes the check's entries, mapping aliases to their GX keys and rejecting any key not in `validKeys`.
    init(pairs: [KeyedNode], validKeys: [String], aliases: [String: String], context: CheckContext) throws(QualitySuiteError) {
        var entries: [String: KeyedNode] = [:]
        for pair in pairs {
            let key = aliases[pair.key] ?? pair.key
            guard validKeys.contains(key) else {
                throw context.error(
                    line: pair.line, key: pair.key, "unknown key '\(pair.key)'; valid keys: \(validKeys.joined(separator: ", "))")
            }
            if let earlier = entries[key] {
                throw context.error(line: pair.line, key: pair.key, "'\(pair.key)' repeats '\(earlier.key)'; give one of them")
            }
            entries[key] = pair
        }
        self.entries = entries
        self.context = context
    }

    /// The line of `key`'s entry, when present.
    func line(of key: String?) -> Int? {
        key.flatMap { entries[$0]?.line }
    }

    /// An error about `key` in this check.
    func error(key: String, _ message: String) -> QualitySuiteError {
        context.error(line: line(of: key), key: key, message)
    }

    /// A required scalar, as its text (`column: 2024` names the column "2024").
    func requiredText(_ key: String) throws(QualitySuiteError) -> String {
        guard let entry = entries[key] else { throw context.error(line: nil, key: key, "missing required key '\(key)'") }
        guard case .scalar(let scalar) = entry.node, entry.node.tagName != .null else {
            throw error(key: key, "'\(key)' must be text")
        }
        return scalar.string
    }

    /// A required list of scalars.
    func requiredTextList(_ key: String) throws(QualitySuiteError) -> [String] {
        try requiredList(key) { node in
            if case .scalar(let scalar) = node, node.tagName != .null { scalar.string } else { nil }
        }
    }

    /// A required list of scalar values, typed as YAML types them (`1` a number, `"1"` text, `true` a boolean).
    func requiredScalars(_ key: String) throws(QualitySuiteError) -> [QualityValue] {
        let values = try requiredList(key) { node in Self.scalarValue(node) }
        if values.contains(where: { if case .double(let number) = $0 { number.isNaN } else { false } }) {
            throw error(key: key, "'\(key)' cannot hold NaN; missing values are never checked against the set")
        }
        return values
    }

    /// An optional number; absent and `null` are nil.
    func optionalNumber(_ key: String) throws(QualitySuiteError) -> Double? {
        guard let entry = entries[key], entry.node.tagName != .null else { return nil }
        guard let value = Self.scalarValue(entry.node), let number = Self.number(value) else {
            throw error(key: key, "'\(key)' must be a number or null, got \(Self.shown(entry.node))")
        }
        return number
    }

    /// An optional whole number.
    func optionalInteger(_ key: String) throws(QualitySuiteError) -> Int? {
        guard let number = try optionalNumber(key) else { return nil }
        guard number == number.rounded(), number.magnitude < 9e15 else {
            throw error(key: key, "'\(key)' must be a whole number, got \(PythonNumberText.float(number))")
        }
        return Int(number)
    }

    /// An optional `true`/`false`.
    func optionalFlag(_ key: String) throws(QualitySuiteError) -> Bool? {
        guard let entry = entries[key], entry.node.tagName != .null else { return nil }
        guard entry.node.tagName == .bool, let flag = entry.node.bool else {
            throw error(key: key, "'\(key)' must be true or false, got \(Self.shown(entry.node))")
        }
        return flag
    }

    /// `mostly`, 1 when absent.
    func mostly() throws(QualitySuiteError) -> Double {
        try optionalNumber("mostly") ?? 1
    }

    /// `min_value` / `max_value` / `strict_min` / `strict_max`; whole numbers only for a row count.
    func bounds(wholeNumbers: Bool) throws(QualitySuiteError) -> QualityBounds {
        let minValue = wholeNumbers ? try optionalInteger("min_value").map(Double.init) : try optionalNumber("min_value")
        let maxValue = wholeNumbers ? try optionalInteger("max_value").map(Double.init) : try optionalNumber("max_value")
        return QualityBounds(
            minValue: minValue, maxValue: maxValue, strictMin: try optionalFlag("strict_min") ?? false,
            strictMax: try optionalFlag("strict_max") ?? false)
    }

    private func requiredList<Element>(_ key: String, _ element: (Node) -> Element?) throws(QualitySuiteError) -> [Element] {
        guard let entry = entries[key] else { throw context.error(line: nil, key: key, "missing required key '\(key)'") }
        guard case .sequence(let sequence) = entry.node else { throw error(key: key, "'\(key)' must be a list, e.g. [a, b]") }
        var elements: [Element] = []
        for (position, node) in sequence.enumerated() {
            guard let value = element(node) else {
                throw error(key: key, "'\(key)'[\(position)] must be a scalar (text, number or boolean), got \(Self.shown(node))")
            }
            elements.append(value)
        }
        return elements
    }

    /// A YAML scalar as a value, typed by its resolved tag.
    static func scalarValue(_ node: Node) -> QualityValue? {
        guard case .scalar(let scalar) = node else { return nil }
        switch node.tagName {
        case .null: return .null
        case .bool: return node.bool.map(QualityValue.bool) ?? .string(scalar.string)
        case .int: return node.int.map(QualityValue.int) ?? node.float.map(QualityValue.double) ?? .string(scalar.string)
        case .float: return node.float.map(QualityValue.double) ?? .string(scalar.string)
        default: return .string(scalar.string)
        }
    }

    private static func number(_ value: QualityValue) -> Double? {
        switch value {
        case .int(let whole): Double(whole)
        case .double(let number): number
        case .null, .bool, .string, .array: nil
        }
    }

    private static func shown(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

extension Node {
    /// The node's resolved tag (`tag:yaml.org,2002:int` for a plain `3`, `…:str` for a quoted `"3"`).
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
