@testable import BotpoolClients
import BotpoolTransport
import Foundation
import Testing

@Suite struct XMLRPCCodecTests {
    @Test func encodesACallWithEveryParameterType() {
        let body = XMLRPC.encodeCall("supervisor.x", [
            .string("a<b>&\"'\r"), .int(-3), .bool(true), .array([.int(1), .string("")]),
            .structure(["k": .bool(false)]),
        ])
        #expect(String(decoding: body, as: UTF8.self) == """
            <?xml version="1.0" encoding="UTF-8"?>
            <methodCall><methodName>supervisor.x</methodName><params>\
            <param><value><string>a&lt;b&gt;&amp;&quot;&apos;&#13;</string></value></param>\
            <param><value><int>-3</int></value></param>\
            <param><value><boolean>1</boolean></value></param>\
            <param><value><array><data><value><int>1</int></value><value><string></string></value></data></array></value></param>\
            <param><value><struct><member><name>k</name><value><boolean>0</boolean></value></member></struct></value></param>\
            </params></methodCall>

            """)
    }

    @Test func everyValueTypeRoundTrips() async throws {
        let values: [XMLRPC.Value] = [
            .int(42), .int(-7), .bool(true), .bool(false), .string("ünï ☃ <&> \u{1B}[0m"), .string(""), .double(1.5),
            .dateTime("20240101T12:00:00"), .base64(Data([0, 1, 255])), .nil,
            .array([.int(1), .array([])]), .structure(["a": .structure(["b": .string("c")]), "": .int(0)]),
        ]
        for value in values {
            let call = XMLRPC.encodeCall("m", [value])
            let response = String(decoding: call, as: UTF8.self)
                .replacingOccurrences(of: "<methodCall><methodName>m</methodName>", with: "<methodResponse>")
                .replacingOccurrences(of: "</methodCall>", with: "</methodResponse>")
            let client = Supervisor.Client(transport: RecordingTransport(json: response), socketPath: "/s")
            #expect(try await client.call("m") == .success(value))
        }
    }

    @Test func untypedValueIsAStringAndI4IsAnInt() async throws {
        let response = "<methodResponse><params><param><value><array><data><value>plain &amp; simple</value><value><i4>5</i4></value><value/></data></array></value></param></params></methodResponse>"
        let client = Supervisor.Client(transport: RecordingTransport(json: response), socketPath: "/s")
        #expect(try await client.call("m") == .success(.array([.string("plain & simple"), .int(5), .string("")])))
    }

    /// Blanks around a number are trimmed as `CharacterSet.whitespaces` would (spaces, tabs and
    /// other Unicode spaces, never newlines); inside a string they stay.
    @Test func blanksAroundNumbersAreTrimmedButNotNewlines() throws {
        func value(_ xml: String) throws -> XMLRPC.Value {
            try XMLRPC.decode(XMLRPC.parseElement(Array("<value>\(xml)</value>".utf8)))
        }
        #expect(try value("<int> 42\t</int>") == .int(42))
        #expect(try value("<i4>\u{00A0}-7 </i4>") == .int(-7))
        #expect(try value("<boolean>\t1 </boolean>") == .bool(true))
        #expect(try value("<double> 2.5 </double>") == .double(2.5))
        #expect(try value("<dateTime.iso8601> 20261201T10:00:00 </dateTime.iso8601>") == .dateTime("20261201T10:00:00"))
        #expect(try value("<string> a </string>") == .string(" a "))
        #expect(throws: XMLRPC.MalformedXML.self) { try value("<int>\n42</int>") }
        #expect(throws: XMLRPC.MalformedXML.self) { try value("<int> </int>") }
        #expect(XMLRPC.blanksTrimmed(" \t ") == "")
    }

    @Test func faultCarriesCodeAndString() async throws {
        let client = Supervisor.Client(transport: RecordingTransport(json: SupervisorSamples.fault(1, "UNKNOWN_METHOD")), socketPath: "/s")
        #expect(try await client.call("supervisor.nope") == .failure(XMLRPC.Fault(code: 1, string: "UNKNOWN_METHOD")))
    }

    @Test func garbageIsAMalformedResponse() async {
        let client = Supervisor.Client(transport: RecordingTransport(json: "<html><body>nope</body>"), socketPath: "/s")
        await #expect(throws: Supervisor.Error.self) { _ = try await client.call("m") }
    }

    /// A hostile pool's supervisord answering 200,000 nested elements crashed the controller
    /// (the tree is freed recursively); past 64 levels it is a malformed answer.
    @Test func deepNestingIsRefusedNotRecursedInto() async {
        let depth = 200_000
        let xml = "<methodResponse><params><param><value>" + String(repeating: "<array><data><value>", count: depth)
            + String(repeating: "</value></data></array>", count: depth) + "</value></param></params></methodResponse>"
        let client = Supervisor.Client(transport: RecordingTransport(json: xml), socketPath: "/s")
        let error = await #expect(throws: Supervisor.Error.self) { _ = try await client.call("m") }
        #expect("\(error.map { "\($0)" } ?? "")".contains("nested deeper than 64"))
    }

    @Test func anAnswerCutAtItsLimitIsMalformed() async {
        let response = HTTPResponse(status: 200, body: Data(SupervisorSamples.fault(1, "x").utf8), truncated: true)
        let client = Supervisor.Client(transport: RecordingTransport(responses: [response]), socketPath: "/s")
        let error = await #expect(throws: Supervisor.Error.self) { _ = try await client.call("m") }
        #expect("\(error.map { "\($0)" } ?? "")".contains("larger than 16 MiB"))
    }

    @Test func faultCodesAndStatesMapBothWays() {
        #expect(Supervisor.FaultCode(rawValue: 91) == .stillRunning)
        #expect(Supervisor.FaultCode.cantReread.rawValue == 92)
        #expect(Supervisor.FaultCode(rawValue: 500) == .other(500))
        #expect("\(Supervisor.FaultCode.alreadyAdded)" == "ALREADY_ADDED")
        #expect(Supervisor.ProcessState(rawValue: 200) == .fatal)
        #expect("\(Supervisor.ProcessState.backoff)" == "BACKOFF")
    }
}
