@testable import BotpoolClients
import BotpoolTransport
import Foundation
import FuzzSupport
import Testing

/// What a hostile pool can answer: mutated real responses, byte soup, nesting, numbers past
/// every width, cut-off documents. The decoder must return a value, a fault or a
/// `MalformedXML`, never crash, and keep to `XMLRPC.maxDepth` and `maxResponseBytes`.
@Suite struct XMLRPCFuzzTests {
    static let samples = [
        SupervisorSamples.getState, SupervisorSamples.getAllProcessInfo, SupervisorSamples.getAllConfigInfo,
        SupervisorSamples.reloadConfigChanged, SupervisorSamples.tailWithControlCharacters, SupervisorSamples.ok,
        SupervisorSamples.fault(10, "BAD_NAME: a &amp; b"),
        String(decoding: XMLRPC.encodeCall("m", [.structure(["d": .double(-1.5e-300), "b": .base64(Data([0, 255])),
                                                             "t": .dateTime("20240101T00:00:00"), "n": .nil])]), as: UTF8.self)
            .replacingOccurrences(of: "<methodCall><methodName>m</methodName>", with: "<methodResponse>")
            .replacingOccurrences(of: "</methodCall>", with: "</methodResponse>"),
    ]

    static let mutator = ByteMutator(dictionary: [
        "<value>", "</value>", "<struct>", "</struct>", "<member>", "<name>", "</name>", "<array>", "<data>", "</data>",
        "<int>", "</int>", "<i8>", "<double>", "<boolean>", "<base64>", "<string>", "<nil/>", "<fault>",
        "<![CDATA[", "]]>", "<!--", "-->", "<?xml", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "</methodResponse>",
        "&amp;", "&#x110000;", "&#99999999999;", "&#xD800;", "&", ";", "&a;",
        "99999999999999999999999", "-9223372036854775808", "9223372036854775808", "1e400", "-1e-400", "nan", "inf",
    ])

    /// Decodes without crashing; a value it returns survives its own encoding. Returns the
    /// thread CPU time decoding took.
    @discardableResult
    static func check(_ bytes: [UInt8]) -> Duration {
        let start = ThreadCPUTime.now()
        let value: XMLRPC.Value
        do {
            switch try XMLRPC.decodeResponse(Data(bytes)) {
            case .success(let decoded): value = decoded
            case .failure(let fault): value = .structure(["faultCode": .int(fault.code), "faultString": .string(fault.string)])
            }
        } catch {
            #expect(!error.description.isEmpty)
            return ThreadCPUTime.now() - start
        }
        let elapsed = ThreadCPUTime.now() - start
        guard !value.holdsNaN else { return elapsed }
        let again = try? XMLRPC.decodeResponse(Data(
            ("<methodResponse><params><param>" + XMLRPC.encode(value) + "</param></params></methodResponse>").utf8))
        #expect(again == .success(value), "\(value)")
        return elapsed
    }

    @Test func mutatedResponsesDecodeOrFailCleanly() async {
        await OffPool.run {
            var random = SplitMix64(seed: 0xB07_9001)
            let seeds = Self.samples.map { Array($0.utf8) }
            var slowest = (Duration.zero, [UInt8]())
            for _ in 0..<1500 {
                let input = Self.mutator.mutate(random.pick(seeds) ?? [], using: &random)
                let elapsed = Self.check(input)
                if elapsed > slowest.0 { slowest = (elapsed, input) }
            }
            #expect(slowest.0 < .seconds(1), "slowest input took \(slowest.0): \(String(decoding: slowest.1.prefix(400), as: UTF8.self))")
        }
    }

    @Test func byteSoupFailsCleanly() async {
        await OffPool.run {
            var random = SplitMix64(seed: 0x50_0B)
            for _ in 0..<1500 {
                Self.check(Self.mutator.soup(count: Int.random(in: 0...600, using: &random), using: &random))
            }
        }
    }

    @Test func everyTruncationOfAResponseFailsCleanly() async {
        await OffPool.run {
            for sample in Self.samples {
                let bytes = Array(sample.utf8)
                let closing = sample.utf8.count - (sample.range(of: "</methodResponse>").map { sample[$0.lowerBound...].utf8.count } ?? 0)
                for cut in 0..<bytes.count {
                    let prefix = Array(bytes[..<cut])
                    #expect(cut >= closing || (try? XMLRPC.decodeResponse(Data(prefix))) == nil, "cut at \(cut) decoded")
                    Self.check(prefix)
                }
            }
        }
    }

    @Test func nestingStopsAtMaxDepthWhateverTheDepthSent() async throws {
        try await OffPool.run { () async throws in
            func nested(_ depth: Int) -> Data {
                Data((String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)).utf8)
            }
            #expect(try XMLRPC.parseElement([UInt8](nested(XMLRPC.maxDepth))).name == "a")
            for depth in [XMLRPC.maxDepth + 1, 10_000, 200_000] {
                #expect(throws: XMLRPC.MalformedXML.self) { try XMLRPC.parseElement([UInt8](nested(depth))) }
            }
            let arrays = "<methodResponse><params><param>" + String(repeating: "<value><array><data>", count: 100_000)
            #expect(throws: XMLRPC.MalformedXML.self) { try XMLRPC.decodeResponse(Data(arrays.utf8)) }
        }
    }

    @Test func numbersPastEveryWidthAreErrorsOrValues() async throws {
        try await OffPool.run { () async throws in
            func decode(_ value: String) throws -> XMLRPC.Value? {
                try XMLRPC.decodeResponse(Data("<methodResponse><params><param><value>\(value)</value></param></params></methodResponse>".utf8)).get()
            }
            #expect(throws: XMLRPC.MalformedXML.self) { try decode("<int>\(String(repeating: "9", count: 5000))</int>") }
            #expect(throws: XMLRPC.MalformedXML.self) { try decode("<i8>9223372036854775808</i8>") }
            #expect(try decode("<i8>-9223372036854775808</i8>") == .int(.min))
            #expect(try decode("<double>1e400</double>") == .double(.infinity))
            #expect(throws: XMLRPC.MalformedXML.self) { try decode("<string>&#99999999999;</string>") }
        }
    }

    /// The client asks the transport for at most `maxResponseBytes` and refuses what was cut;
    /// an answer just under the cap decodes.
    @Test func theClientKeepsToMaxResponseBytes() async throws {
        try await OffPool.run { () async throws in
            let cut = RecordingTransport(responses: [HTTPResponse(status: 200, body: Data(SupervisorSamples.ok.utf8), truncated: true)])
            let client = Supervisor.Client(transport: cut, socketPath: "/s")
            await #expect(throws: Supervisor.Error.self) { try await client.call("supervisor.getState") }
            #expect(cut.lastRequest?.maxResponseBytes == XMLRPC.maxResponseBytes)

            let head = Array("<methodResponse><params><param><value><string>".utf8)
            let tail = Array("</string></value></param></params></methodResponse>".utf8)
            let length = XMLRPC.maxResponseBytes - head.count - tail.count
            let big = head + [UInt8](repeating: UInt8(ascii: "x"), count: length) + tail
            #expect(big.count == XMLRPC.maxResponseBytes)
            #expect(try XMLRPC.decodeResponse(Data(big)).get().string?.utf8.count == length)
        }
    }
}

private extension XMLRPC.Value {
    /// NaN is not equal to itself, so a value holding one cannot be compared after a round trip.
    var holdsNaN: Bool {
        switch self {
        case .double(let number): number.isNaN
        case .array(let items): items.contains { $0.holdsNaN }
        case .structure(let members): members.values.contains { $0.holdsNaN }
        default: false
        }
    }
}
