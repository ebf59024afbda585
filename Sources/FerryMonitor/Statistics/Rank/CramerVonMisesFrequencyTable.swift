/// One (ζ value, frequency) table of Evidently's exact Cramér-von Mises algorithm, with the
/// column order NumPy gives it.
///
/// Column order matters twice: `np.intersect1d` pairs the *first* occurrence of a value (values
/// can repeat once float16 rounding makes two of them equal), and the final float sum of the
/// selected frequencies depends on the order they are added in. So the table keeps Evidently's
/// column order, plus the positions sorted by (value, position), which makes a merge a linear
/// pass instead of NumPy's sorts.
struct CramerVonMisesFrequencyTable {
    /// ζ values, in Evidently's column order.
    private(set) var values: [Double]
    /// Frequencies, in the same order.
    private(set) var frequencies: [Double]
    /// Column positions sorted by value, equal values by position.
    private var order: [Int]

    /// A table with one column.
    init(value: Double, frequency: Double) {
        values = [value]
        frequencies = [frequency]
        order = [0]
    }

    /// A table with no columns.
    static let empty = CramerVonMisesFrequencyTable(values: [], frequencies: [], order: [])

    private init(values: [Double], frequencies: [Double], order: [Int]) {
        self.values = values
        self.frequencies = frequencies
        self.order = order
    }

    var isEmpty: Bool { values.isEmpty }

    /// The first position of each distinct value, by ascending value.
    private func firstOccurrences() -> [Int] {
        var firsts: [Int] = []
        firsts.reserveCapacity(order.count)
        var previous: Double?
        for position in order where values[position] != previous {
            firsts.append(position)
            previous = values[position]
        }
        return firsts
    }

    /// Evidently's merge of `tmp` (`first`) with `g` (`second`): `np.intersect1d(…,
    /// return_indices=True)` pairs the first occurrences of the values both hold, ascending,
    /// and their frequencies are added; then come the unpaired columns of `first`, then those of
    /// `second`, each in its own order.
    static func merged(_ first: Self, _ second: Self, storage: CramerVonMisesExactPValue.Storage) -> Self {
        if first.isEmpty { return second }
        if second.isEmpty { return first }
        let firstUnique = first.firstOccurrences()
        let secondUnique = second.firstOccurrences()
        var pairs: [(first: Int, second: Int)] = []
        var i = 0
        var j = 0
        while i < firstUnique.count && j < secondUnique.count {
            let left = first.values[firstUnique[i]]
            let right = second.values[secondUnique[j]]
            if left < right {
                i += 1
            } else if right < left {
                j += 1
            } else {
                pairs.append((firstUnique[i], secondUnique[j]))
                i += 1
                j += 1
            }
        }

        let total = first.values.count + second.values.count - pairs.count
        var values: [Double] = []
        var frequencies: [Double] = []
        values.reserveCapacity(total)
        frequencies.reserveCapacity(total)
        // New position of each unpaired old column; paired ones are −1 (they live among the pairs).
        let unassigned = -2
        var firstMoved = [Int](repeating: unassigned, count: first.values.count)
        var secondMoved = [Int](repeating: unassigned, count: second.values.count)
        for pair in pairs {
            firstMoved[pair.first] = -1
            secondMoved[pair.second] = -1
            values.append(first.values[pair.first])
            frequencies.append(storage.add(first.frequencies[pair.first], second.frequencies[pair.second]))
        }
        for position in first.values.indices where firstMoved[position] == unassigned {
            firstMoved[position] = values.count
            values.append(first.values[position])
            frequencies.append(first.frequencies[position])
        }
        for position in second.values.indices where secondMoved[position] == unassigned {
            secondMoved[position] = values.count
            values.append(second.values[position])
            frequencies.append(second.frequencies[position])
        }
        let restFirst = first.order.compactMap { firstMoved[$0] >= 0 ? firstMoved[$0] : nil }
        let restSecond = second.order.compactMap { secondMoved[$0] >= 0 ? secondMoved[$0] : nil }
        let pairedOrder = Array(0..<pairs.count)
        let order = Self.mergeByValue(Self.mergeByValue(pairedOrder, restFirst, values), restSecond, values)
        return Self(values: values, frequencies: frequencies, order: order)
    }

    /// Merges two position lists sorted by (value, position) whose positions are all smaller in
    /// `earlier` than in `later`.
    private static func mergeByValue(_ earlier: [Int], _ later: [Int], _ values: [Double]) -> [Int] {
        var merged: [Int] = []
        merged.reserveCapacity(earlier.count + later.count)
        var i = 0
        var j = 0
        while i < earlier.count && j < later.count {
            if values[later[j]] < values[earlier[i]] {
                merged.append(later[j])
                j += 1
            } else {
                merged.append(earlier[i])
                i += 1
            }
        }
        merged += earlier[i...]
        merged += later[j...]
        return merged
    }

    /// Adds `increment` to every value, stored, as `tmp[0] += (a*v - b*u)**2` does.
    ///
    /// Rounding is monotone, so the order by value survives; only values that rounding made
    /// equal may need their positions put back in ascending order.
    mutating func addToValues(_ increment: Double, storage: CramerVonMisesExactPValue.Storage) {
        for position in values.indices {
            values[position] = storage.add(values[position], increment)
        }
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            if end - start > 1 { order[start..<end].sort() }
            start = end
        }
    }
}
