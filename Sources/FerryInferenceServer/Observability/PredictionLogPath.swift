import FerryCore
import FerryBlobs

/// Where the prediction log puts its objects: `<prefix>/<model>/<yyyy-mm-dd>/<yyyymmddTHHMMSSZ>-<unique>.jsonl`.
///
/// The writer (`ferry serve --log-predictions`) and the reader (`ferry monitor`) both go through this one type.
public enum PredictionLogPath {
    /// The longest segment made from a name, in bytes; longer names are cut and end in a hash of the whole
    /// name, so that every file system (255-byte names) and S3 (1,024-byte keys) accepts the path.
    static let maxSegmentBytes = 160

    /// `name` as one safe path segment: letters, digits, `-` and `_` stay; every other byte of its UTF-8 is
    /// written `%XX` (so `team/churn` is `team%2Fchurn`, `..` is `%2E%2E`, and a segment can never leave
    /// its folder), except a `.` that is not the whole of the name's dots. The empty name is `_`.
    public static func segment(_ name: String) -> String {
        guard !name.isEmpty else { return "_" }
        let onlyDots = name.utf8.allSatisfy { $0 == UInt8(ascii: ".") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            if isPlain(byte) || (byte == UInt8(ascii: ".") && !onlyDots) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0xF)])
            }
        }
        if bytes.count > maxSegmentBytes {
            bytes = Array(bytes.prefix(maxSegmentBytes - 17)) + Array("~\(hash(name))".utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The folder under which the log writes: each `/`-separated part of `text` made a safe ``segment(_:)``;
    /// empty parts are dropped, so `""` and `"/"` are the store's root.
    public static func prefix(_ text: String) -> BlobPath {
        let segments = text.split(separator: "/", omittingEmptySubsequences: true).map { segment(String($0)) }
        // Every segment is non-empty, has no `/`, `\` or control byte, and is not `.` or `..`.
        return (try? BlobPath(segments: segments)) ?? .root
    }

    /// The object for records of `model` whose first record is at `time`.
    public static func object(prefix: BlobPath, model: String, time: CivilTime, unique: String) throws -> BlobPath {
        prefix.appending(try BlobPath(segments: [segment(model), time.date, "\(time.compact)-\(segment(unique)).jsonl"]))
    }

    /// The folder holding `model`'s objects: one subfolder per UTC day (`yyyy-mm-dd`).
    public static func modelFolder(prefix: BlobPath, model: String) -> BlobPath {
        // A segment is never empty, `.` or `..`, and has no `/`.
        prefix.appending((try? BlobPath(segments: [segment(model)])) ?? .root)
    }

    /// The UTC time an object's name starts with (`20261201T101500Z-….jsonl`), as `yyyymmddTHHMMSSZ`,
    /// or nil for a name the log did not write.
    public static func compactTime(ofObjectNamed name: String) -> String? {
        guard name.hasSuffix(".jsonl"), name.utf8.count > 17 else { return nil }
        let stamp = String(name.prefix(16))
        let bytes = Array(stamp.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"),
            bytes[0..<8].allSatisfy(isDigit), bytes[9..<15].allSatisfy(isDigit)
        else { return nil }
        return stamp
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// FNV-1a of the name's UTF-8, as 16 hex digits: stable across processes, unlike `Hasher`.
    private static func hash(_ name: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0100_0000_01b3
        }
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
