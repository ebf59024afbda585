import FerryTables

/// One column made ready for testing: the cleaned sample and the counts the report shows.
struct PreparedColumn: Sendable {
    var sample: DriftSample
    var referenceMissing: Int
    var currentMissing: Int
    /// Distinct non-missing values over reference ∪ current (Evidently's `n_values` for test selection).
    var distinctValues: Int
    /// Category labels by code, for categorical samples (empty for numerical ones).
    var labels: [String]

    var referenceCount: Int {
        switch sample {
        case .numerical(let reference, _): reference.count
        case .categorical(let categorical): categorical.reference.count
        }
    }

    var currentCount: Int {
        switch sample {
        case .numerical(_, let current): current.count
        case .categorical(let categorical): categorical.current.count
        }
    }
}

/// Builds ``DriftSample`` values from table columns, cleaning them as Evidently does: ±infinity counts as missing,
/// and missing values are dropped from each side separately.
enum DriftSampleBuilder {
    /// A column ready to test, or one with nothing left on a side once missing values are dropped.
    enum Preparation {
        case ready(PreparedColumn)
        case empty(reason: String)
    }

    /// Prepares `reference` against `current` as `type`, or says why the two columns cannot be compared
    /// (one holds numbers and the other text).
    static func prepare(
        reference: Column, current: Column, as type: DriftColumnType, sources: (reference: String, current: String)
    ) throws(DriftError) -> Preparation {
        switch (reference.values, current.values) {
        case (.numeric(let referenceValues), .numeric(let currentValues)):
            var referenceFinite = finite(referenceValues)
            var currentFinite = finite(currentValues)
            let missing = (referenceValues.count - referenceFinite.count, currentValues.count - currentFinite.count)
            if let reason = emptySide(referenceFinite.count, currentFinite.count, sources) { return .empty(reason: reason) }
            RadixSort.sort(&referenceFinite)
            RadixSort.sort(&currentFinite)
            switch type {
            case .numerical:
                return .ready(PreparedColumn(
                    sample: .numerical(reference: referenceFinite, current: currentFinite),
                    referenceMissing: missing.0, currentMissing: missing.1,
                    distinctValues: SortedKeys.distinctCount(referenceFinite, currentFinite), labels: []))
            case .categorical:
                let keys = SortedKeys.union(referenceFinite, currentFinite)
                let sample = CategoricalSample(
                    reference: SortedKeys.codes(of: referenceValues, keys: keys),
                    current: SortedKeys.codes(of: currentValues, keys: keys), levelCount: keys.count)
                return .ready(PreparedColumn(
                    sample: .categorical(sample), referenceMissing: missing.0, currentMissing: missing.1,
                    distinctValues: keys.count, labels: keys.map(formatKey)))
            }
        case (.categorical(let referenceCodes, let referenceLevels), .categorical(let currentCodes, let currentLevels)):
            guard type == .categorical else {
                throw DriftError("column '\(reference.name)' holds text, so it cannot be tested as numerical")
            }
            let union = Array(Set(referenceLevels).union(currentLevels)).sorted(by: codePointOrder)
            let index = Dictionary(uniqueKeysWithValues: union.enumerated().map { ($0.element, Int32($0.offset)) })
            let sample = CategoricalSample(
                reference: remap(referenceCodes, levels: referenceLevels, index: index),
                current: remap(currentCodes, levels: currentLevels, index: index), levelCount: union.count)
            if let reason = emptySide(sample.reference.count, sample.current.count, sources) { return .empty(reason: reason) }
            return .ready(PreparedColumn(
                sample: .categorical(sample), referenceMissing: referenceCodes.count - sample.reference.count,
                currentMissing: currentCodes.count - sample.current.count, distinctValues: union.count, labels: union))
        case (.numeric, .categorical):
            throw DriftError(
                "column '\(reference.name)' holds numbers in \(sources.reference) but text in \(sources.current): "
                    + "give both files the same kind of values, or a schema (--schema) that declares the column's type")
        case (.categorical, .numeric):
            throw DriftError(
                "column '\(reference.name)' holds text in \(sources.reference) but numbers in \(sources.current): "
                    + "give both files the same kind of values, or a schema (--schema) that declares the column's type")
        }
    }

    /// Why a side has nothing to test, if it hasn't.
    private static func emptySide(
        _ referenceCount: Int, _ currentCount: Int, _ sources: (reference: String, current: String)
    ) -> String? {
        if referenceCount == 0 { return "no values in \(sources.reference) once missing values are dropped" }
        if currentCount == 0 { return "no values in \(sources.current) once missing values are dropped" }
        return nil
    }

    private static func finite(_ values: [Double]) -> [Double] {
        var kept = [Double]()
        kept.reserveCapacity(values.count)
        for value in values where value.isFinite { kept.append(value) }
        return kept
    }

    private static func remap(_ codes: [Int32], levels: [String], index: [String: Int32]) -> [Int32] {
        let mapping = levels.map { index[$0]! }
        var mapped = [Int32]()
        mapped.reserveCapacity(codes.count)
        for code in codes where code >= 0 { mapped.append(mapping[Int(code)]) }
        return mapped
    }

    /// Python's string order: by Unicode code points (UTF-8 byte order is the same order).
    static func codePointOrder(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    /// A numeric category key as a label: integers without a fraction ("3", not "3.0").
    static func formatKey(_ key: Double) -> String {
        if key == key.rounded(), abs(key) < 1e15 { return String(Int64(key)) }
        return String(key)
    }
}

/// Distinct keys of sorted arrays, and codes into them.
enum SortedKeys {
    /// The distinct values of two sorted arrays, ascending.
    static func union(_ left: [Double], _ right: [Double]) -> [Double] {
        var keys = [Double]()
        forEachDistinct(left, right) { keys.append($0) }
        return keys
    }

    /// How many distinct values two sorted arrays hold together, counted without storing them.
    static func distinctCount(_ left: [Double], _ right: [Double]) -> Int {
        var count = 0
        forEachDistinct(left, right) { _ in count += 1 }
        return count
    }

    /// Calls `body` once per distinct value of two sorted arrays, in ascending order.
    @inline(__always)
    private static func forEachDistinct(_ left: [Double], _ right: [Double], _ body: (Double) -> Void) {
        var last: Double?
        var leftIndex = 0
        var rightIndex = 0
        while leftIndex < left.count || rightIndex < right.count {
            let next: Double
            if rightIndex >= right.count || (leftIndex < left.count && left[leftIndex] <= right[rightIndex]) {
                next = left[leftIndex]
                leftIndex += 1
            } else {
                next = right[rightIndex]
                rightIndex += 1
            }
            if last != next {
                body(next)
                last = next
            }
        }
    }

    /// Each finite value's index in `keys`, in row order; missing and infinite values are dropped.
    static func codes(of values: [Double], keys: [Double]) -> [Int32] {
        var codes = [Int32]()
        codes.reserveCapacity(values.count)
        for value in values where value.isFinite {
            var low = 0
            var high = keys.count
            while low < high {
                let middle = (low + high) / 2
                if keys[middle] < value { low = middle + 1 } else { high = middle }
            }
            codes.append(Int32(low))
        }
        return codes
    }
}
