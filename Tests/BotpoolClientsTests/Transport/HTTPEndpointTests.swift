import BotpoolTransport
import Testing

@Suite struct HTTPEndpointTests {
    @Test func parsesEverySchemeBotpoolAccepts() throws {
        #expect(try HTTPEndpoint(parsing: "unix:///var/run/docker.sock") == .unixSocket(path: "/var/run/docker.sock"))
        #expect(try HTTPEndpoint(parsing: "http://127.0.0.1:9000") == .http(host: "127.0.0.1", port: 9000))
        #expect(try HTTPEndpoint(parsing: "tcp://docker.example:2375/") == .http(host: "docker.example", port: 2375))
        let tls = TLSOptions(dockerCertPath: "/certs")
        #expect(try HTTPEndpoint(parsing: "tcp://docker.example:2376", tls: tls) == .https(host: "docker.example", port: 2376, tls: tls))
        #expect(try HTTPEndpoint(parsing: "https://[::1]:8443").description == "https://[::1]:8443")
        #expect(try HTTPEndpoint(parsing: "http://localhost") == .http(host: "localhost", port: 80))
    }

    @Test func rejectsWithAReason() {
        #expect(throws: TransportError.invalidEndpoint("unix://relative.sock", reason: "a unix socket path must be absolute, e.g. unix:///var/run/docker.sock")) {
            try HTTPEndpoint(parsing: "unix://relative.sock")
        }
        #expect(throws: TransportError.self) { try HTTPEndpoint(parsing: "ftp://x") }
        #expect(throws: TransportError.invalidEndpoint("http://h:99999", reason: "port \"99999\" is not a number from 1 to 65535")) {
            try HTTPEndpoint(parsing: "http://h:99999")
        }
    }

    @Test func queryEscapingKeepsOnlyUnreserved() {
        #expect(HTTPQuery.encode([("filters", #"{"label":["a=b"]}"#), ("x y", "ü")])
            == "filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D&x%20y=%C3%BC")
    }
}
