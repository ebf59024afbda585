/// Where one field lies in the read buffer, and how to get its text.
struct FieldSpan {
    /// How the field was written.
    enum Quoting: UInt8 {
        /// Unquoted: the bytes are the text.
        case none
        /// `"…"` with no escapes: the text is the bytes between the quotes.
        case quoted
        /// Quoted with `""` escapes or text after the closing quote: the text needs unescaping.
        case escaped
    }

    var start: Int
    var end: Int
    var quoting: Quoting
}

/// The outcome of scanning for one record.
enum RecordScan {
    /// A whole record: fields found (possibly more than were stored), where the next record starts, and how many
    /// line breaks lay inside quoted fields.
    case complete(fieldCount: Int, next: Int, quotedLineBreaks: Int)
    /// The buffer ends inside the record; read more and scan it again.
    case incomplete
    /// The input ends inside a quoted field.
    case unterminatedQuote
}

/// Splits RFC 4180 records (quoted fields with `""` escapes, quoted delimiters and line breaks; CRLF, LF or CR)
/// out of a byte buffer, as pandas' C tokenizer does: a quote is special only at the start of a field, and text
/// after a closing quote is kept.
struct CSVTokenizer {
    let delimiter: UInt8
    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    /// Scans the record starting at `position`; stores at most `spans.count` field spans.
    /// - Parameter isFinal: whether `end` is the end of the input (so the last record needs no line break).
    @inline(__always)
    func scanRecord(
        _ base: UnsafePointer<UInt8>, from position: Int, end: Int, isFinal: Bool,
        spans: UnsafeMutableBufferPointer<FieldSpan>
    ) -> RecordScan {
        var index = position
        var fieldCount = 0
        var lineBreaks = 0
        let delimiter = self.delimiter
        while true {
            var span: FieldSpan
            if index < end && base[index] == Self.quote {
                let start = index
                index += 1
                var quoting = FieldSpan.Quoting.quoted
                while true {
                    while index < end, base[index] != Self.quote {
                        if base[index] == Self.lineFeed { lineBreaks += 1 }
                        index += 1
                    }
                    if index >= end { return isFinal ? .unterminatedQuote : .incomplete }
                    // A quote: either `""` (an escaped quote) or the closing one.
                    if index + 1 < end {
                        if base[index + 1] == Self.quote {
                            quoting = .escaped
                            index += 2
                            continue
                        }
                    } else if !isFinal {
                        return .incomplete
                    }
                    index += 1
                    break
                }
                let afterQuote = index
                while index < end {
                    let byte = base[index]
                    if byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                    index += 1
                }
                if index > afterQuote { quoting = .escaped }
                span = FieldSpan(start: start, end: index, quoting: quoting)
            } else {
                let start = index
                index = endOfUnquotedField(base, from: index, end: end)
                span = FieldSpan(start: start, end: index, quoting: .none)
            }
            if fieldCount < spans.count { spans[fieldCount] = span }
            fieldCount += 1
            if index == end {
                return isFinal ? .complete(fieldCount: fieldCount, next: end, quotedLineBreaks: lineBreaks) : .incomplete
            }
            let byte = base[index]
            if byte == delimiter {
                index += 1
                continue
            }
            if byte == Self.carriageReturn {
                if index + 1 < end {
                    index += base[index + 1] == Self.lineFeed ? 2 : 1
                } else if isFinal {
                    index += 1
                } else {
                    return .incomplete
                }
            } else {
                index += 1
            }
            return .complete(fieldCount: fieldCount, next: index, quotedLineBreaks: lineBreaks)
        }
    }

    /// The index of the first delimiter, LF or CR at or after `index` (or `end`), eight bytes at a time.
    @inline(__always)
    private func endOfUnquotedField(_ base: UnsafePointer<UInt8>, from start: Int, end: Int) -> Int {
        var index = start
        let raw = UnsafeRawPointer(base)
        let delimiters = UInt64(delimiter) &* Self.everyByte
        while index &+ 8 <= end {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let hits = Self.zeroBytes(word ^ delimiters) | Self.zeroBytes(word ^ Self.lineFeeds)
                | Self.zeroBytes(word ^ Self.carriageReturns)
            if hits != 0 { return index &+ hits.trailingZeroBitCount >> 3 }
            index &+= 8
        }
        while index < end {
            let byte = base[index]
            if byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn { break }
            index &+= 1
        }
        return index
    }

    private static let everyByte: UInt64 = 0x0101_0101_0101_0101
    private static let lineFeeds = UInt64(lineFeed) &* everyByte
    private static let carriageReturns = UInt64(carriageReturn) &* everyByte

    /// The top bit of each byte of `word` that is zero set (exact for the lowest such byte, which is all that
    /// is used: a borrow can only mark bytes above a true zero).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- everyByte) & ~word & 0x8080_8080_8080_8080
    }

    /// Whether a one-field record is a blank line (nothing, or only spaces and tabs), which pandas skips.
    @inline(__always)
    static func isBlank(_ base: UnsafePointer<UInt8>, _ span: FieldSpan) -> Bool {
        guard span.quoting == .none else { return false }
        var index = span.start
        while index < span.end {
            if base[index] != UInt8(ascii: " ") && base[index] != UInt8(ascii: "\t") { return false }
            index += 1
        }
        return true
    }

    /// The text of an `.escaped` field: quotes removed, `""` inside quotes made `"`, written to `output`
    /// (which must hold at least the span's length); returns the text's length.
    static func unescape(_ base: UnsafePointer<UInt8>, _ span: FieldSpan, into output: UnsafeMutablePointer<UInt8>) -> Int {
        var index = span.start + 1
        var length = 0
        var inQuotes = true
        while index < span.end {
            let byte = base[index]
            if inQuotes && byte == quote {
                if index + 1 < span.end && base[index + 1] == quote {
                    output[length] = quote
                    length += 1
                    index += 2
                } else {
                    inQuotes = false
                    index += 1
                }
                continue
            }
            output[length] = byte
            length += 1
            index += 1
        }
        return length
    }
}
