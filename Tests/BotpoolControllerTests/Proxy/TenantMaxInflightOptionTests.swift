@testable import BotpoolCLI
import Testing

/// `run --tenant-max-inflight`: the proxy's per-token limit, 5 unless given, at least 1.
@Suite struct TenantMaxInflightOptionTests {
    @Test func theFlagSetsTheProxysLimitAndRefusesLessThanOne() throws {
        #expect(try RunCommand.parse(["--tenant-max-inflight", "12"]).proxyLimits().maxInflight == 12)
        #expect(try RunCommand.parse([]).proxyLimits().maxInflight == 5)
        #expect(throws: (any Error).self) { try RunCommand.parse(["--tenant-max-inflight", "0"]) }
    }
}
