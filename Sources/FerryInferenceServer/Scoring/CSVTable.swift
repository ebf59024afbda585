/// A CSV body as `pandas.read_csv` reads a scoring request: a header row, then rows of fields
/// (RFC 4180 quoting: `"a,b"`, `""` for a quote inside quotes; `\n` or `\r\n` line ends).
struct CSVTable: Sendable, Equatable {
    var header: [String]
    var rows: [[String]]

    static func parse(_ bytes: [UInt8]) throws(ServingError) -> CSVTable {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var fieldWasQuoted = false
        var index = 0
        var line = 1
        func finishField() throws(ServingError) {
            guard let text = String(validating: field, as: UTF8.self) else { throw .badRequest("CSV line \(line) is not valid UTF-8.") }
            record.append(text)
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    guard field.isEmpty, !fieldWasQuoted else { throw .badRequest("CSV line \(line) has a quote inside an unquoted field.") }
                    quoted = true
                    fieldWasQuoted = true
                case UInt8(ascii: ","):
                    try finishField()
                case 0x0A, 0x0D:
                    if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                    try finishField()
                    if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
                    record.removeAll()
                    line += 1
                default:
                    field.append(byte)
                }
            }
            index += 1
        }
        guard !quoted else { throw .badRequest("CSV line \(line) has a quoted field that is not closed.") }
        if !field.isEmpty || !record.isEmpty || fieldWasQuoted {
            try finishField()
            records.append(record)
        }
        guard let header = records.first else { throw .badRequest("The CSV body is empty; send a header row and at least one row.") }
        let rows = Array(records.dropFirst())
        for (offset, row) in rows.enumerated() where row.count != header.count {
            throw .badRequest("CSV row \(offset + 1) has \(row.count) fields but the header has \(header.count).")
        }
        return CSVTable(header: header, rows: rows)
    }
}
