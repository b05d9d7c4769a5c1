import BotpoolManifest
import Testing

@Suite struct PortArithmeticTests {
    @Test func slotPortsFollowTheDesignFormula() {
        let spec = PoolClassSpec(image: "i", maxBots: 10, basePort: 9000, maxPools: 20)
        #expect(spec.port(poolIndex: 0, slot: 0) == 9000)
        #expect(spec.port(poolIndex: 2, slot: 3) == 9023)
        #expect(spec.portRange == 9000...9199)
    }

    @Test func byteCountsPrintInTheLargestExactUnit() {
        #expect(ByteCount.mebibytes(300).description == "300Mi")
        #expect(ByteCount.gibibytes(2).description == "2Gi")
        #expect(ByteCount(bytes: 1500).description == "1500")
    }
}
