/// Gives each distinct byte string a dense code (0, 1, 2, … in first-seen order) without making a `String` per
/// field: an open-addressing hash table over a byte arena. Only a new distinct value is checked for valid UTF-8
/// and becomes a `String` level.
struct ByteInterner {
    /// The distinct values in first-seen order; code `i` is `levels[i]`.
    private(set) var levels: [String] = []
    /// The bytes of every level, back to back.
    private var arena: [UInt8] = []
    /// Where each level's bytes end in `arena` (level `i` starts where `i - 1` ends).
    private var ends: [Int] = []
    /// Slots: 0 when empty, else `(hash << 32) | (code + 1)`.
    private var slots: [UInt64] = [UInt64](repeating: 0, count: 64)

    /// The number of distinct values.
    var count: Int { levels.count }

    /// The code of these bytes, adding them as a new level if unseen; nil when a new value is not valid UTF-8.
    @inline(__always)
    mutating func code(of start: UnsafePointer<UInt8>, count: Int) -> Int32? {
        let hash = Self.hash(start, count)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if UInt32(truncatingIfNeeded: entry >> 32) == hash {
                let code = Int(UInt32(truncatingIfNeeded: entry)) - 1
                if matches(code, start, count) { return Int32(code) }
            }
            slot = (slot + 1) & mask
        }
        return insert(start, count: count, hash: hash, slot: slot)
    }

    /// Adds a new level into the empty `slot`, growing the table past half full.
    private mutating func insert(_ start: UnsafePointer<UInt8>, count: Int, hash: UInt32, slot: Int) -> Int32? {
        let bytes = UnsafeBufferPointer(start: start, count: count)
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        let code = levels.count
        levels.append(text)
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        slots[slot] = UInt64(hash) << 32 | UInt64(code + 1)
        if levels.count * 2 > slots.count { grow() }
        return Int32(code)
    }

    /// Whether level `code` has exactly these bytes.
    @inline(__always)
    private func matches(_ code: Int, _ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let begin = code == 0 ? 0 : ends[code - 1]
        guard ends[code] - begin == count else { return false }
        if count == 0 { return true }
        return arena.withUnsafeBufferPointer { arenaBytes in
            memcmpBytes(arenaBytes.baseAddress! + begin, start, count)
        }
    }

    /// Doubles the table and re-places every level.
    private mutating func grow() {
        var bigger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for entry in slots where entry != 0 {
            var slot = Int(entry >> 32) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = entry
        }
        slots = bigger
    }

    /// A fast 32-bit hash of a short byte string (8 bytes per multiply, then a final avalanche).
    @inline(__always)
    static func hash(_ start: UnsafePointer<UInt8>, _ count: Int) -> UInt32 {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count)
        var index = 0
        let raw = UnsafeRawPointer(start)
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            state = (state ^ word) &* 0xBF58_476D_1CE4_E5B9
            state ^= state >> 31
            index += 8
        }
        if index < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                tail |= UInt64(start[index]) << shift
                shift += 8
                index += 1
            }
            state = (state ^ tail) &* 0xBF58_476D_1CE4_E5B9
        }
        state ^= state >> 29
        state = state &* 0x94D0_49BB_1331_11EB
        state ^= state >> 32
        return UInt32(truncatingIfNeeded: state)
    }
}

/// Byte equality of two non-overlapping ranges.
@inline(__always)
func memcmpBytes(_ left: UnsafePointer<UInt8>, _ right: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var index = 0
    let leftRaw = UnsafeRawPointer(left)
    let rightRaw = UnsafeRawPointer(right)
    while index + 8 <= count {
        if leftRaw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            != rightRaw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        {
            return false
        }
        index += 8
    }
    while index < count {
        if left[index] != right[index] { return false }
        index += 1
    }
    return true
}
