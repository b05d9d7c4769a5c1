import Foundation

extension Etcd.Client {
    /// Maps to POST /v3/kv/range with one key. Nil when the key does not exist.
    public func get(_ key: String) async throws(Etcd.Error) -> Etcd.KeyValue? {
        let route = "/v3/kv/range"
        let answer = try await call(route, EtcdWire.Range(key: EtcdWire.base64(key)), as: EtcdWire.RangeAnswer.self)
        return try first(answer?.kvs, route)
    }

    /// Maps to POST /v3/kv/put. The revision of the write.
    @discardableResult
    public func put(_ key: String, value: Data, lease: Int64 = 0) async throws(Etcd.Error) -> Int64 {
        let route = "/v3/kv/put"
        let body = EtcdWire.Put(key: EtcdWire.base64(key), value: value.base64EncodedString(),
                                lease: lease == 0 ? nil : String(lease))
        let answer = try await call(route, body, as: EtcdWire.PutAnswer.self)
        return try revision(answer?.header, route)
    }

    /// Maps to POST /v3/kv/txn: if `key` does not exist (create_revision 0), put `value` on
    /// `lease`; else read the key. Who got there first decides; there is no second step.
    public func campaign(_ key: String, value: Data, lease: Int64) async throws(Etcd.Error) -> Etcd.CampaignResult {
        let route = "/v3/kv/txn"
        let encodedKey = EtcdWire.base64(key)
        let txn = EtcdWire.Txn(
            compare: [.init(key: encodedKey, target: "CREATE", result: "EQUAL", create_revision: "0")],
            success: [.init(request_put: .init(key: encodedKey, value: value.base64EncodedString(), lease: String(lease)))],
            failure: [.init(request_range: .init(key: encodedKey))])
        let answer = try await call(route, txn, as: EtcdWire.TxnAnswer.self)
        if answer?.succeeded == true {
            return .won(revision: try revision(answer?.header, route))
        }
        return .held(by: try first(answer?.responses?.first?.response_range?.kvs, route))
    }

    private func first(_ kvs: [EtcdWire.KeyValue]?, _ route: String) throws(Etcd.Error) -> Etcd.KeyValue? {
        guard let kv = kvs?.first else { return nil }
        do {
            return try kv.decoded()
        } catch {
            throw .malformedResponse(endpoint: endpoint, operation: route, detail: "\(error)")
        }
    }

    private func revision(_ header: EtcdWire.Header?, _ route: String) throws(Etcd.Error) -> Int64 {
        guard let text = header?.revision, let revision = Int64(text), revision > 0 else {
            throw .malformedResponse(endpoint: endpoint, operation: route, detail: "no header revision")
        }
        return revision
    }
}
