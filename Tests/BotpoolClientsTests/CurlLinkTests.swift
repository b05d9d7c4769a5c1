import BotpoolTransport
import Testing

@Suite struct CurlLinkTests {
    @Test func libcurlIsLinkedAndInitialises() {
        #expect(CurlLibrary.ensureInitialized())
        #expect(CurlLibrary.version.hasPrefix("libcurl/"))
    }
}
