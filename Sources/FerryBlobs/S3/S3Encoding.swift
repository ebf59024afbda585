import Crypto
import NIOCore

/// The text encodings that S3 requests need: URI encoding, hex digests, XML escaping.
enum S3Encoding {
    /// The SHA-256 of an empty payload, in lowercase hex.
    static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Percent-encodes `text` as S3 requires: every byte except `A-Z a-z 0-9 - . _ ~` becomes `%XX`
    /// (uppercase hex). With `keepSlash`, `/` is kept, for object keys in a request path.
    static func uriEncode(_ text: String, keepSlash: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result.append("%")
                result.append(hexDigit(byte >> 4, uppercase: true))
                result.append(hexDigit(byte & 0x0F, uppercase: true))
            }
        }
        return result
    }

    /// The canonical query string of SigV4: names and values URI-encoded, sorted by name then value,
    /// joined as `name=value` with `&`. A parameter without a value is written `name=`.
    static func canonicalQuery(_ items: [(name: String, value: String)]) -> String {
        let encoded: [(String, String)] = items.map { (uriEncode($0.name), uriEncode($0.value)) }
        let sorted = encoded.sorted { lhs, rhs in lhs.0 == rhs.0 ? lhs.1 < rhs.1 : lhs.0 < rhs.0 }
        return sorted.map { pair in pair.0 + "=" + pair.1 }.joined(separator: "&")
    }

    /// Lowercase hex of `bytes`.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var result = ""
        for byte in bytes {
            result.append(hexDigit(byte >> 4, uppercase: false))
            result.append(hexDigit(byte & 0x0F, uppercase: false))
        }
        return result
    }

    /// Lowercase hex SHA-256 of the readable bytes of `buffer`.
    static func sha256Hex(_ buffer: ByteBuffer) -> String {
        var hasher = SHA256()
        buffer.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        return hex(hasher.finalize())
    }

    /// Base64 MD5 of the readable bytes of `buffer`, for the `Content-MD5` header.
    static func md5Base64(_ buffer: ByteBuffer) -> String {
        var hasher = Insecure.MD5()
        buffer.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        let digest = hasher.finalize()
        return base64(Array(digest))
    }

    /// Escapes text for an XML element's content.
    static func xmlEscape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result.append("&amp;")
            case "<": result.append("&lt;")
            case ">": result.append("&gt;")
            case "\"": result.append("&quot;")
            case "'": result.append("&apos;")
            default: result.append(character)
            }
        }
        return result
    }

    /// Standard base64 with padding.
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var result = ""
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let b0 = chunk[chunk.startIndex]
            let b1 = chunk.count > 1 ? chunk[chunk.startIndex + 1] : 0
            let b2 = chunk.count > 2 ? chunk[chunk.startIndex + 2] : 0
            result.append(alphabet[Int(b0 >> 2)])
            result.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            result.append(chunk.count > 1 ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : "=")
            result.append(chunk.count > 2 ? alphabet[Int(b2 & 0x3F)] : "=")
            index += 3
        }
        return result
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func hexDigit(_ nibble: UInt8, uppercase: Bool) -> Character {
        let digits: [Character] = uppercase ? upperHexDigits : lowerHexDigits
        return digits[Int(nibble)]
    }

    private static let upperHexDigits = Array("0123456789ABCDEF")
    private static let lowerHexDigits = Array("0123456789abcdef")
}
