/// The memo of one pickle, as far as a static scan can know it: which keys are set, and which of
/// them hold a string.
///
/// `MEMOIZE` stores at the key equal to the number of keys set so far, so the set of keys is
/// tracked exactly (a dense run from zero plus any keys `PUT` set out of order); only string values
/// are kept, since only strings can name a global.
struct PickleMemo {
    private var strings: [Int: PickleText] = [:]
    private var denseKeyCount = 0
    private var sparseKeys: Set<Int> = []

    /// The key the next `MEMOIZE` stores at: how many keys are set.
    var nextMemoizeKey: Int { denseKeyCount + sparseKeys.count }

    /// Stores `value` (a string, or `nil` for anything else) at `key`.
    mutating func store(_ value: PickleText?, at key: Int) {
        strings[key] = value
        if key == denseKeyCount {
            denseKeyCount += 1
            while sparseKeys.remove(denseKeyCount) != nil { denseKeyCount += 1 }
        } else if key < 0 || key > denseKeyCount {
            sparseKeys.insert(key)
        }
    }

    /// The string at `key`, or `nil` when the key is not set or holds something else.
    func string(at key: Int) -> PickleText? { strings[key] }
}
