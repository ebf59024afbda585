extension Node {
    func floats(_ name: String) -> [Float]? {
        if case .floats(let values)? = attributes[name] { return values }
        if case .float(let value)? = attributes[name] { return [value] }
        return nil
    }

    func ints(_ name: String) -> [Int64]? {
        if case .ints(let values)? = attributes[name] { return values }
        if case .int(let value)? = attributes[name] { return [value] }
        return nil
    }

    func int(_ name: String) -> Int64? {
        if case .int(let value)? = attributes[name] { return value }
        return nil
    }

    func string(_ name: String) -> String? {
        if case .string(let value)? = attributes[name] { return value }
        return nil
    }

    func strings(_ name: String) -> [String]? {
        if case .strings(let values)? = attributes[name] { return values }
        return nil
    }
}
