/// Numpy-style (multidirectional) broadcasting for element-wise operators.
enum Broadcasting {
    /// The broadcast shape of `a` and `b`, or nil when they are incompatible.
    static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        let a = [Int](repeating: 1, count: rank - a.count) + a
        let b = [Int](repeating: 1, count: rank - b.count) + b
        var result: [Int] = []
        for (x, y) in zip(a, b) {
            guard x == y || x == 1 || y == 1 else { return nil }
            result.append(x == 1 ? y : x)
        }
        return result
    }

    /// When an operand of `shape` broadcast to `output` is one block repeated (its leading dimensions are 1 and
    /// its trailing ones equal the output's), that block's length; nil otherwise. A scalar gives 1.
    static func trailingPeriod(_ shape: [Int], in output: [Int]) -> Int? {
        let padded = [Int](repeating: 1, count: max(output.count - shape.count, 0)) + shape
        guard padded.count == output.count else { return nil }
        guard let firstKept = padded.firstIndex(where: { $0 != 1 }) else { return 1 }
        guard padded[firstKept...] == output[firstKept...] else { return nil }
        let period = output[firstKept...].reduce(1, *)
        return period > 0 ? period : nil
    }

    /// For each element of `output`, the flat index of the element of an operand of `shape` it reads.
    static func sourceIndices(_ shape: [Int], into output: [Int]) -> [Int] {
        let count = output.reduce(1, *)
        let padded = [Int](repeating: 1, count: output.count - shape.count) + shape
        if padded == output { return Array(0..<count) }
        var strides = [Int](repeating: 0, count: output.count)
        var step = 1
        for axis in (0..<output.count).reversed() {
            strides[axis] = padded[axis] == 1 ? 0 : step
            step *= padded[axis]
        }
        var indices = [Int](repeating: 0, count: count)
        var position = [Int](repeating: 0, count: output.count)
        var offset = 0
        for flat in 0..<count {
            indices[flat] = offset
            var axis = output.count - 1
            while axis >= 0 {
                position[axis] += 1
                offset += strides[axis]
                if position[axis] < output[axis] { break }
                offset -= strides[axis] * position[axis]
                position[axis] = 0
                axis -= 1
            }
        }
        return indices
    }
}
