import FerryTables
import Foundation
import Testing

/// One log line as `ferry serve` writes it.
func logLine(
    _ timestamp: String, version: String = "1", model: String = "churn", inputs: String, outputs: String = "{}"
) -> String {
    #"{"timestamp":"\#(timestamp)","model":"\#(model)","version":"\#(version)","protocol":"v2","request_id":null,"inputs":\#(inputs),"outputs":\#(outputs)}"#
}

/// A tensor object.
func tensor(_ datatype: String, _ shape: [Int], _ data: String) -> String {
    #"{"datatype":"\#(datatype)","shape":[\#(shape.map(String.init).joined(separator: ","))],"data":\#(data)}"#
}

func readLog(_ lines: [String], _ reader: PredictionLogReader = PredictionLogReader(), source: String = "log.jsonl") throws(TableError) -> PredictionLog {
    try reader.read(bytes: Array((lines.joined(separator: "\n") + "\n").utf8), source: source)
}

func logError(_ lines: [String], _ reader: PredictionLogReader = PredictionLogReader()) -> TableError? {
    do {
        _ = try readLog(lines, reader)
        return nil
    } catch {
        return error
    }
}

@Suite struct PredictionLogReaderTests {
    let twoRecords = [
        logLine(
            "2026-12-01T10:00:00.123Z",
            inputs: #"{"x":\#(tensor("FP32", [2, 2], "[1,2.5,null,4]")),"age":\#(tensor("INT64", [2], "[30,41]"))}"#,
            outputs: #"{"proba":\#(tensor("FP64", [2, 2], "[0.25,0.75,0.5,0.5]")),"label":\#(tensor("INT64", [2, 1], "[1,0]"))}"#),
        logLine(
            "2026-12-01T10:00:01.000Z", version: "2",
            inputs: #"{"age":\#(tensor("INT64", [1], "[52]")),"x":\#(tensor("FP32", [1, 2], "[7,8]"))}"#,
            outputs: #"{"label":\#(tensor("INT64", [1, 1], "[1]")),"proba":\#(tensor("FP64", [1, 2], "[0.9,0.1]"))}"#),
    ]

    @Test func tensorRowsBecomeTableRows() throws {
        let log = try readLog(twoRecords)
        let table = log.table
        #expect(table.rowCount == 3)
        #expect(table.columnNames == ["age", "x[0]", "x[1]", "label", "proba[0]", "proba[1]"])
        #expect(table.kind("age") == .integer)
        #expect(table.numbers("age") == [30, 41, 52])
        #expect(table.kind("x[0]") == .float)
        #expect(table.numbers("x[0]") == [1, nil, 7])
        #expect(table.numbers("x[1]") == [2.5, 4, 8])
        #expect(table.kind("label") == .integer)
        #expect(table.numbers("label") == [1, 0, 1])
        #expect(table.numbers("proba[0]") == [0.25, 0.5, 0.9])
        #expect(table.numbers("proba[1]") == [0.75, 0.5, 0.1])
        #expect(Array(log.records) == [
            PredictionLogRecords.Record(timestamp: "2026-12-01T10:00:00.123Z", version: "1", rows: 0..<2),
            PredictionLogRecords.Record(timestamp: "2026-12-01T10:00:01.000Z", version: "2", rows: 2..<3),
        ])
        #expect(log.recordCountsByVersion == ["1": 1, "2": 1])
        #expect(log.skippedLineCount == 0)
    }

    @Test func callerNamesWideTensorColumns() throws {
        let reader = PredictionLogReader(columnNames: ["x": ["height", "weight"]])
        let table = try readLog(twoRecords, reader).table
        #expect(table.columnNames == ["age", "height", "weight", "label", "proba[0]", "proba[1]"])
        #expect(table.numbers("weight") == [2.5, 4, 8])
        #expect(logError(twoRecords, PredictionLogReader(columnNames: ["x": ["only"]]))
            == TableError(source: "log.jsonl", message: "1 column names are given for tensor 'x', which has 2 columns"))
    }

    @Test func anOutputNamedLikeAnInputIsPrefixed() throws {
        let line = logLine("t", inputs: #"{"y":\#(tensor("FP64", [1], "[1.5]"))}"#, outputs: #"{"y":\#(tensor("FP64", [1], "[2.5]"))}"#)
        let table = try readLog([line]).table
        #expect(table.columnNames == ["y", "output.y"])
        #expect(table.numbers("output.y") == [2.5])
    }

    @Test func kindsFollowDatatypes() throws {
        let inputs = #"{"n":\#(tensor("INT32", [3], "[1,null,3]")),"b":\#(tensor("BOOL", [3], "[true,null,false]")),"#
            + #""s":\#(tensor("BYTES", [3], #"["caf\u00e9","a\"b\nc",null]"#)),"e":\#(tensor("BYTES", [3], #"["\ud83d\ude00","café","\ud83d\ude00"]"#)),"#
            + #""u":\#(tensor("UINT8", [3], "[0,255,7]")),"h":\#(tensor("FP16", [3], "[0.5,-1e3,null]"))}"#
        let table = try readLog([logLine("t", inputs: inputs)]).table
        #expect(table.kind("n") == .float)
        #expect(table.numbers("n") == [1, nil, 3])
        #expect(table.kind("b") == .boolean)
        #expect(table.texts("b") == ["True", nil, "False"])
        #expect(table.kind("s") == .string)
        #expect(table.texts("s") == ["café", "a\"b\nc", nil])
        #expect(table.texts("e") == ["😀", "café", "😀"])
        #expect(table.levels("e") == ["😀", "café"])
        #expect(table.kind("u") == .integer)
        #expect(table.numbers("u") == [0, 255, 7])
        #expect(table.numbers("h") == [0.5, -1000, nil])
    }

    @Test func keyOrderAndNestingDoNotMatter() throws {
        let line = #"{"inputs":{"x":{"data":[[1,2],[3,4]],"shape":[2,2],"datatype":"FP64","parameters":{"a":[1,{"b":null}]}}},"#
            + #""extra":[true,false,"s",{}],"version":"9","timestamp":"2026-12-02T00:00:00.000Z"}"#
        let log = try readLog([line])
        #expect(log.table.numbers("x[0]") == [1, 3])
        #expect(log.table.numbers("x[1]") == [2, 4])
        #expect(Array(log.records) == [PredictionLogRecords.Record(timestamp: "2026-12-02T00:00:00.000Z", version: "9", rows: 0..<2)])
    }

    @Test func filtersByTimeModelAndVersion() throws {
        let x = #"{"x":\#(tensor("FP64", [1], "[1]"))}"#
        let lines = [
            logLine("2026-11-30T23:59:59.999Z", inputs: #"{"x":\#(tensor("FP64", [1], "[1]"))}"#),
            logLine("2026-12-01T00:00:00.000Z", inputs: #"{"x":\#(tensor("FP64", [1], "[2]"))}"#),
            logLine("2026-12-01T12:00:00.000Z", version: "2", inputs: #"{"x":\#(tensor("FP64", [1], "[3]"))}"#),
            logLine("2026-12-01T13:00:00.000Z", version: "2", model: "other", inputs: x),
            logLine("2026-12-02T00:00:00.000Z", inputs: #"{"x":\#(tensor("FP64", [1], "[5]"))}"#),
        ]
        let day = try readLog(lines, PredictionLogReader(from: "2026-12-01", to: "2026-12-02", model: "churn"))
        #expect(day.table.numbers("x") == [2, 3])
        #expect(day.recordCountsByVersion == ["1": 1, "2": 1])
        let versionTwo = try readLog(lines, PredictionLogReader(from: "2026-12-01", version: "2"))
        #expect(versionTwo.table.numbers("x") == [3, 1])
        #expect(versionTwo.recordCountsByVersion == ["1": 2, "2": 2])
        #expect(versionTwo.records.map(\.version) == ["2", "2"])
        #expect(try readLog(lines).busiestVersion == "1")
    }

    @Test func filesAccumulateAndErrorsNameTheirFile() throws {
        var builder = PredictionLogBuilder(reader: PredictionLogReader())
        try builder.add(Array((twoRecords[0] + "\n").utf8), source: "a.jsonl")
        try builder.add(Array(("\n" + twoRecords[1]).utf8), source: "b.jsonl")
        #expect(builder.finish().table.rowCount == 3)
        #expect(throws: TableError(source: "c.jsonl", line: 2, message: "not valid JSON: expected '{' (each line is one JSON object) at byte 1, found 'n'")) {
            try builder.add(Array((twoRecords[1] + "\nnot json\n").utf8), source: "c.jsonl")
        }
    }

    @Test func badLinesSayWhatIsWrong() {
        let x = #"{"x":\#(tensor("FP32", [1, 2], "[1,2]"))}"#
        let first = logLine("t", inputs: x)
        func second(_ text: String) -> TableError? { logError([first, text]) }
        func message(_ text: String) -> String? { second(text)?.message }
        #expect(second(logLine("t", inputs: #"{"x":\#(tensor("FP32", [1, 3], "[1,2,3]"))}"#))
            == TableError(source: "log.jsonl", line: 2, message: "tensor 'x' has 3 columns here but 2 in earlier records"))
        #expect(message(logLine("t", inputs: #"{"x":\#(tensor("FP32", [2, 2], "[1,2,3]"))}"#))
            == "tensor 'x' has shape [2, 2] (4 values) but 3 data values")
        #expect(message(logLine("t", inputs: #"{"x":\#(tensor("INT64", [1, 2], "[1,2]"))}"#))
            == "tensor 'x' changed datatype kind from float to integer")
        #expect(message(logLine("t", inputs: #"{"z":\#(tensor("FP32", [1, 2], "[1,2]"))}"#)) == "input tensor 'z' was not in earlier records")
        #expect(message(logLine("t", inputs: "{}")) == "the record has 0 tensors; earlier records had 1 (x)")
        #expect(message(#"{"inputs":{}}"#) == "the record has no 'timestamp'")
        #expect(message(logLine("t", inputs: #"{"x":\#(tensor("FP8", [1, 2], "[1,2]"))}"#)) == "tensor 'x' has an unknown datatype 'FP8'")
        #expect(message(logLine("t", inputs: #"{"x":\#(tensor("INT8", [1], "[1.5]"))}"#)) == "tensor 'x' is an integer tensor but holds a non-integer")
        #expect(message(logLine("t", inputs: #"{"x":\#(tensor("FP32", [], "[]"))}"#)) == "tensor 'x' has an empty shape (a scalar); expected [N] or [N, F]")
        #expect(message(first + " x") == "not valid JSON: expected the end of the line after the record at byte \(first.utf8.count + 2), found 'x'")
        #expect(message(String(first.dropLast(1))) == "not valid JSON: the line ends where ',' or '}' should be")
        #expect(message(String(first.dropLast(2))) == "not valid JSON: the line ends where a key (a string) should be")
        let uneven = logLine("t", inputs: #"{"x":\#(tensor("FP32", [1, 2], "[1,2]"))}"#, outputs: #"{"p":\#(tensor("FP32", [2], "[1,2]"))}"#)
        #expect(logError([uneven])?.message == "tensors disagree on the number of rows: 'x' has 1, 'p' has 2")
    }

    @Test func skipInvalidCountsAndSkipsBadLines() throws {
        let x = #"{"x":\#(tensor("FP64", [1], "[1]"))}"#
        let lines = [logLine("a", inputs: x), "garbage", logLine("b", inputs: #"{"x":\#(tensor("FP64", [2], "[1]"))}"#), "", logLine("c", inputs: x)]
        let log = try readLog(lines, PredictionLogReader(skipInvalid: true))
        #expect(log.table.rowCount == 2)
        #expect(log.records.map(\.timestamp) == ["a", "c"])
        #expect(log.skippedLineCount == 2)
        #expect(log.firstSkippedError?.line == 2)
    }

    @Test func timestampsFormatLikeTheLog() {
        #expect(PredictionLogReader.timestamp(millisecondsSince1970: 0) == "1970-01-01T00:00:00.000Z")
        #expect(PredictionLogReader.timestamp(millisecondsSince1970: 1_764_583_200_123) == "2025-12-01T10:00:00.123Z")
        #expect(PredictionLogReader.timestamp(millisecondsSince1970: -1) == "1969-12-31T23:59:59.999Z")
        #expect(PredictionLogReader.timestamp(millisecondsSince1970: 951_782_400_000) == "2000-02-29T00:00:00.000Z")
        #expect(PredictionLogReader.timestamp(millisecondsSince1970: 1_709_251_199_999) == "2024-02-29T23:59:59.999Z")
        #expect(PredictionLogReader.timestamp(millisecondsSince1970: 253_402_300_799_999) == "9999-12-31T23:59:59.999Z")
    }

    @Test func anEmptyLogIsAnEmptyTable() throws {
        let log = try PredictionLogReader().read([])
        #expect(log.table.rowCount == 0)
        #expect(log.table.columns.isEmpty)
        #expect(log.busiestVersion == nil)
    }

    @Test func readsFilesFromDisk() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("day.jsonl").path
            try (twoRecords.joined(separator: "\r\n") + "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
            let log = try PredictionLogReader().read([PredictionLogFile(contentsOf: path)])
            #expect(log.table.numbers("age") == [30, 41, 52])
            #expect(throws: TableError.self) { try PredictionLogFile(contentsOf: directory.appendingPathComponent("none").path) }
        }
    }

    /// The example from FerryInferenceServer's PredictionRecord documentation, as written.
    @Test func readsTheServersDocumentedExample() throws {
        let line = #"{"timestamp":"2025-03-07T09:05:02.042Z","model":"churn","version":"3","protocol":"v2","request_id":"abc","#
            + #""inputs":{"x":{"datatype":"FP32","shape":[2,2],"data":[1,2.5,null,4]}},"#
            + #""outputs":{"label":{"datatype":"INT64","shape":[2],"data":[0,1]}}}"#
        let table = try readLog([line]).table
        #expect(table.columnNames == ["x[0]", "x[1]", "label"])
        #expect(table.numbers("x[0]") == [1, nil])
        #expect(table.numbers("label") == [0, 1])
    }
}
