import BotpoolClients
import BotpoolTransport
import Foundation
import Testing

/// The gateway's JSON shapes, as etcd 3.4 sends them (answers copied from a real member).
@Suite struct EtcdClientTests {
    private let header = #""header":{"cluster_id":"14841639068965178418","member_id":"10276657743932975437","revision":"7","raft_term":"2"}"#

    private func client(_ transport: RecordingTransport) -> Etcd.Client {
        Etcd.Client(transport: transport, endpoint: "http://127.0.0.1:2379", timeout: .seconds(2), maxResponseBytes: 4096)
    }

    @Test func grantSendsTheTTLAsAStringAndKeepsTheIDPast2To53() async throws {
        let transport = RecordingTransport(json: #"{\#(header),"ID":"7587899260043973381","TTL":"15"}"#)
        let id = try await client(transport).grant(ttl: 15)
        #expect(id == 7_587_899_260_043_973_381)
        let request = try #require(transport.lastRequest)
        #expect(request.method == .post)
        #expect(request.path == "/v3/lease/grant")
        #expect(transport.lastBody == #"{"TTL":"15"}"#)
        #expect(request.timeout == .seconds(2))
        #expect(request.maxResponseBytes == 4096)
    }

    @Test func keepAliveAnswersTheTTLLeftAndZeroForAGoneLease() async throws {
        let alive = RecordingTransport(json: #"{"result":{\#(header),"ID":"7587899260043973383","TTL":"14"}}"#)
        #expect(try await client(alive).keepAlive(7_587_899_260_043_973_383) == 14)
        #expect(alive.lastRequest?.path == "/v3/lease/keepalive")
        #expect(alive.lastBody == #"{"ID":"7587899260043973383"}"#)

        let gone = RecordingTransport(json: #"{"result":{\#(header),"ID":"7587899260043973383"}}"#)
        #expect(try await client(gone).keepAlive(7_587_899_260_043_973_383) == 0)
    }

    @Test func revokeOfAGoneLeaseIsFalseNotAnError() async throws {
        let done = RecordingTransport(json: #"{\#(header)}"#)
        #expect(try await client(done).revoke(42) == true)
        #expect(done.lastRequest?.path == "/v3/lease/revoke")
        #expect(done.lastBody == #"{"ID":"42"}"#)

        let gone = RecordingTransport(status: 404, json: #"{"error":"etcdserver: requested lease not found","message":"etcdserver: requested lease not found","code":5}"#)
        #expect(try await client(gone).revoke(42) == false)
    }

    @Test func getDecodesBase64AndRevisions() async throws {
        let transport = RecordingTransport(json: """
            {\(header),"kvs":[{"key":"L2JvdHBvb2wveC9sZWFkZXI=","create_revision":"2","mod_revision":"5","version":"1",\
            "value":"aGVsbG8=","lease":"7587899260043973383"}],"count":"1"}
            """)
        let kv = try #require(try await client(transport).get("/botpool/x/leader"))
        #expect(transport.lastRequest?.path == "/v3/kv/range")
        #expect(transport.lastBody == #"{"key":"L2JvdHBvb2wveC9sZWFkZXI="}"#)
        #expect(kv == Etcd.KeyValue(key: "/botpool/x/leader", value: Data("hello".utf8), createRevision: 2,
                                    modRevision: 5, lease: 7_587_899_260_043_973_383))

        let absent = RecordingTransport(json: #"{\#(header)}"#)
        #expect(try await client(absent).get("/botpool/x/leader") == nil)
    }

    @Test func putNamesTheLeaseOnlyWhenThereIsOne() async throws {
        let transport = RecordingTransport(json: #"{\#(header)}"#)
        #expect(try await client(transport).put("/k", value: Data("v".utf8)) == 7)
        #expect(transport.lastBody == #"{"key":"L2s=","value":"dg=="}"#)
        _ = try await client(transport).put("/k", value: Data("v".utf8), lease: 9)
        #expect(transport.lastBody == #"{"key":"L2s=","lease":"9","value":"dg=="}"#)
    }

    @Test func campaignIsCreateIfAbsentElseRead() async throws {
        let won = RecordingTransport(json: #"{\#(header),"succeeded":true,"responses":[{"response_put":{"header":{"revision":"7"}}}]}"#)
        #expect(try await client(won).campaign("/k", value: Data("me".utf8), lease: 5) == .won(revision: 7))
        #expect(won.lastRequest?.path == "/v3/kv/txn")
        #expect(won.lastBody == """
            {"compare":[{"create_revision":"0","key":"L2s=","result":"EQUAL","target":"CREATE"}],\
            "failure":[{"request_range":{"key":"L2s="}}],\
            "success":[{"request_put":{"key":"L2s=","lease":"5","value":"bWU="}}]}
            """)

        let held = RecordingTransport(json: """
            {\(header),"responses":[{"response_range":{"header":{"revision":"7"},"kvs":[{"key":"L2s=",\
            "create_revision":"3","mod_revision":"3","version":"1","value":"b3RoZXI=","lease":"11"}],"count":"1"}}]}
            """)
        let result = try await client(held).campaign("/k", value: Data("me".utf8), lease: 5)
        #expect(result == .held(by: Etcd.KeyValue(key: "/k", value: Data("other".utf8), createRevision: 3, modRevision: 3, lease: 11)))
    }

    @Test func errorsNameTheEndpointAndKeepEtcdsMessage() async throws {
        let refused = RecordingTransport([.failure(.cannotConnect(endpoint: "http://127.0.0.1:2379", reason: .refused))])
        let unreachable = await #expect(throws: Etcd.Error.self) { _ = try await client(refused).grant(ttl: 15) }
        #expect(unreachable?.description.contains("etcd at http://127.0.0.1:2379") == true)

        let denied = RecordingTransport(status: 400, json: #"{"error":"etcdserver: too many operations in txn request","message":"etcdserver: too many operations in txn request","code":3}"#)
        let api = await #expect(throws: Etcd.Error.self) { _ = try await client(denied).get("/k") }
        #expect(api?.description == "etcd at http://127.0.0.1:2379: /v3/kv/range: 400 etcdserver: too many operations in txn request")

        let huge = RecordingTransport(responses: [HTTPResponse(status: 200, body: Data("{".utf8), truncated: true)])
        let bounded = await #expect(throws: Etcd.Error.self) { _ = try await client(huge).keepAlive(1) }
        #expect(bounded?.description.contains("larger than 4096 bytes") == true)

        let garbage = RecordingTransport(json: #"{\#(header),"kvs":[{"key":"L2s=","create_revision":"x"}]}"#)
        let malformed = await #expect(throws: Etcd.Error.self) { _ = try await client(garbage).get("/k") }
        #expect(malformed?.description.contains("create_revision \"x\" is not an int64") == true)
    }
}
