import FerryServing
import Testing

@testable import FerryInferenceServer

@Suite("MLflow scoring request bodies")
struct ScoringRequestTests {
    let matrixInput = [TensorSignature(name: "X", datatype: .fp32, shape: [-1, 2])]
    let columnInputs = [
        TensorSignature(name: "a", datatype: .fp32, shape: [-1, 1]),
        TensorSignature(name: "colour", datatype: .bytes, shape: [-1, 1]),
    ]

    private func tensors(_ body: String, type: String = "application/json", inputs: [TensorSignature]) throws(ServingError) -> [InferenceTensor] {
        let payload = try ScoringRequestDecoder.decode(Array(body.utf8), mediaType: type)
        return try ScoringInputs.tensors(payload, for: inputs)
    }

    @Test("Every MLflow format gives the same matrix for a one-input model", arguments: [
        (#"{"dataframe_split": {"columns": ["f0", "f1"], "data": [[1, 2], [3, 4]]}}"#, "application/json"),
        (#"{"dataframe_records": [{"f0": 1, "f1": 2}, {"f0": 3, "f1": 4}]}"#, "application/json"),
        (#"{"instances": [[1, 2], [3, 4]]}"#, "application/json"),
        (#"{"inputs": [[1, 2], [3, 4]]}"#, "application/json"),
        (#"{"inputs": {"X": [[1, 2], [3, 4]]}}"#, "application/json"),
        ("f0,f1\n1,2\n3,4\n", "text/csv"),
    ])
    func formats(_ body: String, _ type: String) throws {
        let result = try tensors(body, type: type, inputs: matrixInput)
        #expect(result == [InferenceTensor(name: "X", datatype: .fp32, shape: [2, 2], data: .float([1, 2, 3, 4]))])
    }

    @Test("Columns named like the inputs feed them one column each, strings included")
    func namedColumns() throws {
        let result = try tensors(#"{"dataframe_split": {"columns": ["colour", "a"], "data": [["red", 1.5], ["blue", null]]}}"#, inputs: columnInputs)
        #expect(result[0].shape == [2, 1])
        guard case .float(let values) = result[0].data else { Issue.record("not floats"); return }
        #expect(values[0] == 1.5 && values[1].isNaN)
        #expect(result[1].data == .string(["red", "blue"]))
        let csv = try tensors("a,colour\n\"1.5\",\"red, dark\"\n,blue\n", type: "text/csv", inputs: columnInputs)
        #expect(csv[1].data == .string(["red, dark", "blue"]))
    }

    @Test("Bodies MLflow refuses are refused with its messages", arguments: [
        (#"[1, 2]"#, "JSON dictionary"),
        (#"{"instances": [[1, 2]], "inputs": [[1, 2]]}"#, "exactly one"),
        (#"{"data": [[1, 2]]}"#, "exactly one"),
        (#"{"dataframe_split": {"columns": ["a"], "data": [[1, 2]]}}"#, "2 values for 1 columns"),
        (#"not json"#, "valid JSON"),
        (#"{"inputs": [[1, 2, 3]]}"#, "takes 2 values per row"),
    ])
    func refusals(_ body: String, _ fragment: String) {
        do {
            _ = try tensors(body, inputs: matrixInput)
            Issue.record("accepted \(body)")
        } catch {
            #expect(error.status == .badRequest)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test("A multi-input model needs its columns by name")
    func missingColumns() {
        #expect(throws: ServingError.self) { try tensors(#"{"instances": [[1, "red"]]}"#, inputs: columnInputs) }
    }

    @Test("Content types: JSON and CSV, utf-8 only; anything else is 415", arguments: [
        ("application/json", true), ("text/csv; charset=utf-8", true), ("application/json; charset=UTF-8", true),
        ("application/json; format=pandas-split", false), ("text/plain", false), ("application/json; charset=latin-1", false),
    ])
    func mediaTypes(_ type: String, _ accepted: Bool) {
        let result = Result { () throws(ServingError) in try ScoringRequestDecoder.mediaType(type) }
        if accepted {
            #expect((try? result.get()) != nil)
        } else {
            #expect(result.failure?.status == .unsupportedMediaType)
        }
        #expect(Result { () throws(ServingError) in try ScoringRequestDecoder.mediaType(nil) }.failure?.status == .unsupportedMediaType)
    }

    @Test("CSV: quoting, CRLF, ragged rows")
    func csv() throws {
        let table = try CSVTable.parse(Array("a,b\r\n\"x\"\"y\",2\r\n".utf8))
        #expect(table == CSVTable(header: ["a", "b"], rows: [["x\"y", "2"]]))
        #expect(throws: ServingError.self) { try CSVTable.parse(Array("a,b\n1\n".utf8)) }
        #expect(throws: ServingError.self) { try CSVTable.parse(Array("a\n\"open\n".utf8)) }
        #expect(throws: ServingError.self) { try CSVTable.parse([]) }
    }
}
