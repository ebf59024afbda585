@testable import FerryCore
import Testing

@Suite("DEFLATE decoder")
struct DeflateDecoderTests {
    private typealias B = ScanTestBytes

    /// Python: `random.seed(7)`; 150 words drawn from a list of 13, joined with spaces, compressed with
    /// `zlib.compressobj(9, zlib.DEFLATED, -15)`: one final dynamic-Huffman block (954 bytes, CRC 0x00bba968).
    private let dynamicBlock = ScanTestBytes.hex("""
        6d53d11283200cfb157e8d296c9e303db73d6c5f3f695247bc71a7676992a605f3166b0ad7b25c62099f690d75195309eb34cc
        2585651df630dc5e39d778f7301b27a76d7b3bd0118f671ce613bba9b687212027e596270bba028627bca52c02bc3b0971e125
        d8634d75312ce3736fa66520cfa02ee10223d8f2a889d19c9a4bb6942a0d803ba65ce23351af9f4cdc17a51d04e21159ce5c43
        cb18b4ccf2b625c3ffd3ab0a9279186b48399e3fa7c8a29d65eeb84a774ee89422c6702554e944c4507f017520c6f02d3569ee
        3d45213140534c39a2b1fa9b876f1909a1bfbf07fea8a723e530648a8e90db6b9d98bc1e23b27bad2f
        """)

    private func inflate(_ bytes: [UInt8], limit: Int = 1 << 20) -> DeflateDecoder.Result {
        withBuffer(bytes) { DeflateDecoder.inflate($0, outputLimit: limit) }
    }

    @Test("A dynamic-Huffman block written by Python's zlib")
    func dynamicHuffman() {
        #expect((dynamicBlock[0] >> 1) & 3 == 2)
        let result = inflate(dynamicBlock)
        #expect(result.ending == .complete)
        #expect(result.output.count == 954)
        #expect(B.crc32(result.output) == 0x00BB_A968)
        #expect(result.output.starts(with: B.ascii("frame global zip model pickle opcode huffman opcode frame ferry")))
    }

    @Test("A fixed-Huffman block with back-references")
    func fixedHuffman() {
        // zlib.compressobj(9, zlib.DEFLATED, -15) of b"hello hello hello".
        let result = inflate(B.hex("cb48cdc9c957c8409000"))
        #expect(result.ending == .complete)
        #expect(result.output == B.ascii("hello hello hello"))
    }

    @Test("Stored blocks")
    func stored() {
        let block: [UInt8] = [0x00, 0x03, 0x00, 0xFC, 0xFF] + B.ascii("abc") + [0x01, 0x02, 0x00, 0xFD, 0xFF] + B.ascii("de")
        let result = inflate(block)
        #expect(result.ending == .complete)
        #expect(result.output == B.ascii("abcde"))
    }

    @Test("The output cap stops decoding and keeps the first bytes")
    func outputCap() {
        let result = inflate(dynamicBlock, limit: 100)
        #expect(result.ending == .outputLimitReached)
        #expect(result.output.count == 100)
        #expect(result.output.starts(with: B.ascii("frame global")))
    }

    @Test("Malformed streams fail without crashing", arguments: [
        [0x07] as [UInt8],  // reserved block type
        [0x01, 0x03, 0x00, 0x00, 0x00],  // stored length and complement disagree
        [0x01, 0x05, 0x00, 0xFA, 0xFF, 0x61],  // stored block runs past the input
        [0x03, 0x02, 0x00],  // fixed block: a distance before the start (zlib: "invalid distance too far back")
        [],
    ])
    func malformed(bytes: [UInt8]) {
        guard case .failed = inflate(bytes).ending else {
            Issue.record("expected a failure")
            return
        }
    }

    @Test("A truncated dynamic block fails and keeps what it decoded")
    func truncated() {
        let result = inflate(Array(dynamicBlock.prefix(120)))
        guard case .failed = result.ending else {
            Issue.record("expected a failure")
            return
        }
        #expect(result.output.count < 954)
    }
}
