import Foundation

/// The JSON form of a ``DriftReport``: the one the HTML page embeds, and the one tools read back.
///
/// Keys are sorted so equal reports give equal bytes. Non-finite numbers, which JSON has no literal for, are written
/// as the strings `"Infinity"`, `"-Infinity"` and `"NaN"`; ``decoder()`` reads them back.
public enum DriftReportJSON {
    /// An encoder for reports: sorted keys, non-finite numbers as strings.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }

    /// A decoder that reads what ``encoder()`` writes.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }

    /// The report as JSON text that is safe inside `<script type="application/json">`: the encoder already writes
    /// `/` as `\/` (so `</script>` comes out as `<\/script>`), and every `<` is written `\u003c`, so no value can end
    /// the block, open a comment or start a tag; the text still decodes to the same report.
    static func embeddable(_ report: DriftReport) -> String {
        // With non-finite numbers converted, encoding plain Codable values does not fail.
        guard let data = try? encoder().encode(report) else { return "null" }
        let json = String(decoding: data, as: UTF8.self)
        guard json.utf8.contains(UInt8(ascii: "<")) else { return json }
        return json.replacingOccurrences(of: "<", with: "\\u003c")
    }
}
