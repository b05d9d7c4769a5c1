extension Etcd.Client {
    /// Maps to POST /v3/lease/grant. A lease of `ttl` seconds; its ID.
    public func grant(ttl: Int) async throws(Etcd.Error) -> Int64 {
        let route = "/v3/lease/grant"
        let answer = try await call(route, EtcdWire.LeaseGrant(TTL: String(ttl)), as: EtcdWire.LeaseGrantAnswer.self)
        if let error = answer?.error, !error.isEmpty {
            throw .api(endpoint: endpoint, operation: route, status: 200, message: error)
        }
        guard let text = answer?.ID, let id = Int64(text), id != 0 else {
            throw .malformedResponse(endpoint: endpoint, operation: route, detail: "no lease ID")
        }
        return id
    }

    /// Maps to POST /v3/lease/keepalive (a stream in gRPC; the gateway answers one request with
    /// one line and closes). The seconds left after the renewal; 0 when the lease is gone
    /// (expired or revoked): etcd leaves a zero TTL out.
    public func keepAlive(_ lease: Int64) async throws(Etcd.Error) -> Int {
        let route = "/v3/lease/keepalive"
        let answer = try await call(route, EtcdWire.LeaseID(ID: String(lease)), as: EtcdWire.KeepAliveAnswer.self)
        if let message = answer?.error?.message {
            throw .api(endpoint: endpoint, operation: route, status: 200, message: message)
        }
        guard let result = answer?.result else {
            throw .malformedResponse(endpoint: endpoint, operation: route, detail: "no result")
        }
        do {
            return Int(try EtcdWire.int(result.TTL, "TTL"))
        } catch {
            throw .malformedResponse(endpoint: endpoint, operation: route, detail: "\(error)")
        }
    }

    /// Maps to POST /v3/lease/revoke. Deletes the lease and every key attached to it. False when
    /// it was already gone (404).
    @discardableResult
    public func revoke(_ lease: Int64) async throws(Etcd.Error) -> Bool {
        try await call("/v3/lease/revoke", EtcdWire.LeaseID(ID: String(lease)), as: EtcdWire.Empty.self,
                       nilOn: [404]) != nil
    }
}
