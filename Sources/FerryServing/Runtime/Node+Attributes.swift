extension Node {
    func floats(_ name: String) -> [Float]? {
        if case .floats(let values)? = attributes[name] { return values }
        if case .float(let value)? = attributes[name] { return [value] }
        return nil
    }

    func float(_ name: String) -> Float? {
        if case .float(let value)? = attributes[name] { return value }
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
        if case .string(let value)? = attributes[name] { return [value] }
        return nil
    }

    func tensor(_ name: String) -> Tensor? {
        if case .tensor(let value)? = attributes[name] { return value }
        return nil
    }

    /// A float array attribute, or its `<name>_as_tensor` variant (ml opset 3) read as floats.
    func floatsOrTensor(_ name: String) -> [Float]? {
        if let values = floats(name) { return values }
        guard let tensor = tensor(name + "_as_tensor") else { return nil }
        switch tensor.values {
        case .float(let values): return values
        case .double(let values): return values.map(Float.init)
        default: return nil
        }
    }
}
