import FerryTables
import Foundation
import Synchronization
import Testing

@Suite struct CSVReaderTests {
    @Test func readsTypedColumnsInHeaderOrder() throws {
        let table = try readCSV("id,score,city,active\n1,0.5,Oslo,True\n2,1.25,Bergen,False\n3,-2,Oslo,true\n")
        #expect(table.rowCount == 3)
        #expect(table.columnNames == ["id", "score", "city", "active"])
        #expect(table.kind("id") == .integer)
        #expect(table.numbers("id") == [1, 2, 3])
        #expect(table.kind("score") == .float)
        #expect(table.numbers("score") == [0.5, 1.25, -2])
        #expect(table.kind("city") == .string)
        #expect(table.levels("city") == ["Oslo", "Bergen"])
        #expect(table.texts("city") == ["Oslo", "Bergen", "Oslo"])
        #expect(table.kind("active") == .boolean)
        #expect(table.levels("active") == ["False", "True"])
        #expect(table.texts("active") == ["True", "False", "True"])
    }

    @Test func quotedFieldsFollowRFC4180() throws {
        let text = "name,note\n\"Smith, J\",\"said \"\"hi\"\"\"\n\"two\nlines\",plain\n\"\",x\n"
        let table = try readCSV(text)
        #expect(table.rowCount == 3)
        #expect(table.texts("name") == ["Smith, J", "two\nlines", nil])
        #expect(table.texts("note") == ["said \"hi\"", "plain", "x"])
    }

    @Test func quotesAreSpecialOnlyAtTheStartOfAField() throws {
        // As pandas: a quote inside an unquoted field is text, and text after a closing quote is kept.
        let table = try readCSV("a,b\nx\"y,1\n\"ab\"c,2\n\"x\" ,3\n")
        #expect(table.texts("a") == ["x\"y", "abc", "x "])
        #expect(table.numbers("b") == [1, 2, 3])
    }

    @Test(arguments: [
        "a,b\r\n1,x\r\n2,y\r\n", "a,b\n1,x\n2,y", "a,b\r1,x\r2,y\r", "\u{FEFF}a,b\n1,x\n2,y\n", "\n\na,b\n1,x\n\n  \n2,y\n\n",
    ])
    func lineEndingsByteOrderMarkAndBlankLines(_ text: String) throws {
        let table = try readCSV(text)
        #expect(table.columnNames == ["a", "b"])
        #expect(table.numbers("a") == [1, 2])
        #expect(table.texts("b") == ["x", "y"])
    }

    @Test func delimiterIsConfigurable() throws {
        let semicolons = try readCSV("a;b\n1,5;\"x;y\"\n", CSVReader(delimiter: ";"))
        #expect(semicolons.texts("a") == ["1,5"])
        #expect(semicolons.texts("b") == ["x;y"])
        let tabs = try readCSV("a\tb\n1\t2.5\n", CSVReader(delimiter: "\t"))
        #expect(tabs.numbers("a") == [1])
        #expect(tabs.numbers("b") == [2.5])
    }

    @Test func pandasMissingSpellingsAreMissing() throws {
        let spellings = [
            "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA",
            "NULL", "NaN", "None", "n/a", "nan", "null",
        ]
        let text = "n,s\n" + spellings.map { "\($0),\($0)" }.joined(separator: "\n") + "\n7,word\n"
        let table = try readCSV(text)
        #expect(table.kind("n") == .float)
        #expect(table.numbers("n") == Array(repeating: nil, count: spellings.count) + [7])
        #expect(table.kind("s") == .string)
        #expect(table.texts("s") == Array(repeating: nil, count: spellings.count) + ["word"])
        #expect(table.levels("s") == ["word"])
    }

    @Test func missingSpellingsMustMatchExactly() throws {
        // Quoted spellings are still missing; padded or re-cased ones are text (pandas 2.3.3).
        let table = try readCSV("a,b\n\"NA\",x\n NA,\"\"\nNONE,Nan\n")
        #expect(table.texts("a") == [nil, " NA", "NONE"])
        #expect(table.texts("b") == ["x", nil, "Nan"])
    }

    @Test func selectedColumnsAreReadInHeaderOrder() throws {
        let table = try readCSV("a,b,c\n1,x,2.5\n3,y,4\n", CSVReader(columns: ["c", "a"]))
        #expect(table.columnNames == ["a", "c"])
        #expect(table.numbers("a") == [1, 3])
        #expect(table.numbers("c") == [2.5, 4])
    }

    @Test func aColumnTurningToTextKeepsEveryOriginalSpelling() throws {
        let text = "a,b,c\n1.50,1,True\n,2,true\n2,3,FALSE\nabc,4,maybe\n"
        let table = try readCSV(text)
        #expect(table.kind("a") == .string)
        #expect(table.texts("a") == ["1.50", nil, "2", "abc"])
        #expect(table.kind("b") == .integer)
        #expect(table.numbers("b") == [1, 2, 3, 4])
        #expect(table.kind("c") == .string)
        #expect(table.texts("c") == ["True", "true", "FALSE", "maybe"])
    }

    @Test func readingAgainDoublesTheReportedTotal() throws {
        let calls = Mutex<[(Int64, Int64)]>([])
        let reader = CSVReader(progress: { read, total in calls.withLock { $0.append((read, total)) } })
        let text = "a\n1\n2\nx\n"
        let table = try readCSV(text, reader)
        #expect(table.texts("a") == ["1", "2", "x"])
        let last = try #require(calls.withLock { $0.last })
        #expect(last == (2 * Int64(text.utf8.count), 2 * Int64(text.utf8.count)))
    }

    @Test func progressEndsAtTheFileSize() throws {
        let rows = (0..<20_000).map { "\($0),\(Double($0) / 8),name\($0 % 7)" }
        let text = "i,x,s\n" + rows.joined(separator: "\n") + "\n"
        let calls = Mutex<[(Int64, Int64)]>([])
        let reader = CSVReader(chunkSize: 4096, progress: { read, total in calls.withLock { $0.append((read, total)) } })
        let table = try readCSV(text, reader)
        #expect(table.rowCount == 20_000)
        let reports = calls.withLock { $0 }
        let size = Int64(text.utf8.count)
        #expect(reports.last! == (size, size))
        #expect(reports.allSatisfy { $0.0 <= $0.1 && $0.1 == size })
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.0 <= $1.0 })
    }

    @Test(arguments: [64, 65, 97, 256, 1000])
    func smallChunksGiveTheSameTable(_ chunkSize: Int) throws {
        // Records straddle chunk boundaries everywhere, including inside quotes, escapes and CRLF pairs, and
        // one field is longer than a chunk.
        var random = SplitMix64(state: UInt64(chunkSize))
        var lines = ["num,text,flag"]
        for row in 0..<400 {
            let number = Double(Int64(random.next() % 2_000_001) - 1_000_000) / 1000
            var text = ["plain", "\"quoted, with comma\"", "\"esc \"\"aped\"\"\"", "\"multi\nline\"", ""][Int(random.next() % 5)]
            if row == 200 { text = String(repeating: "long", count: 100) }
            lines.append("\(number),\(text),\(random.next() & 1 == 0 ? "True" : "False")")
        }
        let text = lines.joined(separator: "\r\n")
        let whole = try readCSV(text)
        let chunked = try readCSV(text, CSVReader(chunkSize: chunkSize))
        #expect(chunked.rowCount == 400)
        #expect(chunked.numbers("num") == whole.numbers("num"))
        #expect(chunked.texts("text") == whole.texts("text"))
        #expect(chunked.texts("flag") == whole.texts("flag"))
        #expect(whole.texts("text").contains("esc \"aped\""))
        #expect(whole.texts("text").contains("multi\nline"))
        #expect(whole.texts("text")[200] == String(repeating: "long", count: 100))
    }

    @Test func quotedHeaderNamesAreUnquoted() throws {
        let table = try readCSV("\"a,b\",\"say \"\"x\"\"\",c\n1,2,3\n")
        #expect(table.columnNames == ["a,b", "say \"x\"", "c"])
    }

    @Test func unselectedColumnsAreNotConverted() throws {
        // Bad UTF-8 and a type switch in a column that is not read cost nothing and raise nothing.
        let bytes = Array("a,b\n1,x\n2,".utf8) + [0xFF] + Array("\n".utf8)
        let table = try CSVReader(columns: ["a"]).read(bytes: bytes, source: "s.csv")
        #expect(table.columnNames == ["a"])
        #expect(table.numbers("a") == [1, 2])
    }

    @Test func lineNumbersStayRightAcrossChunksAndQuotedLineBreaks() {
        var lines = ["a,b"]
        for row in 0..<600 { lines.append(row % 10 == 0 ? "\"x\ny\",\(row)" : "plain,\(row)") }
        lines.append("1,2,3")
        // 600 records, 60 of them two lines long, after the header: the ragged record starts on line 662.
        let error = csvError(lines.joined(separator: "\n"), CSVReader(chunkSize: 64))
        #expect(error == TableError(source: "test.csv", line: 662, message: "expected 2 fields (as in the header), found 3"))
    }

    @Test func readsAFileFromDisk() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("data.csv").path
            try "a,b\n1,x\n2,y\n".write(toFile: path, atomically: true, encoding: .utf8)
            let table = try CSVReader().read(path: path)
            #expect(table.numbers("a") == [1, 2])
            #expect(table.texts("b") == ["x", "y"])
        }
    }
}
