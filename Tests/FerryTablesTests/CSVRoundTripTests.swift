import FerryTables
import Foundation
import Testing

@Suite struct CSVRoundTripTests {
    /// Writes 10,000 generated rows, reads them back from disk in small chunks, and finds every value.
    @Test func tenThousandGeneratedRowsRoundTrip() throws {
        var random = SplitMix64(state: 42)
        let words = ["alpha", "beta, with comma", "say \"hi\"", "two\nlines", "ünïcødé", "NA", ""]
        var ids: [Double] = []
        var scores: [Double?] = []
        var names: [String?] = []
        var flags: [String] = []
        var text = "id,score,name,flag\r\n"
        for row in 0..<10_000 {
            let id = Int64(row) - 5000
            let score: Double? = random.next() % 10 == 0 ? nil : Double(bitPattern: random.next() >> 2) .truncatingRemainder(dividingBy: 1e6)
            let word = words[Int(random.next() % UInt64(words.count))]
            let flag = random.next() & 1 == 0 ? "True" : "False"
            ids.append(Double(id))
            scores.append(score)
            names.append(word == "NA" || word.isEmpty ? nil : word)
            flags.append(flag)
            let quoted = word.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : word
            text += "\(id),\(score.map { "\($0)" } ?? ""),\(quoted),\(flag)\r\n"
        }
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("round.csv").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let table = try CSVReader(chunkSize: 8192).read(path: path)
            #expect(table.rowCount == 10_000)
            #expect(table.kind("id") == .integer)
            #expect(table.numbers("id") == ids)
            #expect(table.kind("score") == .float)
            let read = table.numbers("score")
            #expect(read.count == scores.count)
            #expect(zip(read, scores).allSatisfy { $0?.bitPattern == $1?.bitPattern })
            #expect(table.kind("name") == .string)
            #expect(table.texts("name") == names)
            #expect(Set(table.levels("name")) == Set(words.filter { $0 != "NA" && !$0.isEmpty }))
            #expect(table.kind("flag") == .boolean)
            #expect(table.texts("flag") == flags)
        }
    }

    /// Prints the reader's speed on a numeric-heavy file (50 MB in a release build); asserts only the row count.
    @Test func throughputOnANumericFile() throws {
        #if DEBUG
        let targetBytes = 5 << 20
        #else
        let targetBytes = 50 << 20
        #endif
        var random = SplitMix64(state: 9)
        let columnCount = 25
        var text = (0..<columnCount).map { "c\($0)" }.joined(separator: ",") + "\n"
        text.reserveCapacity(targetBytes + 4096)
        var rows = 0
        let levels = ["red", "green", "blue", "cyan", "magenta"]
        while text.utf8.count < targetBytes {
            var fields: [String] = []
            for column in 0..<columnCount {
                if column >= 20 {
                    fields.append(levels[Int(random.next() % 5)])
                } else {
                    let value = Double(Int64(random.next() % 2_000_000) - 1_000_000) / 997
                    fields.append("\(value)")
                }
            }
            text += fields.joined(separator: ",") + "\n"
            rows += 1
        }
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("wide.csv").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let clock = ContinuousClock()
            var table: Table?
            let elapsed = try clock.measure { table = try CSVReader().read(path: path) }
            let seconds = Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)
            let megabytes = Double(text.utf8.count) / 1_000_000
            print("CSVReader: \(rows) rows x \(columnCount) columns, \(megabytes) MB in \(seconds) s = \(megabytes / seconds) MB/s")
            #expect(table?.rowCount == rows)
        }
    }
}
