import Foundation

/// The gateway's JSON shapes. int64 fields travel as strings (lease IDs pass 2^53); fields at
/// their zero value are left out of answers, so every one is optional.
enum EtcdWire {
    struct Header: Decodable {
        var revision: String?
    }

    struct KeyValue: Decodable {
        var key: String?
        var value: String?
        var create_revision: String?
        var mod_revision: String?
        var lease: String?

        func decoded() throws -> Etcd.KeyValue {
            guard let keyData = Data(base64Encoded: key ?? "") else { throw Malformed("key is not base64") }
            guard let valueData = Data(base64Encoded: value ?? "") else { throw Malformed("value is not base64") }
            return Etcd.KeyValue(key: String(decoding: keyData, as: UTF8.self), value: valueData,
                                 createRevision: try int(create_revision, "create_revision"),
                                 modRevision: try int(mod_revision, "mod_revision"), lease: try int(lease, "lease"))
        }
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// An int64 field: absent means 0.
    static func int(_ text: String?, _ field: String) throws -> Int64 {
        guard let text else { return 0 }
        guard let value = Int64(text) else { throw Malformed("\(field) \"\(text.prefix(40))\" is not an int64") }
        return value
    }

    // Requests.
    struct LeaseGrant: Encodable { var TTL: String }
    struct LeaseID: Encodable { var ID: String }
    struct Range: Encodable { var key: String }
    struct Put: Encodable {
        var key: String
        var value: String
        var lease: String?
    }

    struct Compare: Encodable {
        var key: String
        var target: String
        var result: String
        var create_revision: String
    }

    struct RequestOp: Encodable {
        var request_put: Put?
        var request_range: Range?
    }

    struct Txn: Encodable {
        var compare: [Compare]
        var success: [RequestOp]
        var failure: [RequestOp]
    }

    // Answers.
    struct LeaseGrantAnswer: Decodable {
        var ID: String?
        var TTL: String?
        var error: String?
    }

    struct KeepAliveAnswer: Decodable {
        struct Result: Decodable {
            var ID: String?
            var TTL: String?
        }
        var result: Result?
        var error: Message?
    }

    struct Message: Decodable {
        var message: String?
    }

    struct Empty: Decodable {}

    struct RangeAnswer: Decodable {
        var header: Header?
        var kvs: [KeyValue]?
    }

    struct PutAnswer: Decodable {
        var header: Header?
    }

    struct TxnAnswer: Decodable {
        struct ResponseOp: Decodable {
            var response_range: RangeAnswer?
        }
        var header: Header?
        var succeeded: Bool?
        var responses: [ResponseOp]?
    }

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
}
