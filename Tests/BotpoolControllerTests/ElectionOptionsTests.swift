@testable import BotpoolCLI
import Testing

@Suite struct ElectionOptionsTests {
    /// Followers hand `get --server` over to this URL: 0.0.0.0 is no address another host can use.
    @Test func theAdvertisedStatusURLIsOneAnotherHostCanUse() throws {
        let plain = try ElectionOptions.parse([])
        #expect(plain.statusURL(listen: "127.0.0.1:9180", hostName: "mgr1") == "http://127.0.0.1:9180")
        #expect(plain.statusURL(listen: "0.0.0.0:9180", hostName: "mgr1") == "http://mgr1:9180")
        #expect(plain.statusURL(listen: "[::]:9180", hostName: "mgr1") == "http://mgr1:9180")
        #expect(plain.statusURL(listen: "none", hostName: "mgr1") == nil)
        let given = try ElectionOptions.parse(["--advertise-url", "http://10.0.0.5:9180"])
        #expect(given.statusURL(listen: "0.0.0.0:9180", hostName: "mgr1") == "http://10.0.0.5:9180")
        #expect(throws: (any Error).self) { try ElectionOptions.parse(["--advertise-url", "10.0.0.5:9180"]) }
    }
}
