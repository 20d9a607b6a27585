import DfnsWire
import Foundation
import Testing

@Suite("Hex")
struct HexTests {
    @Test("encodes lowercase and decodes either case")
    func roundTrip() {
        let bytes: [UInt8] = [0x00, 0x0f, 0xa5, 0xff]
        #expect(Hex.encode(bytes) == "000fa5ff")
        #expect(Hex.decode("000fa5ff") == Data(bytes))
        #expect(Hex.decode("000FA5FF") == Data(bytes))
        #expect(Hex.decode("") == Data())
    }

    @Test("refuses odd lengths and non-hex characters", arguments: ["abc", "zz", "0x00", "a b "])
    func refusals(text: String) {
        #expect(Hex.decode(text) == nil)
    }
}
