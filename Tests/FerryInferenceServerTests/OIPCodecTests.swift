import FerryServing
import Testing

@testable import FerryInferenceServer

@Suite("OIP v2 request and response bodies")
struct OIPCodecTests {
    private func decode(_ json: String, binary: [UInt8] = []) throws(ServingError) -> OIPInferenceRequest {
        let header = Array(json.utf8)
        return try OIPRequestDecoder.decode(header + binary, headerLength: binary.isEmpty ? nil : header.count)
    }

    @Test("JSON tensors: flat and nested data, id, requested outputs and binary flags")
    func jsonRequest() throws {
        let request = try decode(#"""
            {"id": "42", "parameters": {"binary_data_output": true},
             "inputs": [{"name": "x", "shape": [2, 2], "datatype": "FP32", "data": [[1, 2.5], [3, 4]]},
                        {"name": "n", "shape": [2], "datatype": "INT64", "data": [7, -8]},
                        {"name": "s", "shape": [1], "datatype": "BYTES", "data": ["a"]},
                        {"name": "b", "shape": [1], "datatype": "BOOL", "data": [true]}],
             "outputs": [{"name": "label", "parameters": {"binary_data": false}}, {"name": "probabilities"}]}
            """#)
        #expect(request.id == "42")
        #expect(request.inputs.map(\.name) == ["x", "n", "s", "b"])
        #expect(request.inputs[0].data == .float([1, 2.5, 3, 4]))
        #expect(request.inputs[0].shape == [2, 2])
        #expect(request.inputs[1].data == .int64([7, -8]))
        #expect(request.inputs[2].data == .string(["a"]))
        #expect(request.inputs[3].data == .bool([true]))
        #expect(request.wantsBinary("label") == false)
        #expect(request.wantsBinary("probabilities") == true)
    }

    @Test("Binary tensors follow the JSON header, in input order")
    func binaryRequest() throws {
        var raw: [UInt8] = []
        for value in [Float(1.5), -2] { withUnsafeBytes(of: value.bitPattern.littleEndian) { raw.append(contentsOf: $0) } }
        raw += [5, 0, 0, 0] + Array("hello".utf8)
        let request = try decode(#"""
            {"inputs": [{"name": "x", "shape": [1, 2], "datatype": "FP32", "parameters": {"binary_data_size": 8}},
                        {"name": "s", "shape": [1], "datatype": "BYTES", "parameters": {"binary_data_size": 9}}]}
            """#, binary: raw)
        #expect(request.inputs[0].data == .float([1.5, -2]))
        #expect(request.inputs[1].data == .string(["hello"]))
    }

    @Test("Bad requests are refused with a message naming the problem", arguments: [
        (#"[]"#, "JSON object"),
        (#"{"inputs": []}"#, "empty"),
        (#"{"inputs": [{"name": "x", "shape": [2], "datatype": "FP32", "data": [1]}]}"#, "holds 2"),
        (#"{"inputs": [{"name": "x", "shape": [1], "datatype": "FP99", "data": [1]}]}"#, "unknown datatype"),
        (#"{"inputs": [{"name": "x", "shape": [1], "datatype": "INT8", "data": [300]}]}"#, "out of range"),
        (#"{"inputs": [{"name": "x", "shape": [1], "datatype": "INT64", "data": [1.5]}]}"#, "not an integer"),
        (#"{"inputs": [{"name": "x", "shape": [-1], "datatype": "FP32", "data": [1]}]}"#, "non-negative"),
        (#"{"inputs": [{"name": "x", "shape": [1], "datatype": "FP32", "data": ["a"]}]}"#, "not a number"),
        (#"{"inputs": [{"name": "x", "shape": [1], "datatype": "FP32", "parameters": {"binary_data_size": 4}}]}"#, "follow"),
        (#"{"inputs": [{"shape": [1], "datatype": "FP32", "data": [1]}]}"#, "name"),
        (#"{"id": 5, "inputs": [{"name": "x", "shape": [1], "datatype": "FP32", "data": [1]}]}"#, "'id'"),
    ])
    func refusals(_ body: String, _ fragment: String) {
        do {
            _ = try decode(body)
            Issue.record("accepted \(body)")
        } catch {
            #expect(error.status == .badRequest)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    @Test("A header length beyond the body and stray trailing bytes are refused")
    func binaryFraming() {
        #expect(throws: ServingError.self) { try OIPRequestDecoder.decode(Array("{}".utf8), headerLength: 10) }
        let json = Array(#"{"inputs": [{"name": "x", "shape": [1], "datatype": "FP32", "data": [1]}]}"#.utf8)
        #expect(throws: ServingError.self) { try OIPRequestDecoder.decode(json + [1, 2], headerLength: json.count) }
        let wrongSize = Array(#"{"inputs": [{"name": "x", "shape": [2], "datatype": "FP32", "parameters": {"binary_data_size": 4}}]}"#.utf8)
        #expect(throws: ServingError.self) { try OIPRequestDecoder.decode(wrongSize + [0, 0, 128, 63], headerLength: wrongSize.count) }
    }

    @Test("Responses: JSON outputs, or binary outputs after a header whose length is returned")
    func responses() throws {
        let outputs = [
            InferenceTensor(name: "label", datatype: .int64, shape: [2], data: .int64([0, 1])),
            InferenceTensor(name: "p", datatype: .fp32, shape: [2, 1], data: .float([0.25, 0.75])),
        ]
        let plain = OIPResponseEncoder.encode(model: "m", version: "1", id: "7", outputs: outputs, binary: { _ in false })
        #expect(plain.headerLength == nil)
        let json = try JSONReader.parse(plain.body)
        #expect(json["model_name"] == .string("m"))
        #expect(json["model_version"] == .string("1"))
        #expect(json["id"] == .string("7"))
        guard case .array(let items)? = json["outputs"] else { Issue.record("no outputs"); return }
        #expect(items[1]["data"] == .array([.number(0.25), .number(0.75)]))
        let mixed = OIPResponseEncoder.encode(model: "m", version: nil, id: nil, outputs: outputs, binary: { $0 == "p" })
        let length = try #require(mixed.headerLength)
        let header = try JSONReader.parse(mixed.body[0..<length])
        guard case .array(let binaryItems)? = header["outputs"] else { Issue.record("no outputs"); return }
        #expect(binaryItems[1]["parameters"]?["binary_data_size"] == .integer(8))
        #expect(binaryItems[1]["data"] == nil)
        #expect(Array(mixed.body[length...]) == BinaryTensor.encode(.float([0.25, 0.75]), datatype: .fp32))
        #expect(try BinaryTensor.decode(mixed.body[length...], datatype: .fp32, count: 2, tensor: "p") == .float([0.25, 0.75]))
    }
}
