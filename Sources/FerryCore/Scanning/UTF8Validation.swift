/// Checks text payloads the way `pickletools` decodes them.
enum UTF8Validation {
    /// Whether `bytes` decode under Python's `str(data, "utf-8", "surrogatepass")`: well-formed,
    /// shortest-form UTF-8 up to U+10FFFF, where encoded surrogates (U+D800–U+DFFF) are also accepted.
    static func isValidAllowingSurrogates(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let continuationCount: Int
            var scalar: UInt32
            let smallest: UInt32
            switch lead {
            case 0xC0...0xDF: (continuationCount, scalar, smallest) = (1, UInt32(lead & 0x1F), 0x80)
            case 0xE0...0xEF: (continuationCount, scalar, smallest) = (2, UInt32(lead & 0x0F), 0x800)
            case 0xF0...0xF7: (continuationCount, scalar, smallest) = (3, UInt32(lead & 0x07), 0x1_0000)
            default: return false
            }
            guard index + continuationCount < count else { return false }
            for offset in 1...continuationCount {
                let byte = bytes[index + offset]
                guard byte & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
            }
            guard scalar >= smallest, scalar <= 0x10FFFF else { return false }
            index += continuationCount + 1
        }
        return true
    }
}
